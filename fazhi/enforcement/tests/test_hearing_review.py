"""Hearing, legal review (rounds on the chain), the review catalogue and the summary procedure."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.services import change_setting
from fazhi.enforcement import services
from fazhi.enforcement.errors import InvalidInput, NotPermitted, RuleViolation
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import all_ok, case_at, case_review
from fazhi.review import catalogue
from fazhi.review.services import give_opinion


@pytest.fixture
def hearing_case(w):
    change_setting(actor=None, key="enforcement.hearing_large_fine_individual", value="1000")
    return case_at(w, "notified", fine=Decimal("1500"))


def test_hearing_request_after_the_five_working_days_is_refused(w, hearing_case):
    with pytest.raises(RuleViolation) as info:
        services.request_hearing(actor=w.officer1, case=hearing_case, on=date(2022, 3, 17))
    assert "第六十四条" in info.value.message and "2022-03-16" in info.value.message
    assert Case.objects.get(pk=hearing_case.pk).status == "notified"


def test_hearing_flow_notice_seven_working_days_presiding_officer_and_review_gate(w, hearing_case):
    case = hearing_case
    services.request_hearing(actor=w.officer1, case=case, on=date(2022, 3, 11))
    with pytest.raises(RuleViolation) as info:
        services.notify_hearing(
            actor=w.officer1, case=case, on=date(2022, 3, 14), scheduled_on=date(2022, 3, 21), place="镇政府会议室",
            presiding=w.officer3,
        )  # fmt: skip
    assert "第六十四条" in info.value.message and "2022-03-10" in info.value.message
    with pytest.raises(RuleViolation) as info:
        services.notify_hearing(
            actor=w.officer1, case=case, on=date(2022, 3, 14), scheduled_on=date(2022, 3, 25), place="会议室",
            presiding=w.officer2,
        )  # fmt: skip
    assert "调查人员" in info.value.message
    hearing = services.notify_hearing(
        actor=w.officer1, case=case, on=date(2022, 3, 14), scheduled_on=date(2022, 3, 25), place="镇政府会议室",
        presiding=w.officer3,
    )  # fmt: skip
    assert hearing.notice_number == "辛口综执听通字〔2022〕第1号"
    with pytest.raises(RuleViolation):
        services.decide(actor=w.leader, case=case, on=date(2022, 3, 24))
    _hearing, warnings = services.hold_hearing(
        actor=w.officer1, case=case, held_on=date(2022, 3, 25), record_text="当事人陈述……", party_signed=True
    )
    assert warnings and "音像记录" in warnings[0]
    case.refresh_from_db()
    assert any("听证程序" in r for r in services.review_reasons(case))
    with pytest.raises(RuleViolation) as info:
        services.decide(actor=w.leader, case=case, on=date(2022, 3, 28))
    assert "法制审核" in info.value.message and "第五十八条" in info.value.message
    with pytest.raises(RuleViolation):
        services.ready_for_decision(actor=w.officer1, case=case, on=date(2022, 3, 28))


def test_failed_first_review_goes_back_is_corrected_and_passes_in_a_second_round(w, hearing_case):
    case = hearing_case
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 17), summary="全部案卷")
    with pytest.raises(NotPermitted) as info:
        give_opinion(actor=w.officer1, request=case_review(case), points=all_ok(), conclusion="agree", opinion="")
    assert "法制审核人员" in info.value.message
    with pytest.raises(InvalidInput):
        give_opinion(
            actor=w.reviewer, request=case_review(case), points=all_ok(law="档次偏高"), conclusion="agree", opinion=""
        )
    give_opinion(
        actor=w.reviewer,
        request=case_review(case),
        points=all_ok(law="裁量档次适用不当"),
        conclusion="problems",
        opinion="应适用“一般”档次下限",
        on=date(2022, 3, 18),
    )
    case.refresh_from_db()
    assert case.status == "returned"
    with pytest.raises(RuleViolation):
        services.decide(actor=w.leader, case=case, on=date(2022, 3, 21))
    services.propose(
        actor=w.officer1, case=case, on=date(2022, 3, 21), facts=case.facts, evidence_summary=case.evidence_summary,
        outcome="penalty", power_version=w.version, benchmark_level=w.levels[1], penalty_kinds="罚款",
        fine_amount="1000",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.notified_on is None  # the penalty changed: notice again
    services.notify(actor=w.officer1, case=case, on=date(2022, 3, 21))
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 22), note="书面放弃")
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 22), summary="修改后重新送审")
    give_opinion(
        actor=w.reviewer,
        request=case_review(case),
        points=all_ok(),
        conclusion="agree",
        opinion="同意",
        on=date(2022, 3, 23),
    )
    case = services.decide(actor=w.leader, case=case, on=date(2022, 3, 23))
    assert case.status == "decided"
    rounds = ChainEntry.objects.filter(
        subject_type="enforcement.case", subject_id=str(case.pk), event__startswith="review."
    )
    assert [e.event for e in rounds.order_by("seq")] == [
        "review.submitted",
        "review.failed",
        "review.submitted",
        "review.passed",
    ]


def test_a_reviewer_who_investigated_the_case_is_refused(w):
    change_setting(actor=None, key="enforcement.hearing_large_fine_individual", value="1000")
    from fazhi.org.services import grant_role

    grant_role(actor=None, user=w.officer2, role="法制审核人员")
    case = case_at(w, "notified", fine=Decimal("1500"))
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 17), summary="送审")
    w.officer2.refresh_from_db()
    with pytest.raises(NotPermitted) as info:
        give_opinion(actor=w.officer2, request=case_review(case), points=all_ok(), conclusion="agree", opinion="")
    assert "不得担任本案法制审核人员" in info.value.message
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_the_bodys_catalogue_puts_a_decision_under_review(w):
    catalogue.add_entry(
        actor=w.reviewer, body=w.town, name="罚款五百元以上的大气污染案件", min_amount="500", field_keyword="焚烧"
    )
    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="放弃")
    reasons = services.review_reasons(case)
    assert any("法制审核目录" in r for r in reasons)
    with pytest.raises(RuleViolation):
        services.decide(actor=w.leader, case=case, on=date(2022, 3, 11))


def test_summary_procedure_caps_numbers_and_filing(w):
    kwargs = dict(
        actor=w.officer1, body=w.town, place="辛口镇某路", title="乱扔垃圾", facts="乱扔垃圾", basis="《城市市容和环境卫生管理条例》第三十四条",
        party_kind="person", party_name="周某", officers=[w.officer1, w.officer2], penalty_kinds="罚款",
    )  # fmt: skip
    with pytest.raises(RuleViolation) as info:
        services.decide_on_the_spot(on=date(2022, 3, 1), fine_amount="300", **kwargs)
    assert "200" in info.value.message and "第五十一条" in info.value.message
    with pytest.raises(RuleViolation) as info:
        services.decide_on_the_spot(on=date(2019, 5, 6), fine_amount="100", **kwargs)
    assert "50" in info.value.message  # 2017 text
    first = services.decide_on_the_spot(on=date(2022, 3, 1), fine_amount="200", **kwargs)
    second = services.decide_on_the_spot(
        on=date(2022, 3, 1), fine_amount="50", collected_on_spot=True, receipt="津财0001", **kwargs
    )
    assert (first.decision_number, second.decision_number) == (
        "辛口综执简罚字〔2022〕第1号",
        "辛口综执简罚字〔2022〕第2号",
    )
    assert second.status == "executed"
    with pytest.raises(RuleViolation) as info:
        services.close_case(actor=w.officer1, case=second, on=date(2022, 3, 2), report="当场收缴")
    assert "备案" in info.value.message
    services.file_summary_decision(actor=w.officer1, case=second, on=date(2022, 3, 2))
    closed = services.close_case(actor=w.officer1, case=second, on=date(2022, 3, 2), report="当场收缴")
    assert closed.status == "closed"
    with pytest.raises(RuleViolation):
        services.decide_on_the_spot(
            on=date(2022, 3, 1), fine_amount="150", collected_on_spot=True, receipt="x", **kwargs
        )


def test_a_party_who_stays_away_waives_the_hearing_under_article_64_item_6(w, hearing_case):
    # 行政处罚法 第六十四条第（六）项: 无正当理由拒不出席听证 … 视为放弃听证权利 (item 6, not 7).
    case = hearing_case
    services.request_hearing(actor=w.officer1, case=case, on=date(2022, 3, 11))
    services.notify_hearing(actor=w.officer1, case=case, on=date(2022, 3, 14), scheduled_on=date(2022, 3, 25),
                            place="镇政府会议室", presiding=w.officer3)  # fmt: skip
    hearing, _warnings = services.hold_hearing(actor=w.officer1, case=case, held_on=date(2022, 3, 25),
                                               record_text="当事人未到场", party_attended=False)  # fmt: skip
    assert "第六十四条第（六）项" in hearing.refusal_note
