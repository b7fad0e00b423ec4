"""The annual 法治政府建设情况报告: its deadlines (督察工作规定 第二十三条、第二十四条), its parts (第二十五条), figures from
the record, approval that freezes and hashes the text, and who may see it."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from docx import Document

from fazhi.annual import figures, layout, rules, selectors, services
from fazhi.annual.models import Report, ReportState, ReportVersion
from fazhi.audit.events import Event
from fazhi.audit.hashing import sm3_hex
from fazhi.audit.selectors import entries_for_subject
from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import Setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world):
    return services.create_report(actor=world.leader, body=world.town, year=2019)


def _deadline(report, key):
    return deadlines.latest(report, key)


def test_a_2019_report_is_due_to_the_district_on_29_february_2020_and_public_by_31_march(report):
    # 第二十三条第二款 "每年3月1日之前": the last day is the day before 1 March — 2020 is a leap year, so 29 February.
    assert _deadline(report, rules.SUBMIT).due_date == date(2020, 2, 29)
    # 第二十四条 "每年4月1日之前": the last day is 31 March.
    assert _deadline(report, rules.PUBLISH).due_date == date(2020, 3, 31)
    explanation = "".join(_deadline(report, rules.SUBMIT).explanation)
    assert "第二十三条第二款" in explanation and "3月1日之前" in explanation


def test_in_a_common_year_the_report_is_due_on_28_february(world):
    report = services.create_report(actor=world.leader, body=world.town, year=2020)
    assert _deadline(report, rules.SUBMIT).due_date == date(2021, 2, 28)


@pytest.fixture
def without_learning(monkeypatch):
    """As if the 学法与普法 module had not landed: it no longer answers the annual figures."""
    monkeypatch.delattr("fazhi.learning.selectors.annual_figures")


def test_a_new_report_starts_in_the_seed_order_with_the_figures_the_installed_modules_can_give(without_learning, world):
    report = services.create_report(actor=world.leader, body=world.town, year=2019)
    headings = [s["heading"] for s in report.layout["sections"] if s["heading"]]
    assert headings[:4] == [
        "一、履行推进法治建设第一责任人职责情况",
        "二、主要举措与成效",
        "三、存在的不足和原因",
        "四、下一年度推进法治政府建设的主要安排",
    ]
    assert "{{enforcement.filed}}" in report.sections["measures"]
    # learning answers no figures here: its paragraphs give way to the seed's general words, never to a token that
    # could not be resolved.
    assert "learning." not in json.dumps(report.sections)
    assert "制定普法责任清单，利用国家宪法日" in report.sections["measures"]
    assert report.versions.count() == 1


def test_only_a_leader_or_legal_reviewer_of_the_body_may_start_a_report_and_only_once(world, report):
    with pytest.raises(NotPermitted):
        services.create_report(actor=world.officer, body=world.town, year=2020)
    with pytest.raises(NotPermitted):
        services.create_report(actor=world.outsider, body=world.town, year=2020)
    with pytest.raises(InvalidTransition):
        services.create_report(actor=world.leader, body=world.town, year=2019)
    with pytest.raises(InvalidInput) as refused:
        services.create_report(actor=world.leader, body=world.town, year=2018)
    assert refused.value.field == "year"
    assert Report.objects.count() == 1


def test_each_save_is_a_new_version_and_the_old_text_stays(world, report):
    services.edit_report(actor=world.reviewer, report=report, sections={"other": "无其他需要报告的情况。"})
    report.refresh_from_db()
    assert report.version == 2 and report.sections["other"] == "无其他需要报告的情况。"
    assert [v.number for v in report.versions.all()] == [1, 2]
    assert ReportVersion.objects.get(report=report, number=1).sections["other"] == ""
    entry = entries_for_subject(selectors.SUBJECT, report.pk).filter(event=Event.ANNUAL_REPORT_EDITED).get()
    assert entry.payload["new"]["parts"] == ["五、其他需要报告的情况"]


def test_an_unknown_figure_or_a_control_character_is_refused_naming_the_part_and_nothing_changes(world, report):
    with pytest.raises(InvalidInput) as refused:
        services.edit_report(actor=world.leader, report=report, sections={"plans": "全年{{enforcement.nonsense}}件"})
    assert refused.value.field == "plans" and "enforcement.nonsense" in refused.value.message
    with pytest.raises(InvalidInput):
        services.edit_report(actor=world.leader, report=report, sections={"plans": "a\x00b"})
    report.refresh_from_db()
    assert report.version == 1


def test_figures_come_from_the_record_and_a_missing_module_says_so(without_learning, world, report):
    assert world.officer  # 张伟, an officer with no certificate
    world.person(world.team, Role.OFFICER, username="certified_one", certified=True)
    values = services.current_figures(report)
    assert values["org.enforcement_staff"].value == 2
    assert values["org.uncertified"].value == 1
    assert values["org.certified_rate"].text == "50%"  # 1 of 2
    assert values["learning.lectures"].resolved is False
    assert values["learning.lectures"].text == "本模块尚无记录"


def test_part_three_is_offered_a_sentence_with_the_uncertified_count(client, world, report):
    assert world.officer  # an officer with no certificate
    client.force_login(world.leader)
    html = client.get(f"/annual/{report.pk}/").content.decode()
    assert "1名执法人员中仍有1人未持有有效的行政执法证件" in html
    assert "《中华人民共和国行政处罚法》第四十二条" in html


def test_approval_is_refused_while_the_text_quotes_a_figure_no_module_records(without_learning, world, report):
    text = report.sections["duty"] + "\n全年举办法治专题讲座{{learning.lectures}}次。"
    services.edit_report(actor=world.leader, report=report, sections={"duty": text, "shortcomings": "人员不足。"})
    with pytest.raises(InvalidInput) as refused:
        services.approve_report(actor=world.leader, report=report, on=date(2020, 2, 20))
    assert "法治专题讲座" in refused.value.message
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.approved_hash == ""


def test_approval_freezes_the_text_with_its_figures_and_puts_its_sm3_on_the_chain(world, report):
    assert world.officer  # an officer with no certificate
    services.edit_report(
        actor=world.leader, report=report, sections={"shortcomings": "执法人员{{org.uncertified}}人未持证。"}
    )
    approved = services.approve_report(actor=world.leader, report=report, on=date(2020, 2, 20))
    assert approved.state == ReportState.APPROVED
    assert "执法人员1人未持证。" in approved.approved_text
    assert approved.approved_text.startswith("辛口镇2019年度法治政府建设情况报告\n")
    assert approved.approved_hash == sm3_hex(approved.approved_text.encode("utf-8"))
    entry = entries_for_subject(selectors.SUBJECT, report.pk).filter(event=Event.ANNUAL_REPORT_APPROVED).get()
    assert entry.payload["new"]["approved_sm3"] == approved.approved_hash
    # Frozen: a later certificate does not change the approved text; no second approval, no edit.
    world.person(world.team, Role.OFFICER, username="late_officer")
    with pytest.raises(InvalidTransition, match="已于 2020-02-20 审定"):
        services.approve_report(actor=world.leader, report=approved, on=date(2020, 2, 21))
    with pytest.raises(InvalidTransition):
        services.edit_report(actor=world.leader, report=approved, sections={"other": "x"})


def test_only_the_leader_approves_and_not_before_the_year_is_over(world, report):
    services.edit_report(actor=world.leader, report=report, sections={"shortcomings": "人员不足。"})
    with pytest.raises(NotPermitted):
        services.approve_report(actor=world.reviewer, report=report, on=date(2020, 2, 20))
    with pytest.raises(InvalidInput):
        services.approve_report(actor=world.leader, report=report, on=date(2019, 12, 31))


def test_an_empty_required_part_cannot_be_approved(world, report):
    services.edit_report(actor=world.leader, report=report, sections={"shortcomings": ""})
    with pytest.raises(InvalidInput, match="三、存在的不足和原因"):
        services.approve_report(actor=world.leader, report=report, on=date(2020, 2, 20))


@pytest.fixture
def approved(world, report):
    services.edit_report(actor=world.leader, report=report, sections={"shortcomings": "人员不足。"})
    return services.approve_report(actor=world.leader, report=report, on=date(2020, 2, 20))


def test_submission_on_2_march_2020_is_recorded_late(world, approved):
    services.submit_report(actor=world.reviewer, report=approved, on=date(2020, 3, 2))
    row = _deadline(approved, rules.SUBMIT)
    assert row.closed_on == date(2020, 3, 2) and row.state == "missed"  # due 2020-02-29
    entry = entries_for_subject(selectors.SUBJECT, approved.pk).filter(event=Event.ANNUAL_REPORT_SUBMITTED).get()
    assert entry.payload["in_time"] is False
    # The yearly count of outcomes sees it as closed late.
    counts = deadlines.outcomes_in([rules.SUBMIT], [approved.body_id], date(2020, 1, 1), date(2020, 12, 31))
    assert counts == {"total": 1, "met": 0, "late": 1, "missed": 0, "open": 0}


def test_publication_puts_the_frozen_text_on_the_portal_and_a_draft_is_not_there(client, world, approved):
    assert client.get(f"/gongkai/fzbg/{world.town.code}/2019/").status_code == 404
    services.publish_report(actor=world.leader, report=approved, on=date(2020, 3, 20))
    assert _deadline(approved, rules.PUBLISH).state == "met"
    response = client.get(f"/gongkai/fzbg/{world.town.code}/2019/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "三、存在的不足和原因" in html and "人员不足。" in html and approved.approved_hash in html


def test_a_draft_cannot_be_submitted_or_published(world, report):
    with pytest.raises(InvalidTransition, match="须先经负责人审定"):
        services.submit_report(actor=world.leader, report=report, on=date(2020, 2, 20))
    with pytest.raises(InvalidTransition, match="须先经负责人审定"):
        services.publish_report(actor=world.leader, report=report, on=date(2020, 2, 20))


def test_the_docx_is_a_real_word_file_with_the_title_and_every_written_part(client, world, approved):
    client.force_login(world.leader)
    response = client.get(f"/annual/{approved.pk}/report.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "辛口镇2019年度法治政府建设情况报告" in text
    assert "一、履行推进法治建设第一责任人职责情况" in text and "人员不足。" in text
    assert "五、其他需要报告的情况" not in text  # an optional part left empty is not printed


def test_another_town_and_anonymous_visitors_see_nothing(client, world, report):
    client.force_login(world.outsider)
    assert client.get(f"/annual/{report.pk}/").status_code == 404
    assert client.get(f"/annual/{report.pk}/report.docx").status_code == 404
    assert str(report) not in client.get("/annual/").content.decode()
    client.logout()
    assert client.get(f"/annual/{report.pk}/").status_code == 302
    client.force_login(world.officer)
    assert client.get(f"/annual/{report.pk}/").status_code == 403


def test_the_district_supervisor_sees_every_town_side_by_side_and_who_has_no_report(client, world, report):
    assert world.other_town
    client.force_login(world.supervisor)
    html = client.get("/annual/?year=2019").content.decode()
    assert "辛口镇" in html and "张家窝镇" in html and "尚未起草" in html


def test_a_refused_step_on_the_page_keeps_the_typed_text_and_answers_400(client, world, report):
    client.force_login(world.leader)
    response = client.post(f"/annual/{report.pk}/step/edit/", {"plans": "{{bad.token}} 我写的安排"})
    assert response.status_code == 400
    assert "我写的安排" in response.content.decode()


def test_a_district_layout_without_the_shortcomings_part_is_refused_with_article_25(world):
    broken = json.loads(json.dumps(layout.default_layout()))
    broken["sections"] = [s for s in broken["sections"] if s["key"] != "shortcomings"]
    Setting.objects.create(key=rules.LAYOUT_SETTING, body=world.district, value=broken)
    with pytest.raises(InvalidInput, match="第二十五条") as refused:
        services.create_report(actor=world.leader, body=world.town, year=2019)
    assert "存在的不足和原因" in refused.value.message
    assert not Report.objects.exists()


def test_a_district_layout_changes_headings_for_its_towns(world):
    custom = json.loads(json.dumps(layout.default_layout()))
    custom["sections"][1]["heading"] = "一、党政主要负责人履行推进法治建设第一责任人职责情况"
    Setting.objects.create(key=rules.LAYOUT_SETTING, body=world.district, value=custom)
    report = services.create_report(actor=world.leader, body=world.town, year=2019)
    assert report.layout["sections"][1]["heading"] == "一、党政主要负责人履行推进法治建设第一责任人职责情况"


def test_every_landed_module_answers_its_figures_and_nothing_is_left_unresolved(report):
    # Every module of the platform is installed here and answers annual_figures: an empty year counts zero, and only
    # rates whose base is zero stay unresolved.
    values = services.current_figures(report)
    unresolved = sorted(k for k, v in values.items() if not v.resolved)
    assert all(figures.BY_KEY[k].derive is not None for k in unresolved), unresolved
    assert values["mediation.disputes"].value == 0 and values["learning.lectures"].value == 0
    assert values["normative.in_force"].value == 0 and values["inspection.tasks"].value == 0
