"""The party's statement/defence window is the party's time: once it lapses it is not an overdue obligation of the
officer, and the next step closes it as met on its last day."""

from datetime import timedelta

from django.urls import reverse

from fazhi.core.models import Deadline, DeadlineState
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.tests.factories import case_at


def window_of(case):
    return Deadline.objects.get(subject_type="enforcement.case", subject_id=str(case.pk), rule_key=rules.STATEMENT)


def test_lapsed_statement_window_shows_ready_for_next_step_not_overdue(w):
    case = case_at(w, "notified")
    window = window_of(case)
    (running,) = selectors.my_cases(w.officer1, today=window.due_date)
    assert running.next_step == selectors.NEXT_STEP[case.status]
    assert running.due_date == window.due_date and not running.overdue
    (lapsed,) = selectors.my_cases(w.officer1, today=window.due_date + timedelta(days=1))
    assert lapsed.next_step == "陈述申辩期已届满，可进入下一步"
    assert not lapsed.overdue
    decision = Deadline.objects.get(subject_type="enforcement.case", subject_id=str(case.pk), rule_key=rules.DECISION)
    assert lapsed.due_date == decision.due_date  # the officer's own next due date, not the party's window


def test_workbench_shows_the_lapsed_window_as_ready_for_next_step(w, client):
    case_at(w, "notified")  # its window ran out in 2022
    client.force_login(w.officer1)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "陈述申辩期已届满，可进入下一步" in page


def test_next_step_after_the_window_closes_it_as_met_on_its_last_day(w):
    case = case_at(w, "notified")
    window = window_of(case)
    services.ready_for_decision(actor=w.officer1, case=case, on=window.due_date + timedelta(days=2))
    window.refresh_from_db()
    assert window.state == DeadlineState.MET
    assert window.closed_on == window.due_date
    case = services.decide(actor=w.leader, case=case, on=window.due_date + timedelta(days=2))
    assert case.status == "decided"


def test_sending_to_review_while_the_window_runs_leaves_it_open(w):
    case = case_at(w, "notified")
    window = window_of(case)
    services.submit_for_review(actor=w.officer1, case=case, on=window.start_date, summary="案卷全部材料")
    window.refresh_from_db()
    assert window.state == DeadlineState.OPEN


def test_sending_to_review_after_the_window_closes_it_as_met(w):
    case = case_at(w, "notified")
    window = window_of(case)
    services.submit_for_review(actor=w.officer1, case=case, on=window.due_date + timedelta(days=1), summary="案卷")
    window.refresh_from_db()
    assert window.state == DeadlineState.MET and window.closed_on == window.due_date
