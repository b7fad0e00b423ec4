"""The declared steps in the browser and through the API: the same steps, the same inputs, the same refusals."""

import json
from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.disclosure import services
from fazhi.disclosure.models import CatalogueCategory, DisclosureRequest, RequestStatus
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import snapshot

pytestmark = pytest.mark.usefixtures("in_2019")

API = "/api/v1/disclosure"


@pytest.fixture
def req(world):
    return f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


# --- the page -----------------------------------------------------------------------------------------------------


def test_request_page_offers_the_steps_of_its_state_in_order_and_shows_blocked_ones_with_the_reason(client, world, req):
    client.force_login(world.clerk)
    page = client.get(reverse("disclosure:request_detail", args=[req.pk])).content.decode()
    order = [page.index(f'data-testid="step-{name}"') for name in ("correction", "consult", "extend", "answer")]
    assert order == sorted(order)
    assert 'data-testid="step-confirm"' not in page and 'data-testid="step-fee"' not in page
    # Prefixed fields: several step forms on one page, each field with its own id and label.
    assert 'name="answer-on"' in page and 'for="id_answer-on"' in page and 'id="id_answer-on"' in page
    services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充")
    services.receive_correction(actor=world.clerk, request=req, on=date(2019, 9, 25))
    page = client.get(reverse("disclosure:request_detail", args=[req.pk])).content.decode()
    assert 'data-testid="blocked-correction"' in page and "只能一次性作出" in page


def test_third_partys_lapsed_window_shows_as_lapsed_never_overdue(client, world, req):
    services.start_consultation(actor=world.clerk, request=req, on=date(2019, 9, 25), third_party="某公司", matter="x")
    client.force_login(world.clerk)
    page = client.get(reverse("disclosure:request_detail", args=[req.pk])).content.decode()
    cards = page[page.index('data-testid="deadline"') : page.index('data-testid="steps"')]
    assert "期间已届满" in cards and "已超期" not in cards


def test_leader_sees_the_request_but_no_step(client, world, req):
    client.force_login(world.leader)
    page = client.get(reverse("disclosure:request_detail", args=[req.pk])).content.decode()
    assert 'data-testid="step-' not in page


