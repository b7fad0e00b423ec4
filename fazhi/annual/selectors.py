"""Reads of the annual reports: scoped lists, one report, the district's side-by-side view, the public portal."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from fazhi.annual import rules
from fazhi.annual.models import Report, ReportState
from fazhi.core import deadlines
from fazhi.core.access import scope_ids
from fazhi.core.selectors import with_derived_state
from fazhi.org.selectors import towns, visible_bodies

SUBJECT = Report._meta.label_lower


def reports_visible_to(user) -> QuerySet[Report]:
    if user.is_superuser:
        return Report.objects.select_related("body")
    return Report.objects.filter(body_id__in=scope_ids(user)).select_related("body")


def report_detail(user, pk) -> Report:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404("没有这份年度报告，或不在您的查看范围内。")
    return report


def report_deadlines(reports) -> dict[int, dict[str, object]]:
    """{report id: {rule key: its deadline}} for many reports in one query (the newest row of each rule wins)."""
    rows = with_derived_state(deadlines.for_subject_type(SUBJECT, [r.pk for r in reports])).order_by("id")
    found: dict[int, dict[str, object]] = {}
    for d in rows:
        found.setdefault(int(d.subject_id), {})[d.rule_key] = d
    return found


@dataclass
class TownRow:
    body: object
    report: Report | None
    submit: object
    publish: object


def side_by_side(user, year: int) -> list[TownRow]:
    """Every town in the user's scope for a year: its report (or none yet) and both deadlines — who is late."""
    visible = visible_bodies(user).values_list("pk", flat=True)
    town_list = list(towns().filter(pk__in=visible).order_by("code"))
    reports = {r.body_id: r for r in Report.objects.filter(year=year, body__in=town_list).select_related("body")}
    found = report_deadlines(list(reports.values()))
    return [
        TownRow(
            body=t,
            report=reports.get(t.pk),
            submit=found.get(reports[t.pk].pk, {}).get(rules.SUBMIT) if t.pk in reports else None,
            publish=found.get(reports[t.pk].pk, {}).get(rules.PUBLISH) if t.pk in reports else None,
        )
        for t in town_list
    ]


def versions(report: Report):
    return report.versions.select_related("author").order_by("-number")


def published() -> QuerySet[Report]:
    return Report.objects.filter(state=ReportState.PUBLISHED).select_related("body").order_by("-year", "body__code")


def published_report(code: str, year: int) -> Report:
    report = published().filter(body__code=code, year=year).first()
    if report is None:
        raise Http404("没有这份已公开的年度报告。")
    return report
