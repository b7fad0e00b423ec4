"""Every write of supervision: the steps of a 监督事项 (天津市行政执法监督规定 第二十一条、第二十三条) and of a 案卷评查
round. Each step goes through core's step helper: role and scope, the row lock, the transition table, the step date,
deadlines on the shared table and exactly one chain entry with the step's own event code."""

from __future__ import annotations

from datetime import date
from functools import partial

from fazhi.audit.events import Event
from fazhi.core.access import Role, require
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.numbering import issue_number
from fazhi.core.steps import Workflow
from fazhi.core.validation import service_text
from fazhi.supervision import rules
from fazhi.supervision.models import DocumentKind, Matter, MatterSource, MatterStatus

SUPERVISOR = (Role.SUPERVISOR,)
ADDRESSEE = (Role.LEADER,)

S = MatterStatus
TRANSITIONS: dict[str, set[str]] = {
    S.OPENED: {S.ACCEPTED, S.NOT_ACCEPTED},
    S.ACCEPTED: {S.ISSUED},
    S.ISSUED: {S.ANSWERED, S.REVIEW},
    S.REVIEW: {S.ISSUED, S.CLOSED},
    S.ANSWERED: {S.CLOSED},
    S.NOT_ACCEPTED: set(),
    S.CLOSED: set(),
}


def _check(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, set()):
        raise InvalidTransition(
            f"监督事项当前为“{MatterStatus(old).label}”，不能转为“{MatterStatus(new).label}”（{rules.TIANJIN}第二十一条至第二十三条）。"
        )


MATTER = Workflow(model=Matter, check=_check)


_text = partial(service_text, max_length=5000)


def open_matter(*, actor, body, source: str, title: str, facts: str, on: date, alert_rule: str = "",
                record_url: str = "") -> Matter:  # fmt: skip
    """A supervisor opens a 监督事项 about a body in scope; the 3-working-day acceptance clock starts (第二十一条)."""
    require(actor, *SUPERVISOR, body=body, what="立项监督事项")
    if source not in MatterSource.values:
        raise InvalidInput("请选择有效的来源。", field="source")
    title = _text(title, "title", "事项", max_length=200)
    facts = _text(facts, "facts", "基本情况")
    if record_url and (not record_url.startswith("/") or record_url.startswith("//") or "\\" in record_url):
        raise InvalidInput("相关记录应为本系统内的链接。", field="record_url")
    with MATTER.step(actor, None, "立项监督事项", Event.SUPERVISION_MATTER_OPENED, roles=SUPERVISOR, on=on,
                     on_label="发现日期") as s:  # fmt: skip
        matter = s.created(
            Matter.objects.create(
                body=body, supervising_body=getattr(actor, "body", None), source=source, title=title, facts=facts,
                alert_rule=alert_rule[:60], record_url=record_url[:255], opened_on=on, opened_by=actor,
            )
        )  # fmt: skip
        number = issue_number(body=matter.supervising_body or body, series="执法监督", year=on.year).number
        matter.number = f"监督〔{on.year}〕{number}号"
        matter.save(update_fields=["number"])
        s.open(rules.ACCEPT, on)
        s.new(number=matter.number, body_id=body.pk, source=source, title=title, alert_rule=alert_rule, opened_on=on)
    return matter


def accept(*, actor, matter, on: date, accepted: bool = True, reason: str = "") -> Matter:
    """决定受理 (the 30-working-day clock starts) or 不予受理 with a reason — within 3 working days (第二十一条)."""
    target = S.ACCEPTED if accepted else S.NOT_ACCEPTED
    what = "受理监督事项" if accepted else "决定不予受理"
    if not accepted:
        reason = _text(reason, "reason", "不予受理理由")
    with MATTER.step(actor, matter, what, Event.SUPERVISION_MATTER_ACCEPTED, roles=SUPERVISOR, to=target, on=on,
                     on_label="决定日期", after="opened_on") as s:  # fmt: skip
        m = s.obj
        m.accepted_on = on
        m.not_accepted_reason = reason
        s.changed("accepted_on", "not_accepted_reason")
        s.close(rules.ACCEPT, on)
        if accepted:
            s.open(rules.DECIDE, on)
        else:
            m.closed_on = on
            s.changed("closed_on")
        s.new(accepted=accepted, accepted_on=on, reason=reason)
    return s.obj


