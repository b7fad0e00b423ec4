"""Counsel: engagements, opinion requests and their answers, adoption, the yearly figures, scope."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.counsel import selectors, services
from fazhi.counsel.models import Finding, OpinionStatus
from fazhi.counsel.rules import ENGAGEMENT_EXPIRY, OPINION_DUE

pytestmark = pytest.mark.django_db

SUBJECT = ("enforcement.case", "7", "辛口镇某案")


def ask(world, firm, *, on=date(2019, 3, 1), due=date(2019, 3, 8), subject=SUBJECT):
    return services.ask_opinion(
        actor=world.officer, engagement=firm, subject=subject, body=world.team, question="拟处罚是否合法？",
        on=on, due_on=due, materials="案卷",
    )  # fmt: skip


def answer(world, opinion, *, on=date(2019, 3, 6), finding=Finding.LAWFUL):
    return services.answer_opinion(
        actor=world.reviewer, opinion=opinion, on=on, lawyer="李明", finding=finding, answer="经审查，合法。"
    )


def test_engagement_opens_its_expiry_reminder_on_the_term_end(world, firm):
    row = deadlines.current(firm, ENGAGEMENT_EXPIRY, lock=False)
    assert row.due_date == date(2019, 12, 31)
    assert firm.lawyers == ["李明", "周红"]
    assert ChainEntry.objects.filter(event="counsel.engaged", subject_id=str(firm.pk)).count() == 1


def test_engagement_refuses_an_end_before_its_start(world, in_2019):
    with pytest.raises(InvalidInput) as exc:
        services.engage(actor=world.leader, body=world.town, kind="law_firm", adviser="某所", lawyers="甲",
                        term_start=date(2019, 5, 1), term_end=date(2019, 4, 30), fee=0, scope="x")  # fmt: skip
    assert exc.value.field == "term_end"


def test_only_leaders_or_admins_engage(world, in_2019):
    with pytest.raises(NotPermitted):
        services.engage(actor=world.officer, body=world.town, kind="law_firm", adviser="某所", lawyers="甲",
                        term_start=date(2019, 1, 1), term_end=date(2019, 12, 31), fee=0, scope="x")  # fmt: skip


def test_an_opinion_is_asked_answered_and_its_deadline_met(world, firm):
    opinion = ask(world, firm)
    assert deadlines.current(opinion, OPINION_DUE, lock=False).due_date == date(2019, 3, 8)
    assert not selectors.has_answered_opinion(SUBJECT)
    answer(world, opinion)
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.ANSWERED and opinion.on_time is True
    assert selectors.has_answered_opinion(SUBJECT)
    assert selectors.opinion_for(SUBJECT).pk == opinion.pk
    (row,) = deadlines.of_subject(opinion, OPINION_DUE)
    assert row.state == "met"


def test_the_lawyer_must_be_one_of_the_engagement(world, firm):
    opinion = ask(world, firm)
    with pytest.raises(InvalidInput) as exc:
        services.answer_opinion(actor=world.reviewer, opinion=opinion, on=date(2019, 3, 6), lawyer="王五",
                                finding=Finding.LAWFUL, answer="合法")  # fmt: skip
    assert exc.value.field == "lawyer"


def test_not_adopted_needs_a_reason(world, firm):
    opinion = ask(world, firm)
    answer(world, opinion, finding=Finding.AMEND)
    with pytest.raises(InvalidInput) as exc:
        services.record_adoption(actor=world.leader, opinion=opinion, on=date(2019, 3, 7), adopted=False, reason=" ")
    assert exc.value.field == "reason"
    services.record_adoption(actor=world.leader, opinion=opinion, on=date(2019, 3, 7), adopted=False,
                             reason="意见所指风险已另行处理")  # fmt: skip
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.NOT_ADOPTED and opinion.not_adopted_reason


def test_adoption_before_an_answer_is_refused(world, firm):
    opinion = ask(world, firm)
    with pytest.raises(InvalidTransition):
        services.record_adoption(actor=world.leader, opinion=opinion, on=date(2019, 3, 7), adopted=True)


def test_an_opinion_outside_the_term_is_refused(world, firm, in_2019):
    with pytest.raises(InvalidInput) as exc:
        services.ask_opinion(actor=world.officer, engagement=firm, subject=SUBJECT, body=world.team, question="?",
                             on=date(2018, 12, 1), due_on=date(2018, 12, 5))  # fmt: skip
    assert exc.value.field == "engagement"


def test_another_town_cannot_use_the_engagement(world, firm):
    with pytest.raises(NotPermitted):
        services.ask_opinion(actor=world.other_officer, engagement=firm, subject=SUBJECT, body=world.team,
                             question="?", on=date(2019, 3, 1), due_on=date(2019, 3, 5))  # fmt: skip
    assert selectors.opinions_visible_to(world.other_officer).count() == 0


def test_yearly_figures_count_asked_on_time_and_adopted(world, firm, django_assert_max_num_queries):
    # Four opinions in 2019: A answered on time and adopted; B answered late and not adopted; C answered on time and
    # not yet decided; D unanswered. One asked in 2019 but in another engagement does not count.
    a, b, c, _d = (ask(world, firm, subject=("x.y", str(i), f"事项{i}")) for i in range(4))
    answer(world, a, on=date(2019, 3, 8))  # due 03-08: on time
    answer(world, b, on=date(2019, 3, 11))  # late
    answer(world, c, on=date(2019, 3, 2))
    services.record_adoption(actor=world.leader, opinion=a, on=date(2019, 3, 12), adopted=True)
    services.record_adoption(actor=world.leader, opinion=b, on=date(2019, 3, 12), adopted=False, reason="另有依据")
    with django_assert_max_num_queries(1):
        stats = selectors.engagement_year_stats([firm.pk], 2019)
    assert stats[firm.pk] == {"asked": 4, "answered": 3, "on_time": 2, "adopted": 1, "not_adopted": 1}
    assert selectors.engagement_year_stats([firm.pk], 2018)[firm.pk]["asked"] == 0


def test_evaluation_freezes_the_year_figures(world, firm):
    answer(world, ask(world, firm))
    evaluation = services.evaluate(actor=world.leader, engagement=firm, year=2019, grade="competent",
                                   comment="按时出具意见", on=date(2019, 12, 30))  # fmt: skip
    assert evaluation.figures["asked"] == 1 and evaluation.figures["on_time"] == 1
    with pytest.raises(InvalidTransition):
        services.evaluate(actor=world.leader, engagement=firm, year=2019, grade="competent", comment="再评",
                          on=date(2019, 12, 30))  # fmt: skip


def test_found_unlawful_is_seen_by_other_apps(world, firm):
    answer(world, ask(world, firm), finding=Finding.UNLAWFUL)
    assert selectors.found_unlawful(SUBJECT)


def test_a_refused_step_leaves_nothing(world, firm):
    _ = world.officer
    before = ChainEntry.objects.count()
    with pytest.raises(InvalidInput):
        services.ask_opinion(actor=world.officer, engagement=firm, subject=SUBJECT, body=world.team, question="",
                             on=date(2019, 3, 1), due_on=date(2019, 3, 5))  # fmt: skip
    assert ChainEntry.objects.count() == before


def test_the_ask_form_tells_a_renewed_engagement_from_the_last_by_its_term(world, firm):
    # 续聘: the same firm and lawyers engaged again for 2020 — the pick list would show two identical names; the term
    # tells them apart (the ask is refused outside the chosen engagement's term).
    from fazhi.counsel.forms import AskForm

    renewal = services.engage(
        actor=world.leader, body=world.town, kind=firm.kind, adviser=firm.adviser, lawyers="李明、周红",
        term_start=date(2020, 1, 1), term_end=date(2020, 12, 31), fee="60000", scope=firm.scope, on=date(2019, 12, 20),
    )  # fmt: skip
    labels = dict(AskForm(obj=None, user=world.officer).fields["engagement"].choices)
    assert labels[str(firm.pk)] == "天津津西律师事务所（李明、周红；聘期 2019-01-01 至 2019-12-31）"
    assert labels[str(renewal.pk)] == "天津津西律师事务所（李明、周红；聘期 2020-01-01 至 2020-12-31）"
