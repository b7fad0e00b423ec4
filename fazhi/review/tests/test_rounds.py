"""Rounds of legal review (法制审核) on a generic subject: submission, the written seven-point opinion, the gate, who may
review, and the review deadline. 国办发〔2018〕118号 (十一)–(十四); 行政处罚法 第五十八条."""

from datetime import date

import pytest
from django.http import Http404

from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import Deadline, DeadlineState
from fazhi.enforcement.rules import LEGAL_REVIEW
from fazhi.review import selectors, services
from fazhi.review.models import Conclusion, ReviewRequest, ReviewState
from fazhi.review.rules import POINT_KEYS, REVIEW_POINTS
from fazhi.review.tests.factories import SUBJECT, SUBMITTED_ON, points, snapshot, submit

TYPE, ID, LABEL = SUBJECT
ON = date(2019, 9, 30)


def refused(error_type, fn, /, *words, **kwargs):
    """A step that must be refused: nothing in rounds, catalogue, deadlines or chain changes."""
    before = snapshot()
    with pytest.raises(error_type) as info:
        fn(**kwargs)
    assert snapshot() == before
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


def entries_about(subject=SUBJECT):
    return list(ChainEntry.objects.filter(subject_type=subject[0], subject_id=subject[1]).order_by("seq"))


def opinion(request, actor, conclusion=Conclusion.AGREE, on=ON, text="", **failing):
    return services.give_opinion(
        actor=actor, request=request, points=points(**failing), conclusion=conclusion, opinion=text, on=on
    )


# --- submission ------------------------------------------------------------------------------------------------------


def test_submission_opens_round_one_and_writes_one_entry(world):
    request = submit(world, reasons=["罚款数额较大"])
    assert (request.round, request.state, request.submitted_by) == (1, ReviewState.PENDING, world.officer)
    (entry,) = entries_about()
    assert (entry.event, entry.subject_label, entry.body_id) == ("review.submitted", LABEL, world.town.pk)
    assert entry.payload["round"] == 1 and entry.payload["reasons"] == ["罚款数额较大"]


def test_resubmission_while_a_round_is_pending_is_refused_and_changes_nothing(world):
    submit(world)
    refused(
        InvalidTransition,
        services.submit,
        "尚未出具意见",
        "不能重复送审",
        actor=world.officer,
        subject=SUBJECT,
        body=world.town,
        kind="enforcement_decision",
        summary="补充材料后再次送审",
        submitted_on=date(2019, 9, 30),
    )
    assert ReviewRequest.objects.filter(subject_type=TYPE, subject_id=ID).count() == 1


def test_after_a_failed_round_the_subject_is_resubmitted_as_round_two(world):
    first = submit(world)
    opinion(first, world.reviewer, Conclusion.PROBLEMS, facts="证据不足")
    second = submit(world, on=date(2019, 10, 8))
    assert (second.round, second.state) == (2, ReviewState.PENDING)
    assert [r.round for r in selectors.rounds_for(TYPE, ID)] == [1, 2]


def test_resubmission_after_a_passed_round_is_refused(world):
    opinion(submit(world), world.reviewer)
    refused(
        InvalidTransition,
        services.submit,
        "已经通过",
        actor=world.officer,
        subject=SUBJECT,
        body=world.town,
        kind="enforcement_decision",
        summary="再次送审",
        submitted_on=date(2019, 10, 8),
    )


@pytest.mark.parametrize(
    ("field", "value", "word"),
    [("summary", "  ", "送审材料"), ("kind", "no_such_kind", "审核类别")],
)
def test_submission_needs_a_summary_and_a_known_kind(world, field, value, word):
    kwargs = {"kind": "enforcement_decision", "summary": "案卷材料", field: value}
    error = refused(
        InvalidInput,
        services.submit,
        word,
        actor=world.officer,
        subject=SUBJECT,
        body=world.town,
        submitted_on=SUBMITTED_ON,
        **kwargs,
    )
    assert error.field == field


# --- the opinion and the gate ----------------------------------------------------------------------------------------


def test_passed_round_opens_the_gate_and_writes_one_review_passed_entry(world):
    reviewer = world.reviewer
    assert not selectors.has_passed(TYPE, ID)  # never submitted
    request = submit(world)
    assert not selectors.has_passed(TYPE, ID)  # pending
    before = ChainEntry.objects.count()
    opinion(request, reviewer)
    assert selectors.has_passed(TYPE, ID)
    (entry,) = ChainEntry.objects.filter(seq__gt=before)
    assert (entry.event, entry.subject_type, entry.subject_id) == ("review.passed", TYPE, ID)
    assert entry.actor_id == reviewer.pk
    assert entry.payload["old"] == {"state": "pending"}
    assert entry.payload["new"] == {"state": "passed", "conclusion": "agree"}
    request.refresh_from_db()
    assert (request.reviewer, request.reviewed_on) == (reviewer, ON)


