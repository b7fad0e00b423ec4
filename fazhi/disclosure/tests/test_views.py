from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fazhi.disclosure import services
from fazhi.disclosure.models import CatalogueCategory, DisclosureRequest, RemedyKind, RequestStatus
from fazhi.disclosure.tests import factories as f

pytestmark = pytest.mark.usefixtures("in_2019")


@pytest.fixture
def setup(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    done = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.answer_request(
        actor=world.clerk, request=done, on=date(2019, 10, 8), outcome="disclosed.provided", content="提供"
    )
    entry = services.add_catalogue_entry(
        actor=world.clerk,
        body=world.town,
        title="2019年辛口镇农田水利工程建设计划",
        summary="工程名称、地点、资金",
        generated_on=date(2019, 6, 3),
        category=CatalogueCategory.A21_IRRIGATION,
    )
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    remedy = services.record_remedy(
        actor=world.clerk, body=world.town, kind=RemedyKind.REVIEW, filed_on=date(2019, 11, 1)
    )
    world.req, world.done, world.entry, world.report, world.remedy = req, done, entry, report, remedy
    return world


def pages(w):
    return [
        reverse("disclosure:request_list"),
        reverse("disclosure:request_new"),
        reverse("disclosure:request_detail", args=[w.req.pk]),
        reverse("disclosure:reply_letter", args=[w.done.pk]),
        reverse("disclosure:catalogue"),
        reverse("disclosure:guide"),
        reverse("disclosure:report_list"),
        reverse("disclosure:report_detail", args=[w.report.pk]),
        reverse("disclosure:report_export", args=[w.report.pk, "docx"]),
        reverse("disclosure:report_export", args=[w.report.pk, "xlsx"]),
        reverse("disclosure:remedies"),
    ]


def test_every_staff_page_works_for_the_clerk(client, setup):
    client.force_login(setup.clerk)
    for url in pages(setup):
        assert client.get(url).status_code == 200, url


def test_leader_reads_but_cannot_register(client, setup):
    client.force_login(setup.leader)
    assert client.get(reverse("disclosure:request_detail", args=[setup.req.pk])).status_code == 200
    assert client.get(reverse("disclosure:request_new")).status_code == 403


def test_colleague_without_the_role_is_refused_everywhere(client, setup):
    client.force_login(setup.colleague)
    for url in pages(setup):
        assert client.get(url).status_code == 403, url


def test_outsider_from_another_town_gets_404_for_this_towns_records(client, setup):
    client.force_login(setup.outsider)
    for url in [
        reverse("disclosure:request_detail", args=[setup.req.pk]),
        reverse("disclosure:reply_letter", args=[setup.done.pk]),
        reverse("disclosure:report_detail", args=[setup.report.pk]),
        reverse("disclosure:report_export", args=[setup.report.pk, "docx"]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("disclosure:request_action", args=[setup.req.pk, "answer"]),
        {"answer-on": "2019-10-08", "answer-outcome": "disclosed.provided", "answer-content": "x"},
    )
    assert response.status_code == 404
    assert (
        client.post(
            reverse("disclosure:catalogue_action", args=[setup.entry.pk, "publish"]), {"on": "2019-06-05"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("disclosure:remedy_conclude", args=[setup.remedy.pk]), {"on": "2019-12-01", "result": "maintained"}
        ).status_code
        == 404
    )
    listing = client.get(reverse("disclosure:request_list"))
    assert setup.req.number not in listing.content.decode()


def test_anonymous_is_sent_to_login(client, setup):
    response = client.get(reverse("disclosure:request_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_clerk_registers_an_in_person_request_and_is_redirected(client, world):
    client.force_login(world.clerk)
    data = {**f.application(), "channel": "in_person", "submitted_on": "2019-11-04"}
    response = client.post(reverse("disclosure:request_new"), data)
    req = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("disclosure:request_detail", args=[req.pk])
    page = client.get(response["Location"]).content.decode()
    assert "当面提交，以提交之日为收到申请之日" in page
    assert "第20个工作日" in page


def test_bad_request_form_re_renders_naming_the_field_in_chinese(client, world):
    client.force_login(world.clerk)
    data = {**f.application(description=""), "channel": "in_person", "submitted_on": "2019-11-04"}
    response = client.post(reverse("disclosure:request_new"), data)
    assert response.status_code == 400
    assert "所需信息的名称或特征性描述" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_request_page_runs_the_steps_and_refuses_a_bad_one_with_the_article(client, setup):
    client.force_login(setup.clerk)
    url = reverse("disclosure:request_action", args=[setup.req.pk, "extend"])
    response = client.post(
        url,
        {
            "extend-on": "2019-10-21",
            "extend-days": "25",
            "extend-reason": "信息量大",
            "extend-approver": str(setup.leader.pk),
            "extend-notified_on": "2019-10-21",
        },
    )
    assert response.status_code == 400
    assert "最长不得超过20个工作日" in response.content.decode()
    response = client.post(
        url,
        {
            "extend-on": "2019-10-21",
            "extend-days": "20",
            "extend-reason": "信息量大",
            "extend-approver": str(setup.leader.pk),
            "extend-notified_on": "2019-10-21",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("disclosure:request_action", args=[setup.req.pk, "answer"]),
        {"answer-on": "2019-11-15", "answer-outcome": "partial", "answer-content": "部分公开", "answer-reasons": ""},
    )
    assert response.status_code == 400 and "应当说明理由" in response.content.decode()
    response = client.post(
        reverse("disclosure:request_action", args=[setup.req.pk, "answer"]),
        {
            "answer-on": "2019-11-15",
            "answer-outcome": "partial",
            "answer-content": "部分公开",
            "answer-reasons": "含个人信息",
        },
    )
    assert response.status_code == 302
    setup.req.refresh_from_db()
    assert setup.req.status == RequestStatus.ANSWERED


def test_paused_request_shows_as_paused_not_overdue_in_the_list(client, setup):
    services.request_correction(actor=setup.clerk, request=setup.req, on=date(2019, 9, 23), items="补充")
    client.force_login(setup.clerk)
    page = client.get(reverse("disclosure:request_list")).content.decode()
    assert "已中止" in page
    assert "已超期" not in page


def test_report_publish_from_the_page_then_visible_on_the_portal(client, setup):
    client.force_login(setup.clerk)
    response = client.post(
        reverse("disclosure:report_detail", args=[setup.report.pk]),
        {"overview": "本年度认真落实条例。", "problems": "", "other": "未收取信息处理费。", "proactive.coercion": "3"},
    )
    assert response.status_code == 302
    # Published once the reporting year has ended (第四十九条: by 31 January of the next year).
    with time_machine.travel("2020-01-20 10:00 +0800", tick=False):
        client.force_login(setup.clerk)  # a new session: the one of 2019-12-31 has expired by then
        response = client.post(reverse("disclosure:report_publish", args=[setup.report.pk]))
        assert response.status_code == 302
        assert response.url == reverse("disclosure:report_detail", args=[setup.report.pk])
        client.logout()
        page = client.get(reverse("xxgk:report", args=[setup.town.code, 2019])).content.decode()
    assert "本年度认真落实条例" in page
    assert "一、本年新收政府信息公开申请数量" in page
    assert "王小明" not in page


def test_bad_report_figure_is_refused_naming_the_cell(client, setup):
    client.force_login(setup.clerk)
    response = client.post(reverse("disclosure:report_detail", args=[setup.report.pk]), {"proactive.coercion": "很多"})
    assert response.status_code == 400
    assert "行政强制·本年处理决定数量”应为数字" in response.content.decode()


def test_catalogue_publish_closes_its_20_working_day_clock(client, setup):
    client.force_login(setup.clerk)
    response = client.post(
        reverse("disclosure:catalogue_action", args=[setup.entry.pk, "publish"]), {"on": "2019-06-10"}
    )
    assert response.status_code == 302
    setup.entry.refresh_from_db()
    assert setup.entry.state == "published"
    page = client.get(reverse("xxgk:catalogue", args=[setup.town.code])).content.decode()
    assert "2019年辛口镇农田水利工程建设计划" in page


def test_colleague_cannot_post_actions(client, setup):
    client.force_login(setup.colleague)
    response = client.post(
        reverse("disclosure:request_action", args=[setup.req.pk, "answer"]),
        {"answer-on": "2019-10-08", "answer-outcome": "disclosed.provided", "answer-content": "x"},
    )
    assert response.status_code == 403
    setup.req.refresh_from_db()
    assert setup.req.status == RequestStatus.IN_PROGRESS


def test_api_lists_requests_in_scope_only(client, setup):
    client.force_login(setup.clerk)
    data = client.get("/api/v1/disclosure/requests").json()
    assert {r["number"] for r in data} == {setup.req.number, setup.done.number}
    assert client.get(f"/api/v1/disclosure/reports/{setup.report.pk}").json()["format_year"] == 2021
    client.force_login(setup.outsider)
    assert client.get("/api/v1/disclosure/requests").json() == []
    assert client.get(f"/api/v1/disclosure/reports/{setup.report.pk}").status_code == 404
    client.force_login(setup.colleague)
    assert client.get("/api/v1/disclosure/requests").status_code == 403


def test_report_page_shows_the_penalty_count_as_computed_not_as_an_input(client, setup):
    client.force_login(setup.clerk)
    page = client.get(reverse("disclosure:report_detail", args=[setup.report.pk])).content.decode()
    assert "行政处罚·本年处理决定数量（根据执法案件记录自动统计，不可填报）" in page
    assert 'name="proactive.penalties"' not in page
    assert 'name="proactive.coercion"' in page


def test_the_request_page_shows_each_new_stage_with_its_article(client, world):
    """A 2007-text request, a letter awaiting its receipt date, an agency consulted, a later answer date — each page
    renders and says what applies, and offers the step that comes next."""
    old = f.request(world.clerk, world.town, submitted_on=date(2019, 3, 11))
    posted = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 2))
    services.start_consultation(
        actor=world.clerk,
        request=posted,
        on=date(2019, 9, 3),
        third_party="某公司",
        matter="x",
        delivery="registered_post",
    )
    agency = f.request(world.clerk, world.town, submitted_on=date(2019, 11, 1))
    services.start_agency_consultation(
        actor=world.clerk, request=agency, on=date(2019, 11, 4), agency="区农业农村委", matter="x"
    )
    delayed = f.request(world.clerk, world.town, submitted_on=date(2019, 11, 1))
    services.ask_reasons(actor=world.clerk, request=delayed, on=date(2019, 11, 4), grounds="一个月40件")
    services.assess_reasons(
        actor=world.clerk,
        request=delayed,
        on=date(2019, 11, 11),
        finding="reasonable",
        assessment="合理",
        reasons_on=date(2019, 11, 8),
        reasons="编村志",
    )
    services.delay_answer(
        actor=world.clerk,
        request=delayed,
        on=date(2019, 11, 15),
        delayed_to=date(2019, 12, 20),
        reason="档案量大",
        notified_on=date(2019, 11, 15),
    )
    client.force_login(world.clerk)

    def page(req):
        response = client.get(reverse("disclosure:request_detail", args=[req.pk]))
        assert response.status_code == 200
        return response.content.decode()

    text = page(old)
    assert 'data-testid="regulation">《中华人民共和国政府信息公开条例》（2007年）' in text
    assert 'data-testid="blocked-correction"' in text and "第三十条" in text
    text = page(posted)
    assert "尚未登记收到征求意见书的日期" in text and 'data-testid="step-consultation_received"' in text
    assert 'data-testid="blocked-finish_consultation"' in text
    text = page(agency)
    assert "征求相关行政机关意见" in text and "逾期未提出意见的视为同意公开" in text
    assert 'data-testid="step-finish_agency_consultation"' in text
    text = page(delayed)
    assert "确定延迟至 <strong>2019-12-20</strong> 答复" in text and "延迟答复政府信息公开申请" in text
    listing = client.get(reverse("disclosure:request_list")).content.decode()
    assert "2019-12-20" in listing
