"""The applicant's side of 补正 (政府信息公开条例 第三十条): the status page says what to supply, by when and under which
article, offers the 补正告知书 (.docx), takes the correction online (a 补正 received step, in the clerks' inbox), and
prints a 回执 with the query code."""

import io
from datetime import date

import time_machine
from django.urls import reverse
from docx import Document

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core import inbox
from fazhi.disclosure import services
from fazhi.disclosure.models import DisclosureRequest, RequestStatus
from fazhi.disclosure.tests import factories as f

ITEMS = "请写明所需信息的名称、文号或者便于查询的其他特征性描述。"


def _awaiting(world):
    with time_machine.travel("2019-09-24 10:00 +0800", tick=False):
        req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20), received_on=date(2019, 9, 20))
        correction = services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items=ITEMS)
    return req, correction


def test_the_status_page_says_what_to_supply_by_when_and_the_article(client, world):
    req, correction = _awaiting(world)
    url = reverse("xxgk:status", args=[world.town.code])
    page = client.get(url, {"code": req.lookup_code}).content.decode()
    assert ITEMS in page and "第三十条" in page
    due = correction.due_on
    assert f"{due.year}年{due.month}月{due.day}日" in page
    assert "下载补正告知书" in page and "提交补正" in page
    docx = client.get(reverse("xxgk:correction_docx", args=[world.town.code]), {"code": req.lookup_code})
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "政府信息公开申请补正告知书" in text and ITEMS in text and "第三十条" in text and req.lookup_code in text
    assert req.applicant_name not in text  # the code holder sees no name
    assert client.get(reverse("xxgk:correction_docx", args=[world.town.code]), {"code": "NOPE"}).status_code == 404


def test_an_online_correction_becomes_the_received_step_and_reaches_the_clerk(client, world):
    req, _ = _awaiting(world)
    url = reverse("xxgk:status", args=[world.town.code])
    with time_machine.travel("2019-09-26 10:00 +0800", tick=False):
        response = client.post(url, {"code": req.lookup_code, "supplied": "所需信息为2019年辛口镇秸秆禁烧工作方案。"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS and req.clock_start == date(2019, 9, 26)
    entry = ChainEntry.objects.filter(event=Event.DISCLOSURE_CORRECTION_RECEIVED).latest("seq")
    assert entry.actor_id is None and "秸秆禁烧工作方案" in str(entry.payload)
    assert any("网上补正" in n.title for n in inbox.inbox_for(world.clerk))
    # Nothing to correct any more: a second post is refused and changes nothing.
    with time_machine.travel("2019-09-26 11:00 +0800", tick=False):
        again = client.post(url, {"code": req.lookup_code, "supplied": "再补"})
    assert again.status_code == 400 and "不需要补正" in again.content.decode()


def test_an_empty_correction_is_refused_with_the_field_named(client, world):
    req, _ = _awaiting(world)
    with time_machine.travel("2019-09-26 10:00 +0800", tick=False):
        response = client.post(reverse("xxgk:status", args=[world.town.code]), {"code": req.lookup_code})
    assert response.status_code == 400 and "补正内容" in response.content.decode()
    assert DisclosureRequest.objects.get(pk=req.pk).status == RequestStatus.AWAITING_CORRECTION


def test_a_printable_receipt_carries_the_query_code(client, world):
    req, _ = _awaiting(world)
    page = client.get(reverse("xxgk:receipt", args=[world.town.code]), {"code": req.lookup_code})
    assert page.status_code == 200
    body = page.content.decode()
    assert req.lookup_code in body and "政府信息公开申请回执" in body and "data-print" in body
    assert req.applicant_name not in body
    other = reverse("xxgk:receipt", args=[world.other_town.code])
    assert client.get(other, {"code": req.lookup_code}).status_code == 404