def issue(*, actor, matter, on: date, kind: str, findings: str, rectify_by: date) -> Matter:
    """发出执法监督通知书 / 建议书 / 决定书 with a rectification deadline; the .docx is stored by its SM3 and listed on
    the chain entry. A 决定书 opens the party's 10-working-day window to apply for 复查 (第二十三条)."""
    from fazhi.core import deadlines
    from fazhi.enforcement.files import store_bytes
    from fazhi.supervision.documents import matter_docx

    if kind not in DocumentKind.values:
        raise InvalidInput("请选择监督文书种类。", field="kind")
    findings = _text(findings, "findings", "监督意见")
    if rectify_by is None:
        raise InvalidInput("请填写整改期限。", field="rectify_by")
    if rectify_by <= on:
        raise InvalidInput(f"整改期限 {rectify_by} 应晚于发文日期 {on}。", field="rectify_by")
    with MATTER.step(actor, matter, "发出监督文书", Event.SUPERVISION_DOCUMENT_ISSUED, roles=SUPERVISOR, to=S.ISSUED,
                     on=on, on_label="发文日期", after="accepted_on") as s:  # fmt: skip
        m = s.obj
        number = issue_number(body=m.supervising_body or m.body, series=f"监督{kind}", year=on.year).number
        short = {"notice": "通", "suggestion": "建", "decision": "决"}[kind]
        m.document_kind, m.findings, m.rectify_by, m.issued_on = kind, findings, rectify_by, on
        m.document_number = f"监{short}〔{on.year}〕{number}号"
        stored = store_bytes(matter_docx(m), folder="supervision", ext=".docx",
                             content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             original_name=f"{m.document_number}.docx")  # fmt: skip
        m.document_sm3, m.document_file = stored.sm3, stored.name
        s.changed("document_kind", "findings", "rectify_by", "issued_on", "document_number", "document_sm3",
                  "document_file")  # fmt: skip
        s.file(stored)
        s.close(rules.DECIDE, on)
        # A set-day rule: the due date is the one the document sets.
        deadlines.open_deadline(actor=actor, subject=m, body=m.body, rule_key=rules.RECTIFY, start_date=on,
                                due_date=rectify_by, reason=f"整改期限由{m.document_number}确定。")  # fmt: skip
        if kind == DocumentKind.DECISION:
            s.open(rules.REVIEW_APPLY, on)
        s.new(document_kind=kind, document_number=m.document_number, rectify_by=rectify_by, issued_on=on)
    return s.obj


def answer(*, actor, matter, on: date, report: str, late_reason: str = "") -> Matter:
    """The addressed body reports its rectification. After the deadline, only with a reason (第三十条)."""
    report = _text(report, "report", "整改报告")
    late_reason = (late_reason or "").strip()
    with MATTER.step(actor, matter, "报送整改报告", Event.SUPERVISION_RECTIFIED, roles=ADDRESSEE, to=S.ANSWERED, on=on,
                     on_label="报告日期", after="issued_on") as s:  # fmt: skip
        m = s.obj
        if m.rectify_by and on > m.rectify_by and not late_reason:
            raise InvalidInput(
                f"整改期限为 {m.rectify_by}，{on} 报送已逾期，须说明逾期理由（{rules.RECTIFY_CITATION}）。",
                field="late_reason",
            )
        m.answered_on, m.answer, m.late_reason = on, report, late_reason
        s.changed("answered_on", "answer", "late_reason")
        s.close(rules.RECTIFY, on)
        s.close_window(rules.REVIEW_APPLY, on)
        s.new(answered_on=on, late_reason=late_reason)
    return s.obj


def apply_review(*, actor, matter, on: date, reason: str) -> Matter:
    """The addressed body applies for 复查 of a 决定书 within 10 working days (第二十三条)."""
    from fazhi.core import deadlines

    reason = _text(reason, "reason", "复查理由")
    with MATTER.step(actor, matter, "申请复查", Event.SUPERVISION_REVIEW_APPLIED, roles=ADDRESSEE, to=S.REVIEW, on=on,
                     on_label="申请日期", after="issued_on") as s:  # fmt: skip
        m = s.obj
        if m.document_kind != DocumentKind.DECISION:
            raise InvalidTransition(f"只有对行政执法监督决定书才能申请复查（{rules.TIANJIN}第二十三条）。")
        window = deadlines.current(m, rules.REVIEW_APPLY)
        if window is None or on > window.due_date:
            due = window.due_date if window else "—"
            raise InvalidInput(f"申请复查应在收到决定书之日起10个工作日内（至 {due}）提出（{rules.TIANJIN}第二十三条）。",
                               field="on")  # fmt: skip
        m.review_applied_on, m.review_reason = on, reason
        s.changed("review_applied_on", "review_reason")
        s.close_window(rules.REVIEW_APPLY, on)
        s.open(rules.REVIEW_ANSWER, on)
        s.new(review_applied_on=on, reason=reason)
    return s.obj


def answer_review(*, actor, matter, on: date, upheld: bool, opinion: str) -> Matter:
    """复查决定 within 15 working days (第二十三条): upheld → the rectification continues; otherwise closed."""
    opinion = _text(opinion, "opinion", "复查意见")
    target = S.ISSUED if upheld else S.CLOSED
    with MATTER.step(actor, matter, "作出复查决定", Event.SUPERVISION_REVIEW_ANSWERED, roles=SUPERVISOR, to=target,
                     on=on, on_label="复查决定日期", after="review_applied_on") as s:  # fmt: skip
        m = s.obj
        m.review_answered_on, m.review_upheld, m.review_answer = on, upheld, opinion
        s.changed("review_answered_on", "review_upheld", "review_answer")
        s.close(rules.REVIEW_ANSWER, on)
        if not upheld:
            m.closed_on = on
            s.changed("closed_on")
            s.close(rules.RECTIFY, on)
        s.new(review_answered_on=on, upheld=upheld)
    return s.obj


def close(*, actor, matter, on: date, note: str = "") -> Matter:
    """The supervisor accepts the rectification report and closes the matter."""
    with MATTER.step(actor, matter, "办结监督事项", Event.SUPERVISION_MATTER_CLOSED, roles=SUPERVISOR, to=S.CLOSED,
                     on=on, on_label="办结日期", after="answered_on") as s:  # fmt: skip
        s.obj.closed_on = on
        s.changed("closed_on")
        s.new(closed_on=on, note=(note or "").strip()[:500])
    return s.obj
