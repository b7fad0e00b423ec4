"""The report's steps: draft, edit (each save a version), approve (the leader; the text frozen and hashed onto the
chain), submit (报送, Art. 23) and publish (公开, Art. 24). Each step is one transaction and one chain entry."""

from __future__ import annotations

from datetime import date

from fazhi.annual import figures, layout, rules
from fazhi.annual.models import Report, ReportState, ReportVersion
from fazhi.audit.events import Event
from fazhi.audit.hashing import sm3_hex
from fazhi.core.access import Role, require
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.steps import Workflow, today
from fazhi.org.selectors import subtree

DRAFTERS = (Role.LEADER, Role.LEGAL_REVIEWER)
APPROVERS = (Role.LEADER,)
SECTION_MAX = 20_000
DEFAULT_RECIPIENTS = "区委、区人民政府；抄送：区委全面依法治区委员会办公室（督察单位）"

MOVES = {
    ReportState.DRAFT: {ReportState.APPROVED},
    ReportState.APPROVED: {ReportState.SUBMITTED, ReportState.PUBLISHED},
    ReportState.SUBMITTED: {ReportState.PUBLISHED},
    ReportState.PUBLISHED: set(),
}


def check_move(old: str, new: str) -> None:
    if new not in MOVES.get(old, set()):
        raise InvalidTransition(f"年度报告处于“{ReportState(old).label}”，不能改为“{ReportState(new).label}”。")


REPORT = Workflow(Report, check=check_move, status_field="state")


def year_end(report_or_year) -> date:
    year = report_or_year if isinstance(report_or_year, int) else report_or_year.year
    return date(year, 12, 31)


def body_ids(report: Report) -> list[int]:
    return list(subtree(report.body).values_list("pk", flat=True))


def current_figures(report: Report) -> dict[str, figures.FigureValue]:
    return figures.compute(body_ids(report), report.year)


def _clean_text(value, key: str, label: str) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise InvalidInput(f"“{label}”含有不可见的控制字符，请删除后再保存。", field=key)
    if len(text) > SECTION_MAX:
        raise InvalidInput(f"“{label}”超过 {SECTION_MAX} 字，请精简。", field=key)
    unknown = [t for t in figures.tokens_in(text) if t not in figures.BY_KEY]
    if unknown:
        raise InvalidInput(f"“{label}”引用了未知的数据项：{'、'.join(unknown)}。", field=key)
    return text.strip()


def create_report(*, actor, body, year) -> Report:
    """Start the body's report for ``year`` in its district's layout, with the default text of each part, and open
    the two deadlines (报送 before 1 March, 公开 before 1 April of the next year)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput("报告年度应为四位年份。", field="year") from None
    if year < 2019 or year > today().year:
        raise InvalidInput(
            f"报告年度 {year} 无效：应为 2019 年（{rules.RULES_DOC}施行）至今年之间的年份。", field="year"
        )
    require(actor, *DRAFTERS, body=body, what="起草年度报告")
    chosen = layout.layout_for(body)
    with REPORT.step(actor, None, "起草年度报告", Event.ANNUAL_REPORT_CREATED, roles=DRAFTERS, dated=False) as s:
        if Report.objects.filter(body=body, year=year).exists():
            raise InvalidTransition(f"{body.short_name or body.name}{year}年度报告已经存在。")
        sections = layout.default_sections(chosen, year)
        report = s.created(Report.objects.create(body=body, year=year, layout=chosen, sections=sections, version=1))
        ReportVersion.objects.create(report=report, number=1, sections=sections, author=actor)
        s.new(year=year, layout=chosen.get("name", ""), version=1, text_sm3=_sections_hash(sections))
        for key in (rules.SUBMIT, rules.PUBLISH):
            s.open(key, year_end(year), label=str(report))
    return report


def _sections_hash(sections: dict) -> str:
    import json

    return sm3_hex(json.dumps(sections, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def edit_report(*, actor, report: Report, sections: dict) -> Report:
    """Save the parts' text as a new version (the previous versions stay)."""
    titles = layout.section_titles(report.layout)
    clean = {}
    for key, value in (sections or {}).items():
        if key not in titles:
            raise InvalidInput(f"报告没有“{key}”这一部分。", field=key)
        clean[key] = _clean_text(value, key, titles[key])
    with REPORT.step(
        actor,
        report,
        "修改年度报告",
        Event.ANNUAL_REPORT_EDITED,
        roles=DRAFTERS,
        allowed=(ReportState.DRAFT,),
        refusal="年度报告已经审定，不能再修改。",
        dated=False,
    ) as s:
        report = s.obj
        merged = {**report.sections, **clean}
        if merged == report.sections:
            raise InvalidInput("正文没有改动。", field="")
        changed = sorted(k for k in merged if merged[k] != report.sections.get(k))
        s.old(version=report.version)
        report.sections, report.version = merged, report.version + 1
        s.changed("sections", "version")
        ReportVersion.objects.create(report=report, number=report.version, sections=merged, author=actor)
        s.new(version=report.version, parts=[titles[k] for k in changed], text_sm3=_sections_hash(merged))
    return report


