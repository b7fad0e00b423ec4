"""监督事项 through the step helper: 天津市行政执法监督规定 第二十一条 (3 working days to accept, 30 to decide) and
第二十三条 (复查 within 10 working days, answered within 15); a late rectification needs a reason."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.selectors import entries_for_subject
from fazhi.core import deadlines
from fazhi.core.documents import text_of
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.supervision import rules, services
from fazhi.supervision.models import MatterStatus

pytestmark = pytest.mark.django_db


def opened(w, sup, on=date(2022, 6, 13)):
    return services.open_matter(actor=sup, body=w.town, source="alert", title="调查取证持证执法人员不足两人",
                                facts="2022年3月4日的现场检查只有一名持证执法人员。", on=on)  # fmt: skip


def issued(w, sup, kind="decision", on=date(2022, 6, 16), rectify_by=date(2022, 7, 15)):
    m = services.accept(actor=sup, matter=opened(w, sup), on=date(2022, 6, 14))
    return services.issue(actor=sup, matter=m, on=on, kind=kind, findings="责令限期改正，完善执法人员持证上岗制度。",
                          rectify_by=rectify_by)  # fmt: skip


def test_opening_starts_the_three_working_day_acceptance_clock(w, sup):
    m = opened(w, sup)  # Monday 2022-06-13: 14, 15, 16 June are the 3 working days (第二十一条)
    d = deadlines.latest(m, rules.ACCEPT)
    assert d.due_date == date(2022, 6, 16)
    assert m.number.startswith("监督〔2022〕")
    m = services.accept(actor=sup, matter=m, on=date(2022, 6, 14))
    assert m.status == MatterStatus.ACCEPTED
    assert deadlines.latest(m, rules.ACCEPT).state == "met"
    # 30 working days from 2022-06-14 (端午 2022-06-03 is before): 15 Jun … 26 Jul
    assert deadlines.latest(m, rules.DECIDE).due_date == date(2022, 7, 26)


def test_issuing_a_decision_stores_the_docx_on_the_chain_and_opens_the_review_window(w, sup):
    m = issued(w, sup)
    assert m.status == MatterStatus.ISSUED and m.document_number.startswith("监决〔2022〕")
    entry = entries_for_subject("supervision.matter", m.pk).filter(event="supervision.document_issued").get()
    assert entry.payload["files"][0]["sm3"] == m.document_sm3
    from django.core.files.storage import default_storage

    with default_storage.open(m.document_file, "rb") as fh:
        text = text_of(fh.read())
    assert "行政执法监督决定书" in text and m.document_number in text and "10个工作日内" in text
    # 复查 window: 10 working days from 2022-06-16 → 2022-06-30
    assert deadlines.latest(m, rules.REVIEW_APPLY).due_date == date(2022, 6, 30)
    assert deadlines.latest(m, rules.RECTIFY).due_date == date(2022, 7, 15)


def test_a_late_rectification_report_needs_a_reason(w, sup):
    m = issued(w, sup)
    with pytest.raises(InvalidInput) as refused:
        services.answer(actor=w.leader, matter=m, on=date(2022, 7, 18), report="已整改。")
    assert "第三十条" in refused.value.message and refused.value.field == "late_reason"
    m = services.answer(actor=w.leader, matter=m, on=date(2022, 7, 18), report="已整改。", late_reason="人员外出培训")
    assert m.status == MatterStatus.ANSWERED
    assert deadlines.latest(m, rules.RECTIFY).state == "missed"  # closed after its due date
    m = services.close(actor=sup, matter=m, on=date(2022, 7, 20))
    assert m.status == MatterStatus.CLOSED


def test_review_within_ten_working_days_and_its_answer(w, sup):
    m = issued(w, sup)
    with pytest.raises(InvalidInput, match="第二十三条"):
        services.apply_review(actor=w.leader, matter=m, on=date(2022, 7, 1), reason="事实有误")  # day 11
    m = services.apply_review(actor=w.leader, matter=m, on=date(2022, 6, 30), reason="事实有误")
    assert deadlines.latest(m, rules.REVIEW_ANSWER).due_date == date(2022, 7, 21)  # 15 working days
    m = services.answer_review(actor=sup, matter=m, on=date(2022, 7, 5), upheld=True, opinion="维持原决定。")
    assert m.status == MatterStatus.ISSUED


def test_a_notice_cannot_be_reviewed_and_the_wrong_people_cannot_act(w, sup):
    m = issued(w, sup, kind="notice")
    with pytest.raises(InvalidTransition):
        services.apply_review(actor=w.leader, matter=m, on=date(2022, 6, 20), reason="异议")
    from fazhi.core.access import NotInScope
    from fazhi.core.errors import NotPermitted

    with pytest.raises(NotInScope):
        services.answer(actor=w.outsider, matter=m, on=date(2022, 6, 20), report="x")
    with pytest.raises(NotPermitted):
        services.answer(actor=w.officer1, matter=m, on=date(2022, 6, 20), report="x")


def test_pages_in_scope_out_of_scope_and_anonymous(client, w, sup):
    m = issued(w, sup)
    url = reverse("supervision:matter", args=[m.pk])
    client.force_login(w.leader)
    page = client.get(url)
    assert page.status_code == 200 and "报送整改报告" in page.content.decode()
    assert client.get(reverse("supervision:matter_document", args=[m.pk])).status_code == 200
    client.force_login(w.outsider)
    assert client.get(url).status_code == 404
    assert m.number not in client.get(reverse("supervision:matters")).content.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_a_refused_step_re_renders_with_the_article(client, w, sup):
    m = issued(w, sup)
    client.force_login(w.leader)
    response = client.post(reverse("supervision:matter_step", args=[m.pk, "answer"]),
                           {"report": "已整改", "on": "2022-07-18"})  # fmt: skip
    assert response.status_code == 400 and "第三十条" in response.content.decode()


def test_opening_from_the_page(client, w, sup):
    client.force_login(sup)
    form = client.get(reverse("supervision:matter_new"), {"rule": "decision_late", "body": w.town.pk, "record": "案"})
    assert form.status_code == 200
    response = client.post(reverse("supervision:matter_new"), {
        "body": w.town.pk, "source": "alert", "title": "案件逾期未决定", "facts": "立案后90日未作出决定。",
        "on": "2022-06-13", "alert_rule": "decision_late", "record_url": "/cases/1/",
    })  # fmt: skip
    assert response.status_code == 302
    bad = client.post(reverse("supervision:matter_new"), {"body": w.town.pk, "source": "alert", "title": "",
                                                          "facts": "x", "on": "明天"})  # fmt: skip
    assert bad.status_code == 400


def test_the_record_link_stays_inside_the_site(w, sup):
    for url in ("https://evil.example/", "//evil.example/x", "/\\evil"):
        with pytest.raises(InvalidInput):
            services.open_matter(actor=sup, body=w.town, source="check", title="t", facts="f", on=date(2022, 6, 13),
                                 record_url=url)  # fmt: skip
