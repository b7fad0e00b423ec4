"""The annual report (政府信息公开工作年度报告, 条例 第四十九条、第五十条): tables computed from the records, the
narrative and the hand-entered figures edited by the clerk, frozen when published.

The report of year N is due by a fixed day of year N+1 (第四十九条: 31 January; a town's day is a setting, see
``rules.ANNUAL_REPORT``): the deadline opens with the report, counted from the last day of year N, and closes when it
is published — late when published after that day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.steps import Workflow, today
from fazhi.disclosure import reports, rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import AnnualReport, ReportState
from fazhi.disclosure.services.common import CLERK, as_date, require_clerk, text

REPORT = Workflow(AnnualReport, check=rules.check_report_move, status_field="state")


def create_report(*, actor, body, year: int, format_year: int | None = None) -> AnnualReport:
    """Start the year's report in the given national format (default: the latest layout not newer than the year
    after the reporting year)."""
    what = "新建年度报告"
    require_clerk(actor, body, what)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput("报告年度应为四位年份。", field="year") from None
    if year < 2008 or year > today().year:
        raise InvalidInput(f"报告年度 {year} 无效。", field="year")
    layout = reports.load_layout(format_year) if format_year else reports.default_layout()
    with REPORT.step(actor, None, what, Event.DISCLOSURE_REPORT_CREATED, roles=CLERK, dated=False) as s:
        if AnnualReport.objects.filter(body=body, year=year).exists():
            raise InvalidTransition(f"{year}年度报告已经存在。")
        report = s.created(
            AnnualReport.objects.create(
                body=body,
                year=year,
                format_year=layout["format_year"],
                narrative={x["key"]: x.get("default", "") for x in layout["sections"] if x.get("editable")},
                inputs={},
            )
        )
        s.new(year=year, format_year=report.format_year)
        _open_publication_deadline(s, report)
    return report


def year_end(report: AnnualReport) -> date:
    """The start of the publication deadline: the last day of the reporting year."""
    return date(report.year, 12, 31)


def _open_publication_deadline(s, report: AnnualReport):
    deadline = s.open(rules.ANNUAL_REPORT, year_end(report), subject=report, label=str(report))
    s.note(due=deadline.due_date)
    return deadline


def _clean_figure(value, key: str, label: str):
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"“{label}”应为数字。", field=key) from None
    if not number.is_finite():
        raise InvalidInput(f"“{label}”应为数字。", field=key)
    if number < 0:
        raise InvalidInput(f"“{label}”不能为负数。", field=key)
    if number.adjusted() >= 12:
        raise InvalidInput(f"“{label}”超出可填报的范围。", field=key)
    return str(number.normalize()) if number != number.to_integral() else int(number)


def edit_report(
    *, actor, report: AnnualReport, narrative: dict | None = None, inputs: dict | None = None
) -> AnnualReport:
    """Edit the narrative sections and the figures entered by hand (those no module records yet)."""
    layout = reports.load_layout(report.format_year)
    editable = {x["key"]: x["title"] for x in layout["sections"] if x.get("editable")}
    input_cells = reports.input_cells(layout)
    narrative_changes = {}
    for key, value in (narrative or {}).items():
        if key not in editable:
            raise InvalidInput(f"报告没有可编辑的部分“{key}”。", field=key)
        narrative_changes[key] = text(value, key, editable[key], max_length=20000, required=False)
    input_changes = {}
    for key, value in (inputs or {}).items():
        if key not in input_cells:
            raise InvalidInput(f"报告没有可填报的数据项“{key}”。", field=key)
        input_changes[key] = None if value in (None, "") else _clean_figure(value, key, input_cells[key])
    with REPORT.step(
        actor,
        report,
        "修改年度报告",
        Event.DISCLOSURE_REPORT_EDITED,
        roles=CLERK,
        allowed=(ReportState.DRAFT,),
        refusal="年度报告已经公布，不能再修改。",
        dated=False,
    ) as s:
        report = s.obj
        s.old(narrative=report.narrative, inputs=report.inputs)
        clean_narrative = {**report.narrative, **narrative_changes}
        clean_inputs = dict(report.inputs)
        for key, value in input_changes.items():
            if value is None:
                clean_inputs.pop(key, None)
            else:
                clean_inputs[key] = value
        report.narrative, report.inputs = clean_narrative, clean_inputs
        s.changed("narrative", "inputs")
        s.new(narrative=clean_narrative, inputs=clean_inputs)
    return report


def publish_report(*, actor, report: AnnualReport, on=None) -> AnnualReport:
    """Freeze the computed tables and publish the report on the portal — refused, with the failing cells, unless
    table 三 adds up (“第一项加第二项之和，等于第三项加第四项之和”)."""
    on = as_date(on, "on", "公布日期") or today()
    with REPORT.step(
        actor,
        report,
        "公布年度报告",
        Event.DISCLOSURE_REPORT_PUBLISHED,
        roles=CLERK,
        to=ReportState.PUBLISHED,
        allowed=(ReportState.DRAFT,),
        refusal=lambda r: f"年度报告已于 {r.published_on} 公布。",
        on=on,
        on_label="公布日期",
    ) as s:
        report = s.obj
        if on <= year_end(report):
            raise InvalidInput(
                f"{report.year}年度至 {year_end(report)} 才结束，{on} 不能公布该年度报告：年度报告公布的是上一年度的"
                f"政府信息公开工作情况（{rules.REG}第四十九条、第五十条）。",
                field="on",
            )
        built = reports.build_report(report)
        reports.require_check(built)
        report.snapshot = built.as_json()
        report.published_on = on
        s.changed("snapshot", "published_on")
        s.new(published_on=on)
        if not deadlines.of_subject(report, rules.ANNUAL_REPORT).exists():
            _open_publication_deadline(s, report)  # a report created before its deadline was kept
        (deadline,) = s.close(rules.ANNUAL_REPORT, on) or (None,)
        if deadline is not None:
            s.note(due=deadline.due_date)
            if not s.in_time:
                s.warn(
                    f"{report.year}年度报告应于 {deadline.due_date} 前公布（{deadline.rule_citation}），{on} 公布已逾期。"
                )
    return report
