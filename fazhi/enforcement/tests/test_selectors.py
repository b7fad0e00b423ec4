from datetime import date

from fazhi.enforcement import selectors
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at
from fazhi.enforcement.workflow import Outcome, Procedure
from fazhi.org.models import Body


def test_decided_penalty_count_counts_penalties_decided_in_the_year_in_the_subtree(w):
    town_ids = Body.objects.filter(path__startswith=w.town.path).values("id")
    decided = case_at(w, "decided", year=2022)
    assert decided.outcome == Outcome.PENALTY and decided.decided_on.year == 2022
    case_at(w, "ready", year=2022)  # not decided yet
    assert selectors.decided_penalty_count(town_ids, 2022) == 1
    assert selectors.decided_penalty_count(town_ids, 2021) == 0
    # A summary-procedure decision counts too; a decision not to penalise does not.
    Case.objects.filter(pk=decided.pk).update(procedure=Procedure.SUMMARY)
    assert selectors.decided_penalty_count([w.town.pk], 2022) == 1
    Case.objects.filter(pk=decided.pk).update(outcome=Outcome.MINOR_NO_PENALTY)
    assert selectors.decided_penalty_count(town_ids, 2022) == 0
    Case.objects.filter(pk=decided.pk).update(outcome=Outcome.PENALTY, decided_on=date(2023, 1, 1))
    assert selectors.decided_penalty_count(town_ids, 2022) == 0
    assert selectors.decided_penalty_count(town_ids, 2023) == 1


def test_decided_penalty_count_leaves_out_other_towns(w):
    case_at(w, "decided", year=2022)
    assert selectors.decided_penalty_count([w.other.pk], 2022) == 0
    other_ids = Body.objects.filter(path__startswith=w.other.path).values("id")
    assert selectors.decided_penalty_count(other_ids, 2022) == 0
