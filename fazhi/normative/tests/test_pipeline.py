"""The pipeline of a normative document, step by step, each refusal naming its article."""

from datetime import date

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.law import selectors as law_selectors
from fazhi.normative import rules, selectors, services
from fazhi.normative.models import Status, SubjectKind
from fazhi.normative.tests.conftest import (
    VIEWS,
    all_points,
    deliberated,
    drafted,
    pass_review,
    published,
    review_round,
    to_review,
)
from fazhi.review import services as review_services


def events_of(doc):
    return list(
        ChainEntry.objects.filter(subject_type="normative.normativedocument", subject_id=str(doc.pk))
        .order_by("seq")
        .values_list("event", flat=True)
    )


def test_drafting_links_the_basis_into_the_law_library_and_writes_one_entry(nd):
    doc = drafted(nd)
    assert doc.status == Status.DRAFT
    assert doc.basis == [
        {"key": "天津市村镇环境卫生管理条例/2015-03-01/第二条", "display": "《天津市村镇环境卫生管理条例》第二条"}
    ]
    assert events_of(doc) == [Event.NORMATIVE_DRAFTED]


def test_an_internal_unit_may_not_issue(nd):
    with pytest.raises(NotPermitted) as info:
        services.draft(actor=nd.drafter, body=nd.office, title="x", text="第一条 x", basis=nd.basis,
                       on=date(2019, 9, 2))  # fmt: skip
    assert "内设机构" in info.value.message and "第六条第（四）项" in info.value.message


def test_an_excluded_kind_is_refused_with_article_3(nd):
    with pytest.raises(InvalidInput) as info:
        services.draft(actor=nd.drafter, body=nd.town, title="会议纪要", text="第一条 x", basis=nd.basis,
                       on=date(2019, 9, 2), kind=SubjectKind.MINUTES)  # fmt: skip
    assert "会议纪要" in info.value.message and "第三条" in info.value.message


def test_an_unresolvable_basis_is_refused(nd):
    with pytest.raises(InvalidInput) as info:
        services.draft(actor=nd.drafter, body=nd.town, title="x", text="第一条 x",
                       basis="《辛口镇未公布的办法》第一条", on=date(2019, 9, 2))  # fmt: skip
    assert info.value.field == "basis" and "未经公布" in info.value.message


def test_the_content_check_flags_penalties_and_licences_for_the_reviewer(nd):
    text = "第一条 违反本办法的，处以200元罚款。\n第二条 经营者须经镇政府批准方可摆摊。"
    doc = drafted(nd, text=text)
    keys = {f["key"] for f in doc.content_flags}
    assert {"penalty", "licence"} <= keys
    assert any("第十六条" in f["citation"] for f in doc.content_flags)
    # A suggestion, not a verdict: the draft goes on.
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")


def test_the_comment_window_must_last_seven_working_days(nd):
    doc = drafted(nd)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")
    # From Wed 2019-09-04, 7 working days: 5,6,9,10,11,12,16 (13 is 中秋, 14-15 weekend) → 2019-09-16.
    with pytest.raises(InvalidInput) as info:
        services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 12))
    assert info.value.field == "closes_on" and "2019-09-16" in info.value.message and "7个工作日" in info.value.message
    doc = services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 16))
    assert doc.status == Status.COMMENTING


def test_a_market_document_needs_thirty_days(nd):
    doc = drafted(nd, market=True)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")
    with pytest.raises(InvalidInput) as info:
        services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 30))
    assert "30" in info.value.message  # 2019-09-04 + 30 days = 10-04, in 国庆: rolls to 10-08
    services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 10, 8))