def test_refused_step_comes_back_with_what_was_typed_and_the_error_next_to_its_field(client, world, req):
    client.force_login(world.clerk)
    typed = "经查，部分信息涉及个人隐私，现提供其余部分。"
    before = snapshot()
    response = client.post(
        reverse("disclosure:request_action", args=[req.pk, "answer"]),
        {"answer-on": "2019-10-08", "answer-outcome": "partial", "answer-content": typed, "answer-reasons": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert typed in page  # the textarea keeps the text
    assert 'value="2019-10-08"' in page
    assert '<option value="partial" selected>' in page
    errors = page[page.index('data-testid="step-answer"') :]
    assert (
        'data-testid="error-reasons"' in errors
        and "应当说明理由（《中华人民共和国政府信息公开条例》第三十七条）" in errors
    )
    assert ' open data-testid="step-answer"' in page  # the refused step stays unfolded
    assert snapshot() == before


def test_refusal_by_rule_is_shown_above_the_form(client, world, req):
    services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充")
    client.force_login(world.clerk)
    response = client.post(
        reverse("disclosure:request_action", args=[req.pk, "answer"]),
        {"answer-on": "2019-10-08", "answer-outcome": "disclosed.provided", "answer-content": "提供"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    step = page[page.index('data-testid="step-answer"') :]
    assert 'class="alert alert-danger"' in step and "申请人尚未补正" in step and "第三十条" in step
    assert step.index("申请人尚未补正") < step.index('name="answer-on"')


def test_malformed_input_is_refused_without_a_500(client, world, req):
    client.force_login(world.clerk)
    url = reverse("disclosure:request_action", args=[req.pk, "extend"])
    for data in (
        {"extend-on": "2019-13-45", "extend-days": "5"},
        {"extend-on": "2019-10-08", "extend-days": "NaN", "extend-approver": "99999999999999999999999"},
        {"extend-on": "2019-10-08", "extend-days": "1e99", "extend-reason": "x\x00y"},
        {"extend-on": "2019-10-08", "extend-days": "5", "extend-reason": "字" * 301},
    ):
        assert client.post(url, data).status_code == 400, data
    assert DisclosureRequest.objects.get(pk=req.pk).extension_days == 0


def test_catalogue_refusal_keeps_the_row_form_with_its_error(client, world):
    entry = services.add_catalogue_entry(
        actor=world.clerk,
        body=world.town,
        title="镇政府机构设置",
        summary="内设机构",
        generated_on=date(2019, 6, 3),
        category=CatalogueCategory.A20_2,
    )
    client.force_login(world.clerk)
    response = client.post(reverse("disclosure:catalogue_action", args=[entry.pk, "publish"]), {"on": "2019-06-01"})
    assert response.status_code == 400
    page = response.content.decode()
    row = page[page.index(f'data-testid="step-publish-{entry.pk}"') :]
    assert 'value="2019-06-01"' in row and "早于生成日期" in row


# --- the API ------------------------------------------------------------------------------------------------------


def test_api_takes_a_request_from_registration_to_the_answer(client, world):
    client.force_login(world.clerk)
    data = {**f.application(), "channel": "online", "submitted_on": "2019-09-19", "email": "a@example.cn"}
    created = post_json(client, f"{API}/requests", data)
    assert created.status_code == 200, created.content
    body = created.json()
    assert body["status"] == "awaiting_receipt" and body["number"] == "辛口镇依申请〔2019〕1号"
    pk = body["id"]
    confirmed = post_json(client, f"{API}/requests/{pk}/confirm", {"on": "2019-09-20"})
    assert confirmed.status_code == 200 and confirmed.json()["due_date"] == "2019-10-23"
    extended = post_json(
        client,
        f"{API}/requests/{pk}/extend",
        {
            "on": "2019-10-21",
            "days": 20,
            "reason": "信息量大",
            "approver": world.leader.pk,
            "notified_on": "2019-10-21",
        },
    )
    assert extended.status_code == 200 and extended.json()["due_date"] == "2019-11-20"
    answered = post_json(
        client,
        f"{API}/requests/{pk}/answer",
        {"on": "2019-11-15", "outcome": "partial", "content": "部分公开", "reasons": "含个人信息"},
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "answered" and answered.json()["deadline_state"] == "met"


def test_api_refusal_is_400_with_the_article_and_the_field(client, world, req):
    client.force_login(world.clerk)
    before = snapshot()
    response = post_json(
        client, f"{API}/requests/{req.pk}/answer", {"on": "2019-10-08", "outcome": "partial", "content": "x"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "reasons" and "第三十七条" in body["detail"]
    assert "reasons" in body["errors"]
    bad = post_json(client, f"{API}/requests/{req.pk}/answer", {"on": "2019-10-08", "outcome": "nope", "content": "x"})
    assert bad.status_code == 400 and "outcome" in bad.json()["errors"]
    assert snapshot() == before


def test_api_steps_answer_404_outside_the_town_and_403_without_the_role(client, world, req):
    data = {"on": "2019-10-08", "outcome": "disclosed.provided", "content": "x"}
    client.force_login(world.outsider)
    assert post_json(client, f"{API}/requests/{req.pk}/answer", data).status_code == 404
    for user in (world.colleague, world.leader):
        client.force_login(user)
        assert post_json(client, f"{API}/requests/{req.pk}/answer", data).status_code == 403
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert not ChainEntry.objects.filter(event="disclosure.answered").exists()


def test_api_catalogue_report_and_remedy_steps(client, world):
    client.force_login(world.clerk)
    entry = post_json(
        client,
        f"{API}/catalogue",
        {"title": "机构设置", "summary": "内设机构", "generated_on": "2019-06-03", "category": "20.2"},
    )
    assert entry.status_code == 200 and entry.json()["state"] == "pending"
    published = post_json(client, f"{API}/catalogue/{entry.json()['id']}/publish", {"on": "2019-06-10"})
    assert published.status_code == 200 and published.json()["deadline_state"] == "met"
    report = post_json(client, f"{API}/reports", {"year": 2019})
    assert report.status_code == 200
    edited = post_json(
        client, f"{API}/reports/{report.json()['id']}/edit", {"overview": "概述", "proactive.coercion": "2"}
    )
    assert edited.status_code == 200
    assert client.get(f"{API}/reports/{report.json()['id']}").json()["format_year"] == 2021
    remedy = post_json(client, f"{API}/remedies", {"kind": "review", "filed_on": "2019-11-01"})
    assert remedy.status_code == 200
    concluded = post_json(
        client, f"{API}/remedies/{remedy.json()['id']}/conclude", {"on": "2019-12-01", "result": "maintained"}
    )
    assert concluded.status_code == 200 and concluded.json()["result"] == "maintained"
    guide = post_json(
        client,
        f"{API}/guide",
        {
            "office_name": "党政办",
            "address": "辛口镇",
            "office_hours": "工作日",
            "phone": "022-1",
            "classification": "按条例分类",
            "how_to_obtain": "网上",
        },
    )
    assert guide.status_code == 200 and guide.json()["phone"] == "022-1"
