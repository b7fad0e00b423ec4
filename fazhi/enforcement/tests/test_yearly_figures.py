"""The 行政执法统计年报 figures per body (国办发〔2018〕118号 第（六）项): each counts records, never rows of a join."""

from datetime import date

from fazhi.enforcement.models import Case, InvestigationAct
from fazhi.enforcement.selectors import yearly_figures_by_body
from fazhi.enforcement.tests.factories import case_at

YEAR = (date(2022, 1, 1), date(2022, 12, 31))


def test_coercive_execution_counts_each_case_once_whether_by_court_or_by_demolition(w):
    by_court = [case_at(w, "lead") for _ in range(2)]
    demolished = case_at(w, "lead")
    Case.objects.filter(pk__in=[c.pk for c in by_court]).update(court_applied_on=date(2022, 6, 1))
    for day in (5, 6):  # two demolition acts on one case: still one case
        InvestigationAct.objects.create(
            case=demolished,
            kind="demolition",
            on=date(2022, 7, day),
            place="某村",
            content="依法强制拆除",
            recorded_by=w.officer1,
        )
    Case.objects.filter(pk=demolished.pk).update(court_applied_on=date(2022, 8, 1))  # and applied to court too
    case_at(w, "lead")  # no coercive execution at all

    figures = yearly_figures_by_body(*YEAR)

    assert figures["coercive_execution"] == {w.town.pk: 3}


def test_coercive_execution_outside_the_year_is_not_counted(w):
    Case.objects.filter(pk=case_at(w, "lead").pk).update(court_applied_on=date(2021, 12, 31))
    assert yearly_figures_by_body(*YEAR)["coercive_execution"] == {}