def test_comments_are_answered_before_the_window_closes_for_review(nd):
    doc = drafted(nd)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")
    services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 30))
    comment = services.receive_comment(actor=None, document=doc, content="建议增加垃圾分类条款。", on=date(2019, 9, 10))
    with pytest.raises(InvalidTransition):
        services.close_comments(actor=nd.drafter, document=doc, on=date(2019, 10, 8))
    services.answer_comment(
        actor=nd.drafter, comment=comment, adopted=True, answer="已增加第三条。", on=date(2019, 10, 8)
    )
    doc = services.close_comments(actor=nd.drafter, document=doc, on=date(2019, 10, 8))
    assert doc.status == Status.COMMENTED
    with pytest.raises(InvalidTransition):  # closed window: no more comments
        services.receive_comment(actor=None, document=doc, content="迟到的意见", on=date(2019, 10, 9))


def test_submission_opens_a_fifteen_working_day_review_on_the_review_gate(nd):
    doc = to_review(nd)
    assert doc.status == Status.REVIEWING
    request = review_round(doc)
    assert request.kind == "normative_document" and request.round == 1
    row = deadlines.live(request)[0]
    # From Tue 2019-10-08: 15 working days → 9,10,11,12(调休 Sat),14,…: the calendar gives the due date.
    assert row.rule_key == rules.REVIEW
    assert drafted and row.due_date > date(2019, 10, 25)


def test_no_deliberation_before_a_passed_review(nd):
    doc = to_review(nd)
    with pytest.raises(InvalidTransition) as info:
        deliberated(nd, doc)
    assert "不得提交集体审议" in info.value.message or "不能进行" in info.value.message


def test_a_failed_review_goes_back_and_the_statement_of_non_adoption_travels(nd):
    doc = to_review(nd)
    review_services.give_opinion(actor=nd.reviewer, request=review_round(doc),
                                 points={**all_points(), "authority": (False, "第三条增设义务")},
                                 conclusion="problems", opinion="第三条应删除。", on=date(2019, 10, 15))  # fmt: skip
    doc.refresh_from_db()
    assert doc.status == Status.COMMENTED
    with pytest.raises(InvalidInput) as info:
        services.submit_for_review(actor=nd.drafter, document=doc, on=date(2019, 10, 16))
    assert info.value.field == "non_adoption" and "第（六）项" in info.value.message
    services.submit_for_review(actor=nd.drafter, document=doc, on=date(2019, 10, 16),
                               non_adoption="第三条系重复上位法规定的组织义务，未增设新义务，故未采纳。")  # fmt: skip
    assert review_round(doc).round == 2
    assert "未采纳" in review_round(doc).summary
    doc = pass_review(nd, doc, on=date(2019, 10, 23))
    doc = deliberated(nd, doc, on=date(2019, 10, 24))
    assert doc.meeting["non_adoption"].startswith("第三条系")


def test_deliberation_records_dissent_and_the_head_speaks_last(nd):
    doc = pass_review(nd, to_review(nd))
    with pytest.raises(InvalidInput) as info:
        services.deliberate(actor=nd.leader, document=doc, on=date(2019, 10, 18), meeting="常务会议",
                            attendees="王建国、李明、张华", views="王建国：同意：\n李明：同意：\n张华：反对：", head="王建国",
                            decision="adopt")  # fmt: skip
    assert "最后发表意见" in info.value.message
    # Two of the others against, the head adopts: he must explain.
    views = "李明：反对：条件不成熟\n张华：反对：\n王建国：同意："
    with pytest.raises(InvalidInput) as info:
        services.deliberate(actor=nd.leader, document=doc, on=date(2019, 10, 18), meeting="常务会议",
                            attendees="王建国、李明、张华", views=views, head="王建国", decision="adopt")  # fmt: skip
    assert info.value.field == "head_explanation"
    doc = services.deliberate(actor=nd.leader, document=doc, on=date(2019, 10, 18), meeting="常务会议",
                              attendees="王建国、李明、张华", views=views, head="王建国", decision="adopt",
                              head_explanation="整治时限紧迫，先行施行。")  # fmt: skip
    assert doc.status == Status.ADOPTED
    assert [v["view"] for v in doc.meeting["views"]] == ["反对", "反对", "同意"]