def test_the_opinion_records_the_seven_points_of_118_in_the_documents_order(world):
    request = opinion(submit(world), world.reviewer, Conclusion.PROBLEMS, documents="缺少送达回证")
    # 118号 (十三): 主体与资格、程序、事实与证据、适用法律与裁量基准、权限、文书、是否涉嫌犯罪.
    assert [row["key"] for row in request.points] == [
        "subject",
        "procedure",
        "facts",
        "law",
        "authority",
        "documents",
        "crime",
    ]
    assert [row["ok"] for row in request.points] == [True, True, True, True, True, False, True]
    assert request.points[5]["note"] == "缺少送达回证"


def test_failed_round_keeps_the_gate_shut_and_writes_one_review_failed_entry(world):
    reviewer, request = world.reviewer, submit(world)
    before = ChainEntry.objects.count()
    request = opinion(request, reviewer, Conclusion.PROBLEMS, facts="证据不足", law="裁量基准适用不当")
    assert request.state == ReviewState.FAILED
    assert not selectors.has_passed(TYPE, ID)
    (entry,) = ChainEntry.objects.filter(seq__gt=before)
    assert entry.event == "review.failed"
    assert entry.payload["new"] == {"state": "failed", "conclusion": "problems"}
    # With no opinion written, the failing points' notes are the opinion.
    assert "证据不足" in request.opinion and "裁量基准适用不当" in request.opinion


def test_latest_round_decides_the_gate(world):
    opinion(submit(world), world.reviewer, Conclusion.PROBLEMS, procedure="未告知听证权利")
    assert not selectors.has_passed(TYPE, ID)
    opinion(submit(world, on=date(2019, 10, 8)), world.reviewer, on=date(2019, 10, 9))
    assert selectors.has_passed(TYPE, ID)
    assert selectors.latest_round(TYPE, ID).round == 2


def test_problems_opinion_without_a_failing_point_is_refused_and_changes_nothing(world):
    request = submit(world)
    error = refused(
        InvalidInput,
        services.give_opinion,
        "至少标明一项",
        actor=world.reviewer,
        request=request,
        points=points(),
        conclusion=Conclusion.PROBLEMS,
        opinion="案件存在问题",
    )
    assert error.field == "points"
    request.refresh_from_db()
    assert request.state == ReviewState.PENDING


def test_agree_opinion_with_a_failing_point_is_refused_and_changes_nothing(world):
    request = submit(world)
    error = refused(
        InvalidInput,
        services.give_opinion,
        "不能出具“同意”意见",
        actor=world.reviewer,
        request=request,
        points=points(crime="涉嫌犯罪，应移送"),
        conclusion=Conclusion.AGREE,
        opinion="",
    )
    assert error.field == "conclusion"


def test_problems_opinion_must_say_what_the_problem_is(world):
    request = submit(world)
    refused(
        InvalidInput,
        services.give_opinion,
        "须写明问题和理由",
        actor=world.reviewer,
        request=request,
        points=points(facts=""),
        conclusion=Conclusion.PROBLEMS,
        opinion="",
    )


@pytest.mark.parametrize("missing", POINT_KEYS)
def test_every_one_of_the_seven_points_is_required(world, missing):
    request = submit(world)
    incomplete = {key: value for key, value in points().items() if key != missing}
    text = next(p.text for p in REVIEW_POINTS if p.key == missing)
    refused(
        InvalidInput,
        services.give_opinion,
        "尚缺",
        text,
        actor=world.reviewer,
        request=request,
        points=incomplete,
        conclusion=Conclusion.AGREE,
        opinion="",
    )


def test_an_unknown_point_is_refused(world):
    request = submit(world)
    refused(
        InvalidInput,
        services.give_opinion,
        "未知的审核项",
        actor=world.reviewer,
        request=request,
        points={**points(), "mood": (True, "")},
        conclusion=Conclusion.AGREE,
        opinion="",
    )


def test_a_round_takes_one_opinion_only(world):
    request = opinion(submit(world), world.reviewer)
    refused(
        InvalidTransition,
        services.give_opinion,
        "不能再次出具意见",
        actor=world.reviewer,
        request=request,
        points=points(facts="证据不足"),
        conclusion=Conclusion.PROBLEMS,
        opinion="",
        on=date(2019, 10, 8),
    )


