"""The ordinary procedure step by step: each step's chain entry and deadlines, and each refusal leaving the case as
it was, with a message naming the rule and its article."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit import verify
from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.services import change_setting
from fazhi.enforcement import rules, services
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, NotPermitted, RuleViolation
from fazhi.enforcement.models import Case, Evidence
from fazhi.enforcement.tests.factories import all_ok, case_at, case_review, jpeg, video
from fazhi.review.services import give_opinion


def snapshot(case):
    fresh = Case.objects.get(pk=case.pk)
    return (
        fresh.status,
        fresh.number,
        fresh.decision_number,
        fresh.notified_on,
        fresh.fine_amount,
        ChainEntry.objects.count(),
        Deadline.objects.count(),
        fresh.acts.count(),
        fresh.evidence.count(),
    )


def refused(error_type, fn, target, /, *words, **kwargs):
    """Call a step that must be refused; the case, the chain and the deadline table must not change."""
    before = snapshot(target)
    with pytest.raises(error_type) as info:
        fn(**kwargs)
    assert snapshot(target) == before
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


def case_deadlines(case, rule_key):
    return list(Deadline.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk), rule_key=rule_key))


# --- lead and filing ---------------------------------------------------------------------------------------------


def test_lead_opens_the_filing_period_and_writes_one_entry(w):
    case = case_at(w, "lead")
    (filing,) = case_deadlines(case, rules.FILING)
    assert filing.state == DeadlineState.OPEN
    assert filing.period == "15wd"
    entries = ChainEntry.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk))
    assert [e.event for e in entries] == ["enforcement.lead_registered"]


def test_filing_with_one_officer_is_refused_and_changes_nothing(w):
    case = case_at(w, "lead")
    refused(
        RuleViolation,
        services.request_filing,
        case,
        "两名以上",
        "第四十二条",
        actor=w.officer1,
        case=case,
        officers=[w.officer1],
        on=date(2022, 3, 2),
    )


def test_filing_with_an_uncertified_officer_is_refused(w):
    case = case_at(w, "lead")
    refused(
        RuleViolation,
        services.request_filing,
        case,
        w.uncertified.get_full_name(),
        "没有有效的行政执法证件",
        "第四十二条",
        actor=w.officer1,
        case=case,
        officers=[w.officer1, w.uncertified],
        on=date(2022, 3, 2),
    )


def test_approval_issues_the_case_number_and_starts_the_90_day_clock(w):
    case = case_at(w, "investigating")
    assert case.number == "辛口综执立字〔2022〕第1号"
    assert case.filed_on == date(2022, 3, 3)
    (period,) = case_deadlines(case, rules.DECISION)
    assert period.due_date == date(2022, 6, 1)  # 90 calendar days after 3 March (start day not counted)
    (filing,) = case_deadlines(case, rules.FILING)
    assert filing.state == DeadlineState.MET


def test_only_a_leader_approves_filing(w):
    case = case_at(w, "filing")
    refused(NotPermitted, services.approve_filing, case, "负责人", actor=w.officer1, case=case, on=date(2022, 3, 3))


def test_a_lapsed_case_cannot_be_filed_and_the_reason_names_the_text_of_the_act_date(w):
    # An act of 2019-12-01 is judged by the 2017 text (第三十七条: the law in force when the act occurred):
    # 2 years (2017 text 第二十九条) → the period ran out on 2021-12-01; discovered 2022-03-01 → lapsed.
    case = case_at(w, "lead")
    Case.objects.filter(pk=case.pk).update(act_date=date(2019, 12, 1))
    case.refresh_from_db()
    error = refused(
        RuleViolation,
        services.request_filing,
        case,
        "2年",
        "第二十九条",
        "第三十七条",
        "2019-12-01",
        "2021-12-01",
        actor=w.officer1,
        case=case,
        officers=[w.officer1, w.officer2],
        on=date(2022, 3, 2),
    )
    assert "不再给予行政处罚" in error.message
    declined = services.decline_filing(actor=w.leader, case=case, on=date(2022, 3, 2), reason=error.message)
    assert declined.status == "not_filed"
    assert case_deadlines(case, rules.FILING)[0].state == DeadlineState.MET


def test_the_2021_five_year_limitation_does_not_reach_an_act_before_it_took_effect(w):
    # 第三十七条: an act of 2018-06-01 is judged by the 2017 text, which has no 5-year rule; its 2 years ran out on
    # 2020-06-01, before the 2021 text (in force 2021-07-15) existed — the 5-year rule must not revive it.
    case = case_at(w, "lead")
    Case.objects.filter(pk=case.pk).update(act_date=date(2018, 6, 1), life_or_finance_harm=True)
    case.refresh_from_db()
    refused(
        RuleViolation,
        services.request_filing,
        case,
        "2018-06-01",
        "2020-06-01",
        actor=w.officer1,
        case=case,
        officers=[w.officer1, w.officer2],
        on=date(2022, 3, 2),
    )


def test_an_act_of_2019_with_life_or_finance_harm_keeps_the_two_years_of_its_own_text(w):
    # 2019-12-01 + 2 years (2017 text) = 2021-12-01 < discovery 2022-03-01: lapsed, although 5 years would not be.
    case = case_at(w, "lead")
    Case.objects.filter(pk=case.pk).update(act_date=date(2019, 12, 1), life_or_finance_harm=True)
    case.refresh_from_db()
    refused(RuleViolation, services.request_filing, case, "2021-12-01", actor=w.officer1, case=case,
            officers=[w.officer1, w.officer2], on=date(2022, 3, 2))  # fmt: skip


def test_five_year_limitation_applies_to_life_or_finance_harm_for_an_act_under_the_2021_text(w):
    # Act 2021-08-01 (2021 text): 5 years → 2026-08-01; discovered 2024-03-01 → not lapsed, filing goes ahead.
    case = case_at(w, "lead", year=2024)
    Case.objects.filter(pk=case.pk).update(act_date=date(2021, 8, 1), life_or_finance_harm=True)
    case.refresh_from_db()
    services.request_filing(actor=w.officer1, case=case, officers=[w.officer1, w.officer2], on=date(2024, 3, 2))
    assert Case.objects.get(pk=case.pk).status == "filing"


def test_a_step_out_of_order_is_refused_naming_the_step_and_article(w):
    case = case_at(w, "investigating")
    refused(
        InvalidTransition,
        services.notify,
        case,
        "调查取证",
        "第四十四条",
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 9),
    )
    refused(
        InvalidTransition,
        services.decide,
        case,
        "不能进入",
        actor=w.leader,
        case=case,
        on=date(2022, 3, 9),
    )


# --- investigation -----------------------------------------------------------------------------------------------


def test_an_act_needs_two_certified_officers_and_a_written_record(w):
    case = case_at(w, "investigating")
    kwargs = dict(actor=w.officer1, case=case, kind="inquiry", on=date(2022, 3, 4), place="镇执法队询问室")
    refused(RuleViolation, services.record_act, case, "第四十二条", officers=[w.officer1], content="问答", **kwargs)
    refused(
        RuleViolation,
        services.record_act,
        case,
        "第四十二条",
        officers=[w.officer1, w.uncertified],
        content="问答",
        **kwargs,
    )
    refused(InvalidInput, services.record_act, case, "笔录", officers=[w.officer1, w.officer2], content="", **kwargs)
    refused(
        RuleViolation,
        services.record_act,
        case,
        "出示执法证件",
        "第五十五条",
        officers=[w.officer1, w.officer2],
        content="问答",
        certificates_shown=False,
        **kwargs,
    )
    act = services.record_act(officers=[w.officer1, w.officer2], content="问：……答：……", person="孙某某", **kwargs)
    assert set(act.officers.values_list("pk", flat=True)) == {w.officer1.pk, w.officer2.pk}


def test_a_recused_officer_cannot_investigate(w):
    case = case_at(w, "investigating")
    services.decide_recusal(
        actor=w.leader,
        case=case,
        person=w.officer2,
        applicant="孙某某",
        reason="与当事人有亲属关系",
        granted=True,
        on=date(2022, 3, 4),
        replacement=w.officer3,
    )
    assert set(case.officers.values_list("pk", flat=True)) == {w.officer1.pk, w.officer3.pk}
    refused(
        RuleViolation,
        services.record_act,
        case,
        "回避",
        "第四十三条",
        actor=w.officer1,
        case=case,
        kind="inspection",
        on=date(2022, 3, 5),
        place="现场",
        officers=[w.officer1, w.officer2],
        content="检查",
    )


def test_recusal_that_leaves_one_officer_is_refused(w):
    case = case_at(w, "investigating")
    refused(
        RuleViolation,
        services.decide_recusal,
        case,
        "不足两名",
        actor=w.leader,
        case=case,
        person=w.officer2,
        applicant="孙某某",
        reason="利害关系",
        granted=True,
        on=date(2022, 3, 4),
    )


def test_seizure_cannot_be_recorded_without_a_recording(w):
    case = case_at(w, "investigating")
    kwargs = dict(
        actor=w.officer1,
        case=case,
        kind="seizure",
        on=date(2022, 3, 4),
        place="现场",
        officers=[w.officer1, w.officer2],
        content="查封焚烧工具",
    )
    refused(RuleViolation, services.record_act, case, "音像记录", "118号", **kwargs)
    act = services.record_act(recording=video(), **kwargs)
    evidence = act.evidence.get()
    assert evidence.is_recording and evidence.kind == "audiovisual"
    entry = ChainEntry.objects.filter(event="enforcement.act_recorded").last()
    assert entry.payload["files"] == [{"name": evidence.file_name, "sm3": evidence.sm3}]


def test_evidence_is_stored_by_hash_and_reverified_by_audit_verify(w):
    case = case_at(w, "investigating")
    evidence = services.add_evidence(
        actor=w.officer1,
        case=case,
        kind="document",
        title="营业执照复印件",
        collected_on=date(2022, 3, 4),
        upload=jpeg(),
    )
    assert evidence.file_name.endswith(f"{evidence.sm3}.jpg")
    again = services.add_evidence(
        actor=w.officer1, case=case, kind="physical", title="同一照片", collected_on=date(2022, 3, 4), upload=jpeg()
    )
    assert again.file_name == evidence.file_name  # same bytes, stored once
    assert verify.verify_chain().ok


def test_tampered_evidence_file_is_named_by_audit_verify(w, media_root):
    case = case_at(w, "investigating")
    evidence = services.add_evidence(
        actor=w.officer1, case=case, kind="document", title="询问笔录附件", collected_on=date(2022, 3, 4), upload=jpeg()
    )
    (media_root / evidence.file_name).write_bytes(b"\xff\xd8\xff changed")
    result = verify.verify_chain()
    assert not result.ok


@pytest.mark.parametrize(
    "name, data, word",
    [
        ("empty.jpg", b"", "空文件"),
        ("virus.exe", b"MZ\x90\x00", "不支持的文件类型"),
        ("fake.pdf", b"not a pdf", "不符"),
    ],
)
def test_bad_uploads_are_refused_and_change_nothing(w, name, data, word):
    case = case_at(w, "investigating")
    refused(
        InvalidInput,
        services.add_evidence,
        case,
        word,
        actor=w.officer1,
        case=case,
        kind="document",
        title="附件",
        collected_on=date(2022, 3, 4),
        upload=jpeg(name, data),
    )


def test_oversized_upload_is_refused_by_the_configured_limit(w):
    change_setting(actor=None, key="enforcement.evidence_max_bytes", value=32)
    case = case_at(w, "investigating")
    refused(
        InvalidInput,
        services.add_evidence,
        case,
        "超过上传上限",
        actor=w.officer1,
        case=case,
        kind="document",
        title="附件",
        collected_on=date(2022, 3, 4),
        upload=jpeg(),
    )


def test_evidence_kind_must_be_one_of_the_eight(w):
    case = case_at(w, "investigating")
    refused(
        InvalidInput,
        services.add_evidence,
        case,
        "第四十六条",
        actor=w.officer1,
        case=case,
        kind="rumour",
        title="传闻",
        collected_on=date(2022, 3, 4),
        upload=jpeg(),
    )


def test_preservation_needs_leader_approval_and_a_decision_within_seven_working_days(w):
    case = case_at(w, "investigating")
    kwargs = dict(
        actor=w.officer1, case=case, items="打火机一只", on=date(2022, 3, 4), officers=[w.officer1, w.officer2]
    )
    refused(RuleViolation, services.preserve_evidence, case, "负责人批准", "第五十六条", approver=w.officer2, **kwargs)
    preservation = services.preserve_evidence(approver=w.leader, **kwargs)
    deadline = Deadline.objects.get(subject_type="enforcement.preservation", subject_id=str(preservation.pk))
    assert deadline.due_date == date(2022, 3, 15)  # 7 working days after Friday 4 March
    services.record_act(
        actor=w.officer1,
        case=case,
        kind="inspection",
        on=date(2022, 3, 4),
        place="现场",
        officers=[w.officer1, w.officer2],
        content="检查",
    )
    refused(
        RuleViolation,
        services.propose,
        case,
        "第五十六条",
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 8),
        facts="事实",
        evidence_summary="证据",
        outcome="not_established",
    )
    services.handle_preservation(actor=w.officer1, preservation=preservation, on=date(2022, 3, 10), handling="退还")
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET


# --- proposal ----------------------------------------------------------------------------------------------------


def _propose_kwargs(w, case, **over):
    kwargs = dict(
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 8),
        facts="露天焚烧秸秆",
        evidence_summary="现场检查笔录、照片",
        outcome="penalty",
        power_version=w.version,
        benchmark_level=w.levels[0],
        penalty_kinds="罚款",
        fine_amount=Decimal("600"),
    )
    kwargs.update(over)
    return kwargs


def test_a_fine_outside_the_statute_is_refused(w):
    case = case_at(w, "investigating")
    services.record_act(
        actor=w.officer1, case=case, kind="inspection", on=date(2022, 3, 4), place="现场",
        officers=[w.officer1, w.officer2], content="检查",
    )  # fmt: skip
    kwargs = _propose_kwargs(
        w, case, benchmark_level=w.levels[2], fine_amount="2500", outside_level_reason="情节特别严重"
    )
    refused(RuleViolation, services.propose, case, "超出法定幅度", "第二条", **kwargs)


def test_a_fine_outside_the_level_needs_a_written_reason(w):
    case = case_at(w, "investigating")
    services.record_act(
        actor=w.officer1, case=case, kind="inspection", on=date(2022, 3, 4), place="现场",
        officers=[w.officer1, w.officer2], content="检查",
    )  # fmt: skip
    kwargs = _propose_kwargs(w, case, fine_amount="1000")
    refused(RuleViolation, services.propose, case, "轻微", "书面说明理由", **kwargs)
    case = services.propose(**{**kwargs, "outside_level_reason": "当事人经劝阻后继续焚烧"})
    assert case.fine_amount == Decimal("1000.00")


def test_mitigation_below_the_statutory_minimum_needs_article_32_grounds(w):
    case = case_at(w, "investigating")
    services.record_act(
        actor=w.officer1, case=case, kind="inspection", on=date(2022, 3, 4), place="现场",
        officers=[w.officer1, w.officer2], content="检查",
    )  # fmt: skip
    kwargs = _propose_kwargs(w, case, fine_amount="300", outside_level_reason="减轻处罚")
    refused(RuleViolation, services.propose, case, "第三十二条", **kwargs)
    case = services.propose(**{**kwargs, "lighter_grounds": "主动消除违法行为危害后果"})
    assert case.fine_amount == Decimal("300.00")


def test_first_violation_no_penalty_needs_its_facts(w):
    case = case_at(w, "investigating")
    services.record_act(
        actor=w.officer1, case=case, kind="inspection", on=date(2022, 3, 4), place="现场",
        officers=[w.officer1, w.officer2], content="检查",
    )  # fmt: skip
    kwargs = _propose_kwargs(w, case, outcome="minor")
    refused(InvalidInput, services.propose, case, "第三十三条", **kwargs)
    case = services.propose(**kwargs, no_penalty_ground="初次违法、危害后果轻微并及时改正")
    assert case.fine_amount is None and case.proposed_outcome == "minor"


def test_proposal_without_any_investigation_is_refused(w):
    case = case_at(w, "investigating")
    refused(RuleViolation, services.propose, case, "第五十四条", **_propose_kwargs(w, case))


# --- notice, statement, decision ---------------------------------------------------------------------------------


def test_notice_starts_a_five_working_day_window_under_the_2021_text(w):
    case = case_at(w, "notified")
    assert case.notice_number == "辛口综执罚告字〔2022〕第1号"
    (window,) = case_deadlines(case, rules.STATEMENT)
    assert window.due_date == date(2022, 3, 16)  # Wednesday 9 March + 5 working days


def test_hearing_window_is_three_days_under_the_2017_text(w):
    change_setting(actor=None, key="enforcement.hearing_large_fine_individual", value="500")
    case = case_at(w, "notified", year=2019)
    assert case.hearing_eligible
    (window,) = case_deadlines(case, rules.HEARING_REQUEST)
    assert window.period == "3d"
    assert window.due_date == date(2019, 3, 12)  # Saturday 9 March + 3 calendar days


def test_decision_before_the_statement_window_closes_is_refused(w):
    case = case_at(w, "notified")
    refused(
        RuleViolation,
        services.decide,
        case,
        "第六十二条",
        "2022-03-16",
        actor=w.leader,
        case=case,
        on=date(2022, 3, 14),
    )
    case = services.decide(actor=w.leader, case=case, on=date(2022, 3, 17))
    assert case.status == "decided"
    assert case.decision_number == "辛口综执罚决字〔2022〕第1号"


def test_decision_without_notice_is_refused(w):
    case = case_at(w, "proposed")
    refused(RuleViolation, services.decide, case, "第四十四条", actor=w.leader, case=case, on=date(2022, 3, 20))


def test_a_heavier_penalty_after_the_statement_is_refused(w):
    case = case_at(w, "notified")
    services.record_statement(
        actor=w.officer1, case=case, on=date(2022, 3, 10), content="家中困难", adopted=False, reply="理由不成立"
    )
    submitted = services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 17), summary="送审")
    give_opinion(
        actor=w.reviewer,
        request=case_review(submitted),
        points=all_ok(law="裁量偏轻"),
        conclusion="problems",
        opinion="请复核裁量",
        on=date(2022, 3, 18),
    )
    case.refresh_from_db()
    assert case.status == "returned"
    refused(
        RuleViolation,
        services.propose,
        case,
        "第四十五条",
        **_propose_kwargs(w, case, on=date(2022, 3, 21), benchmark_level=w.levels[1], fine_amount="1000"),
    )


def test_serious_case_needs_collective_deliberation(w):
    case = case_at(w, "notified", serious=True)
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    refused(
        RuleViolation, services.decide, case, "集体讨论", "第五十七条", actor=w.leader, case=case, on=date(2022, 3, 11)
    )
    services.record_deliberation(
        actor=w.leader,
        case=case,
        held_on=date(2022, 3, 11),
        attendees=["王建国", "李副镇长", "张委员"],
        opinions=[
            {"name": "王建国", "opinion": "同意处罚"},
            {"name": "张委员", "opinion": "建议从轻", "dissent": True},
        ],
        conclusion="同意按建议处罚",
    )
    case = services.decide(actor=w.leader, case=case, on=date(2022, 3, 11))
    assert case.status == "decided"


def test_the_decision_period_has_no_extension_unless_the_body_adopts_one(w):
    # 第六十条 gives 90 days and no extension of its own: without the body's setting the extension is refused, naming why.
    case = case_at(w, "proposed")
    refused(RuleViolation, services.extend_decision_period, case, "第六十条", "未启用延长",
            actor=w.leader, case=case, days=30, reason="案情复杂")  # fmt: skip


def adopt_extension(w, days=30):
    change_setting(actor=None, key=rules.DECISION_EXTENSION_SETTING, value=days, body=w.town)


def test_decision_after_the_90_days_needs_a_recorded_extension(w):
    adopt_extension(w)
    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    refused(
        RuleViolation,
        services.decide,
        case,
        "第六十条",
        "未经批准延长",
        actor=w.leader,
        case=case,
        on=date(2022, 6, 10),
    )
    extended = services.extend_decision_period(actor=w.leader, case=case, days=30, reason="案情复杂，需补充鉴定")
    assert extended.due_date == date(2022, 7, 1)
    assert extended.extension_approver == w.leader
    case = services.decide(actor=w.leader, case=case, on=date(2022, 6, 10))
    assert case.status == "decided"


def test_decision_after_the_extended_period_without_a_late_reason_is_refused_naming_article_60(w):
    adopt_extension(w)
    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    services.extend_decision_period(actor=w.leader, case=case, days=30, reason="案情复杂，需补充鉴定")
    refused(
        RuleViolation,
        services.decide,
        case,
        "第六十条",
        "逾期理由",
        actor=w.leader,
        case=case,
        on=date(2022, 7, 10),
        late_reason="   ",
    )


def test_overdue_decision_with_a_late_reason_is_made_and_closes_the_period_as_missed(w):
    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    case = services.decide(
        actor=w.leader, case=case, on=date(2022, 6, 10), late_reason="当事人下落不明，送达和鉴定耗时"
    )
    assert case.status == "decided"
    (period,) = case_deadlines(case, rules.DECISION)
    assert period.state == DeadlineState.MISSED
    assert period.closed_on == date(2022, 6, 10)
    entry = ChainEntry.objects.filter(
        subject_type="enforcement.case", subject_id=str(case.pk), event="enforcement.decided"
    ).get()
    assert entry.payload["late_reason"] == "当事人下落不明，送达和鉴定耗时"
    assert entry.payload["in_time"] is False


def test_decision_holds_the_items_of_article_59(w):
    case = case_at(w, "decided")
    from fazhi.core.documents import text_of
    from fazhi.enforcement.documents import build

    text = text_of(build(case, "decision").data)
    for expected in (
        "孙某某",
        "天津市西青区辛口镇某村",  # (一) name and address
        "露天焚烧秸秆约二百平方米",
        "现场检查笔录",  # (二) facts and evidence
        "第二条",
        "罚款人民币600.00元",  # (三) kind and basis
        "15日内",  # (四) performance
        "六十日内",
        "六个月内",  # (五) remedies
        "西青区辛口镇人民政府",
        "2022年3月15日",  # (六) body and date
        "辛口综执罚决字〔2022〕第1号",
    ):
        assert expected in text, expected


# --- service and execution ---------------------------------------------------------------------------------------


def test_service_closes_its_deadline_and_starts_payment(w):
    case = case_at(w, "decided")
    (service_period,) = case_deadlines(case, rules.SERVICE_ABSENT_PARTY)
    assert service_period.due_date == date(2022, 3, 24)  # 7 working days
    service, warnings = services.serve(
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 17),
        method="left",
        recipient="孙某某（拒收）",
        proof="留置送达照片",
        witnesses="村委会主任赵某",
    )
    assert warnings and "118号" in warnings[0]
    case.refresh_from_db()
    assert case.payment_due_on == date(2022, 4, 1)  # 15 days after 17 March
    service_period.refresh_from_db()
    assert service_period.state == DeadlineState.MET


def test_electronic_service_needs_signed_consent(w):
    case = case_at(w, "decided")
    refused(
        RuleViolation,
        services.serve,
        case,
        "确认书",
        "第六十一条",
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 16),
        method="electronic",
        recipient="孙某某",
        proof="邮件回执",
    )


def test_surcharge_is_three_percent_per_day_capped_and_not_counted_during_reconsideration(w):
    case = case_at(w, "served")
    assert case.payment_due_on == date(2022, 3, 30)
    amount, days = services.surcharge_on(case, date(2022, 4, 4))
    assert (amount, days) == (Decimal("90.00"), 5)  # 600 × 3% × 5
    remedy = services.record_remedy(actor=w.officer1, case=case, kind="reconsideration", started_on=date(2022, 4, 1))
    services.conclude_remedy(actor=w.officer1, remedy=remedy, ended_on=date(2022, 4, 3), result="维持")
    case.refresh_from_db()
    amount, days = services.surcharge_on(case, date(2022, 4, 4))
    assert (amount, days) == (Decimal("36.00"), 2)
    amount, _days = services.surcharge_on(case, date(2022, 12, 31))
    assert amount == Decimal("600.00")  # capped at the fine


def test_late_payment_with_surcharge_executes_and_closes(w):
    case = case_at(w, "served")
    services.record_payment(actor=w.officer1, case=case, paid_on=date(2022, 4, 1), amount="600", receipt="B-9")
    case.refresh_from_db()
    assert case.status == "executed"
    assert case.surcharge_paid == Decimal("36.00")
    (payment,) = case_deadlines(case, rules.PAYMENT)
    assert payment.state == DeadlineState.MISSED


def test_closing_with_an_unpaid_fine_is_refused(w):
    case = case_at(w, "served")
    refused(
        RuleViolation,
        services.close_case,
        case,
        "罚款尚未缴清",
        "第六十七条",
        actor=w.officer1,
        case=case,
        on=date(2022, 3, 20),
        report="结案",
    )


def test_court_application_needs_a_demand_and_ten_working_days(w):
    case = case_at(w, "served")
    refused(
        RuleViolation,
        services.apply_to_court,
        case,
        "催告",
        actor=w.leader,
        case=case,
        on=date(2022, 4, 20),
        court="西青区人民法院",
    )
    services.issue_demand(actor=w.officer1, case=case, on=date(2022, 4, 6))
    refused(
        RuleViolation,
        services.apply_to_court,
        case,
        "十日",
        actor=w.leader,
        case=case,
        on=date(2022, 4, 12),
        court="法院",
    )
    case = services.apply_to_court(actor=w.leader, case=case, on=date(2022, 9, 20), court="西青区人民法院")
    assert case.status == "court"


def test_court_application_window_is_three_months_after_the_six_month_litigation_period(w):
    case = case_at(w, "served")
    assert case.served_on == date(2022, 3, 15)
    first, last, citation = services.court_application_window(case)
    assert first == date(2022, 9, 16)  # 行政诉讼法 第四十六条: six months from service end on 15 September
    assert last == date(2022, 12, 15)  # 行政强制法 第五十三条: three months from the day those periods lapsed
    assert "第五十三条" in citation and "第四十六条" in citation


def test_court_application_before_the_remedy_periods_lapse_is_refused_naming_article_53(w):
    case = case_at(w, "served")
    services.issue_demand(actor=w.officer1, case=case, on=date(2022, 4, 6))
    refused(
        RuleViolation,
        services.apply_to_court,
        case,
        "第五十三条",
        "2022-09-16",
        actor=w.leader,
        case=case,
        on=date(2022, 9, 15),
        court="西青区人民法院",
    )


def test_court_application_more_than_three_months_after_the_periods_is_refused_naming_article_53(w):
    case = case_at(w, "served")
    services.issue_demand(actor=w.officer1, case=case, on=date(2022, 4, 6))
    refused(
        RuleViolation,
        services.apply_to_court,
        case,
        "第五十三条",
        "三个月",
        actor=w.leader,
        case=case,
        on=date(2022, 12, 16),
        court="西青区人民法院",
    )
    case = services.apply_to_court(actor=w.leader, case=case, on=date(2022, 12, 15), court="西青区人民法院")
    assert case.status == "court" and case.court_applied_on == date(2022, 12, 15)


def test_deferral_stops_the_payment_clock(w):
    case = case_at(w, "served")
    case = services.approve_deferral(
        actor=w.leader, case=case, on=date(2022, 3, 20), until=date(2022, 4, 20), reason="家庭经济困难"
    )
    assert case.payment_due_on > date(2022, 4, 20)


# --- archive -----------------------------------------------------------------------------------------------------


def test_archive_lists_every_document_and_evidence_item_with_its_hash(w):
    case = case_at(w, "closed")
    for kind in (
        "filing_approval",
        "inspection_record",
        "prior_notice",
        "decision",
        "service_receipt",
        "closing_report",
    ):
        services.generate_document(actor=w.officer1, case=case, kind=kind)
    case = services.archive_case(actor=w.officer1, case=case, on=date(2022, 3, 22))
    assert case.status == "archived"
    titles = [row["title"] for row in case.archive_index]
    assert "立案审批表" in titles and "行政处罚决定书" in titles and "现场照片" in titles
    assert [row["seq"] for row in case.archive_index] == list(range(1, len(titles) + 1))
    evidence = Evidence.objects.get(case=case)
    assert any(row["sm3"] == evidence.sm3 for row in case.archive_index)
    index_doc = case.documents.get(kind="case_file_index")
    assert index_doc.sm3
    assert verify.verify_chain().ok


def test_every_step_is_one_chain_entry_about_the_case(w):
    case = case_at(w, "closed")
    events = list(
        ChainEntry.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk))
        .order_by("seq")
        .values_list("event", flat=True)
    )
    assert events == [
        "enforcement.lead_registered",
        "enforcement.filing_requested",
        "enforcement.filed",
        "enforcement.act_recorded",
        "enforcement.evidence_added",
        "enforcement.proposed",
        "enforcement.notified",
        "enforcement.rights_waived",
        "enforcement.ready",  # 报请决定 (no review required): its own event code since ADR 0009
        "enforcement.decided",
        "enforcement.served",
        "enforcement.payment_recorded",
        "enforcement.documents_completed",  # the file completed before 结案 (118号 (九))
        "enforcement.closed",
    ]