def test_publication_numbers_registers_in_the_library_and_opens_the_filing_clock(nd):
    doc = published(nd)
    assert doc.number == "辛政规〔2019〕1号"
    assert doc.valid_until == date(2024, 10, 31)  # 5 years from 2019-11-01, the day before
    citation = law_selectors.parse_citation("《辛口镇农村人居环境卫生管理办法》第二条", on=date(2019, 11, 5))
    assert citation.resolved
    row = deadlines.latest(doc, rules.FILING)
    assert row.due_date == date(2019, 11, 11)  # 2019-10-21 + 20 days (2007 rule) = 11-10, a Sunday → 11-11
    second = published(nd, title="辛口镇门前三包管理暂行办法")
    assert second.number == "辛政规〔2019〕2号"
    assert second.valid_until == date(2021, 10, 31)  # 暂行: 2 years


def test_filing_late_without_a_reason_is_refused(nd):
    doc = published(nd)
    with pytest.raises(InvalidInput) as info:
        services.file_with_district(actor=nd.drafter, document=doc, on=date(2019, 11, 20))
    assert info.value.field == "late_reason" and "2019-11-11" in info.value.message and "125号" in info.value.message
    doc = services.file_with_district(actor=nd.drafter, document=doc, on=date(2019, 11, 20), late_reason="印发延误")
    assert doc.filed_on == date(2019, 11, 20)
    services.answer_filing(actor=nd.supervisor, document=doc, on=date(2019, 12, 2), result="accepted")


def test_the_filing_period_is_the_one_in_force_on_the_publication_day(nd):
    assert rules_for(date(2019, 11, 30)).count == 20
    assert rules_for(date(2019, 12, 1)).count == 15 and rules_for(date(2019, 12, 1)).status == "UNVERIFIED"


def rules_for(on):
    from fazhi.core.rules import rule_for

    return rule_for(rules.FILING, on=on)


def test_a_reused_or_skipped_number_is_refused(nd):
    services.register_existing(actor=nd.leader, body=nd.town, title="辛口镇旧办法", text="第一条 旧。", year=2014,
                               seq=1, published_on=date(2014, 3, 1), effective_from=date(2014, 3, 1))  # fmt: skip
    with pytest.raises(InvalidInput) as info:
        services.register_existing(actor=nd.leader, body=nd.town, title="另一办法", text="第一条 另。", year=2014,
                                   seq=1, published_on=date(2014, 5, 1), effective_from=date(2014, 5, 1))  # fmt: skip
    assert "已经使用" in info.value.message and "统一编号" in info.value.message
    with pytest.raises(InvalidInput) as info:
        services.register_existing(actor=nd.leader, body=nd.town, title="另一办法", text="第一条 另。", year=2014,
                                   seq=3, published_on=date(2014, 5, 1), effective_from=date(2014, 5, 1))  # fmt: skip
    assert "辛政规〔2014〕2号" in info.value.message


def test_point_in_time_text_and_amendment(nd):
    doc = published(nd)
    services.amend(actor=nd.leader, document=doc, on=date(2020, 3, 2), effective_from=date(2020, 4, 1),
                   text="第一条 修改后的办法。\n第二条 自2020年4月1日起施行。")  # fmt: skip
    assert selectors.text_on(doc, date(2019, 10, 31)) is None  # not yet in force
    assert selectors.text_on(doc, date(2020, 3, 31)).version == 1
    assert selectors.text_on(doc, date(2020, 4, 1)).version == 2
    assert selectors.texts_on([doc.pk], date(2020, 1, 1))[doc.pk].version == 1


def test_expiry_opens_an_evaluation_six_months_ahead(nd):
    doc = published(nd, title="辛口镇门前三包管理暂行办法")  # valid until 2021-10-31
    assert services.open_due_evaluations(on=date(2021, 4, 27)) == []
    opened = services.open_due_evaluations(on=date(2021, 4, 28))
    assert [d.pk for d in opened] == [doc.pk]
    row = deadlines.latest(doc, rules.EVALUATION)
    assert row.due_date == date(2021, 10, 31)
    assert services.open_due_evaluations(on=date(2021, 5, 1)) == []  # once