def full_text(report: Report, values: dict[str, figures.FigureValue]) -> str:
    """The whole report as plain text: title, then each part's heading and its text with the figures filled in."""
    lines = [layout.title(report.layout, report.body, report.year), ""]
    for section in report.layout["sections"]:
        text = figures.fill(report.sections.get(section["key"], ""), values).strip()
        if not text and section.get("optional"):
            continue
        if section.get("heading"):
            lines.append(section["heading"])
        lines.extend(text.split("\n") if text else [])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def unresolved(report: Report, values: dict[str, figures.FigureValue]) -> list[str]:
    keys = dict.fromkeys(t for text in report.sections.values() for t in figures.tokens_in(text))
    return [values[k].spec.label for k in keys if k in values and not values[k].resolved]


def approve_report(*, actor, report: Report, on=None) -> Report:
    """The leader approves: refused while a quoted figure is unresolved or a required part is empty; the text with
    its figures is frozen, and its SM3 goes on the chain."""
    on = on or today()
    with REPORT.step(
        actor,
        report,
        "审定年度报告",
        Event.ANNUAL_REPORT_APPROVED,
        roles=APPROVERS,
        to=ReportState.APPROVED,
        allowed=(ReportState.DRAFT,),
        refusal=lambda r: f"年度报告已于 {r.approved_on} 审定，不能再次审定。",
        on=on,
        on_label="审定日期",
    ) as s:
        report = s.obj
        if on <= year_end(report):
            raise InvalidInput(f"{report.year}年度至 {year_end(report)} 才结束，{on} 不能审定该年度报告。", field="on")
        empty = [
            sec.get("heading") or sec["key"]
            for sec in report.layout["sections"]
            if set(map(str, sec.get("items", []))) & set(rules.REQUIRED_ITEMS)
            and not report.sections.get(sec["key"], "").strip()
        ]
        if empty:
            raise InvalidInput(f"以下部分尚未撰写（{rules.CONTENT_CITATION}）：{'、'.join(empty)}。", field="")
        values = current_figures(report)
        missing = unresolved(report, values)
        if missing:
            raise InvalidInput(
                f"报告引用的以下数据尚无记录，不能审定：{'、'.join(missing)}。请删除这些数据项或待相应模块有记录后再审定。",
                field="",
            )
        text = full_text(report, values)
        quoted = dict.fromkeys(t for body in report.sections.values() for t in figures.tokens_in(body))
        report.approved_text = text
        report.approved_figures = {k: values[k].text for k in quoted}
        report.approved_hash = sm3_hex(text.encode("utf-8"))
        report.approved_on, report.approved_by = on, actor
        s.changed("approved_text", "approved_figures", "approved_hash", "approved_on", "approved_by")
        s.new(
            approved_on=on, version=report.version, approved_sm3=report.approved_hash, figures=report.approved_figures
        )
    return report


def submit_report(*, actor, report: Report, on=None, recipients: str = "") -> Report:
    """报送 (Art. 23): to the district party committee and government, copy to the 督察单位; late after the last day
    before 1 March."""
    on = on or today()
    recipients = (recipients or DEFAULT_RECIPIENTS).strip()
    if len(recipients) > 300:
        raise InvalidInput("报送对象不超过 300 字。", field="recipients")
    with REPORT.step(
        actor,
        report,
        "报送年度报告",
        Event.ANNUAL_REPORT_SUBMITTED,
        roles=DRAFTERS,
        to=ReportState.SUBMITTED,
        allowed=(ReportState.APPROVED,),
        refusal=lambda r: (
            "年度报告须先经负责人审定才能报送。" if r.state == ReportState.DRAFT else "年度报告已经报送。"
        ),
        on=on,
        on_label="报送日期",
        after="approved_on",
    ) as s:
        report = s.obj
        report.submitted_on, report.submitted_to = on, recipients
        s.changed("submitted_on", "submitted_to")
        s.close(rules.SUBMIT, on)
        s.new(submitted_on=on, submitted_to=recipients, approved_sm3=report.approved_hash)
    return report


def publish_report(*, actor, report: Report, on=None) -> Report:
    """公开 (Art. 24): the approved text goes on the portal; late after 31 March."""
    on = on or today()
    with REPORT.step(
        actor,
        report,
        "公开年度报告",
        Event.ANNUAL_REPORT_PUBLISHED,
        roles=DRAFTERS,
        to=ReportState.PUBLISHED,
        allowed=(ReportState.APPROVED, ReportState.SUBMITTED),
        refusal=lambda r: (
            "年度报告须先经负责人审定才能公开。" if r.state == ReportState.DRAFT else "年度报告已经公开。"
        ),
        on=on,
        on_label="公开日期",
        after="approved_on",
    ) as s:
        report = s.obj
        report.published_on = on
        s.changed("published_on")
        s.close(rules.PUBLISH, on)
        s.new(published_on=on, approved_sm3=report.approved_hash)
    return report