def test_opinion_dated_before_the_submission_is_refused(world):
    request = submit(world)
    error = refused(
        InvalidInput,
        services.give_opinion,
        "早于送审日期",
        actor=world.reviewer,
        request=request,
        points=points(),
        conclusion=Conclusion.AGREE,
        opinion="",
        on=date(2019, 9, 26),
    )
    assert error.field == "on"


# --- who may review --------------------------------------------------------------------------------------------------


def test_a_person_excluded_from_the_subject_cannot_give_the_opinion(world):
    other_reviewer = world.person(world.justice, Role.LEGAL_REVIEWER, last_name="周")
    request = submit(world, excluded_reviewer_ids=[world.reviewer.pk])
    refused(
        NotPermitted,
        services.give_opinion,
        "不得担任本案法制审核人员",
        actor=world.reviewer,
        request=request,
        points=points(),
        conclusion=Conclusion.AGREE,
        opinion="",
        on=ON,
    )
    assert request not in selectors.review_queue(world.reviewer)
    # Another reviewer of the town may.
    assert request in selectors.review_queue(other_reviewer)
    opinion(request, other_reviewer)
    assert selectors.has_passed(TYPE, ID)


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_only_a_legal_reviewer_gives_the_opinion(world, who):
    request = submit(world)
    refused(
        NotPermitted,
        services.give_opinion,
        "法制审核人员",
        actor=getattr(world, who),
        request=request,
        points=points(),
        conclusion=Conclusion.AGREE,
        opinion="",
        on=ON,
    )


def test_a_reviewer_of_another_town_cannot_give_the_opinion(world, outside_reviewer):
    request = submit(world)
    refused(
        NotPermitted,
        services.give_opinion,
        "管辖范围",
        actor=outside_reviewer,
        request=request,
        points=points(),
        conclusion=Conclusion.AGREE,
        opinion="",
        on=ON,
    )


# --- the review deadline ---------------------------------------------------------------------------------------------


def review_deadline(request):
    return Deadline.objects.get(subject_type="review.reviewrequest", subject_id=str(request.pk))


def deadline_events(deadline):
    return [e.event for e in ChainEntry.objects.filter(subject_type="core.deadline", subject_id=str(deadline.pk))]


def test_review_deadline_opens_with_the_submission_and_closes_met_with_a_timely_opinion(world):
    request = submit(world, rule_key=LEGAL_REVIEW)
    deadline = review_deadline(request)
    # 5 working days (118号 (十四), the default until the town sets its own) from Friday 2019-09-27, the start day not
    # counted: Sun 09-29 (a 调休 working day) and Mon 09-30 are days 1–2; 10-01…10-07 is the National Day holiday;
    # 10-08, 10-09, 10-10 are days 3–5.
    assert (deadline.state, deadline.start_date, deadline.due_date) == (
        DeadlineState.OPEN,
        SUBMITTED_ON,
        date(2019, 10, 10),
    )
    opinion(request, world.reviewer, on=date(2019, 10, 10))
    deadline.refresh_from_db()
    assert (deadline.state, deadline.closed_on) == (DeadlineState.MET, date(2019, 10, 10))
    assert deadline_events(deadline) == ["deadline.opened", "deadline.met"]


def test_late_opinion_closes_the_review_deadline_as_late(world):
    request = submit(world, rule_key=LEGAL_REVIEW)
    opinion(request, world.reviewer, on=date(2019, 10, 11))
    deadline = review_deadline(request)
    assert (deadline.state, deadline.closed_on) == (DeadlineState.MISSED, date(2019, 10, 11))
    assert deadline_events(deadline) == ["deadline.opened", "deadline.closed_late"]


def test_without_a_period_rule_no_deadline_is_opened(world):
    request = submit(world)
    assert not Deadline.objects.filter(subject_type="review.reviewrequest", subject_id=str(request.pk)).exists()


# --- reading ---------------------------------------------------------------------------------------------------------


def test_queue_holds_pending_rounds_in_scope_for_reviewers_only(world, outside_reviewer):
    pending = submit(world)
    done = opinion(submit(world, ("test.decision", "8", "另一项决定")), world.reviewer)
    assert selectors.review_queue(world.reviewer) == [pending]
    assert selectors.review_queue(outside_reviewer) == []
    assert selectors.review_queue(world.officer) == []  # not a reviewer
    assert selectors.recent_reviews(world.reviewer) == [done]


def test_round_of_another_town_is_not_found(world, outside_reviewer):
    request = submit(world)
    with pytest.raises(Http404):
        selectors.request_detail(outside_reviewer, request.pk)
    assert selectors.request_detail(world.reviewer, request.pk) == request