def test_cleanup_publishes_lists_and_what_is_not_kept_stops_resolving(nd):
    kept = published(nd)
    old = services.register_existing(actor=nd.leader, body=nd.town, title="辛口镇集贸市场管理暂行规定",
                                     text="第一条 规范集贸市场。", year=2014, seq=1, published_on=date(2014, 3, 1),
                                     effective_from=date(2014, 3, 1))  # fmt: skip
    cleanup = services.open_cleanup(actor=nd.supervisor, body=nd.district, title="西青区2019年规范性文件清理",
                                    on=date(2019, 11, 4))  # fmt: skip
    services.decide_in_cleanup(actor=nd.supervisor, cleanup=cleanup, document=kept, decision="keep")
    with pytest.raises(InvalidTransition) as info:
        services.publish_cleanup(actor=nd.supervisor, cleanup=cleanup, on=date(2019, 11, 29))
    assert "集贸市场" in info.value.message
    services.decide_in_cleanup(actor=nd.supervisor, cleanup=cleanup, document=old, decision="lapse",
                               reason="有效期已届满")  # fmt: skip
    services.publish_cleanup(actor=nd.supervisor, cleanup=cleanup, on=date(2019, 11, 29))
    old.refresh_from_db()
    assert old.status == Status.LAPSED and old.ended_on == date(2019, 11, 29)
    assert law_selectors.parse_citation("《辛口镇集贸市场管理暂行规定》第一条", on=date(2019, 11, 28)).resolved
    assert not law_selectors.parse_citation("《辛口镇集贸市场管理暂行规定》第一条", on=date(2019, 12, 2)).resolved
    assert law_selectors.parse_citation("《辛口镇农村人居环境卫生管理办法》第一条", on=date(2019, 12, 2)).resolved
    lists = selectors.cleanup_lists(cleanup)
    assert [i.document_id for i in lists["keep"]] == [kept.pk] and [i.document_id for i in lists["lapse"]] == [old.pk]


def test_the_disclosure_report_counts_from_the_register(nd):
    published(nd)
    services.register_existing(actor=nd.leader, body=nd.town, title="辛口镇旧规定", text="第一条 旧。", year=2014, seq=1,
                               published_on=date(2014, 3, 1), effective_from=date(2014, 3, 1))  # fmt: skip
    from fazhi.disclosure.reports import RECORD_SOURCES

    counts = [RECORD_SOURCES[f"normative.{m}"][1](nd.town, 2019) for m in ("issued", "repealed", "in_force")]
    assert counts == [1, 0, 2]


def test_an_outsider_cannot_take_a_step(nd):
    doc = drafted(nd)
    from fazhi.core.access import NotInScope

    with pytest.raises(NotInScope):
        services.assess(actor=nd.outsider, document=doc, on=date(2019, 9, 3), assessment="x")


def test_every_step_wrote_exactly_one_entry(nd):
    doc = published(nd)
    assert events_of(doc) == [
        Event.NORMATIVE_DRAFTED,
        Event.NORMATIVE_ASSESSED,
        Event.NORMATIVE_COMMENT_OPENED,
        Event.NORMATIVE_COMMENT_CLOSED,
        Event.NORMATIVE_REVIEW_SUBMITTED,
        Event.REVIEW_PASSED,  # the reviewer's step, on the document (the review app's entry)
        Event.NORMATIVE_DELIBERATED,
        Event.NORMATIVE_PUBLISHED,
    ]
    assert VIEWS


def test_the_sweep_command_opens_evaluations_once(nd):
    from io import StringIO

    from django.core.management import call_command

    published(nd, title="辛口镇门前三包管理暂行办法")  # valid until 2021-10-31
    out = StringIO()
    call_command("normative_sweep", "--on", "2021-05-01", stdout=out)
    call_command("normative_sweep", "--on", "2021-05-02", stdout=out)
    assert out.getvalue().splitlines() == ["启动评估：1 件。", "启动评估：0 件。"]
