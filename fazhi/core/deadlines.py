"""The deadline table's one set of operations: open, close, pause, resume, restart, extend, find the current row.

Every app keeps its statutory clocks here, so "what is overdue anywhere" is one indexed query. Every operation runs
inside the caller's transaction, locks the row it changes and writes its own chain entry (``deadline.*`` events).

**Live** has one definition: a deadline is live until it is closed (``closed_on`` is empty). That includes a row the
sweep has already marked missed: the obligation is still owed, and when it is fulfilled the row is closed — late,
with its closing date — exactly as if the sweep had not run. The state of a closed row follows from the dates alone:
met when fulfilled on or before the due date (or when it is a window, which nobody can miss), missed otherwise.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core import clock
from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.periods import Pause
from fazhi.core.rules import AnyRule, DateRule, compute_for_rule, set_day_result, version_on
from fazhi.core.selectors import DbCalendar

LIVE = Q(closed_on__isnull=True)


def is_live(deadline: Deadline) -> bool:
    return deadline.closed_on is None


# --- finding rows --------------------------------------------------------------------------------------------------


def subject_parts(subject, label: str | None = None) -> tuple[str, str, str]:
    """(type, id, label) of a model instance or a ``(type, id[, label])`` tuple."""
    if isinstance(subject, tuple):
        subject_type, subject_id, *rest = subject
        return str(subject_type), str(subject_id), label or (rest[0] if rest else f"{subject_type}#{subject_id}")
    return subject._meta.label_lower, str(subject.pk), label or str(subject)


def of_subject(subject, rule_key: str | None = None) -> QuerySet[Deadline]:
    """Every deadline of one record (optionally of one rule), in any state, oldest first."""
    subject_type, subject_id, _label = subject_parts(subject)
    qs = Deadline.objects.filter(subject_type=subject_type, subject_id=subject_id)
    if rule_key is not None:
        qs = qs.filter(rule_key=rule_key)
    return qs.order_by("id")


def live(subject, rule_key: str | None = None, *, lock: bool = False) -> list[Deadline]:
    """The live deadlines of a record (optionally of one rule), oldest first; locked when ``lock``."""
    qs = of_subject(subject, rule_key).filter(LIVE)
    if lock:
        qs = qs.select_for_update()
    return list(qs)


def current(subject, rule_key: str, *, lock: bool = True) -> Deadline | None:
    """The newest live deadline of ``rule_key`` for a record (locked for the caller's transaction by default)."""
    rows = live(subject, rule_key, lock=lock)
    return rows[-1] if rows else None


def latest(subject, rule_key: str | list[str]) -> Deadline | None:
    """The newest deadline of a rule (or of any of several rules) for a record, whatever its state."""
    subject_type, subject_id, _label = subject_parts(subject)
    keys = [rule_key] if isinstance(rule_key, str) else list(rule_key)
    return (
        Deadline.objects.filter(subject_type=subject_type, subject_id=subject_id, rule_key__in=keys)
        .order_by("-id")
        .first()
    )


def for_subject_type(subject_type: str, subject_ids, rule_key: str | None = None) -> QuerySet[Deadline]:
    """Deadlines of many records of one type at once (lists and reports: one query, never one per row).

    ``subject_ids``: ids (any type), or a queryset of the records (or of their pks), which stays one subquery.
    """
    if isinstance(subject_ids, QuerySet):
        ids = (
            subject_ids.model.objects.filter(pk__in=subject_ids)
            .annotate(deadline_subject_id=Cast("pk", CharField()))
            .values("deadline_subject_id")
        )
    else:
        ids = [str(i) for i in subject_ids]
    qs = Deadline.objects.filter(subject_type=subject_type, subject_id__in=ids)
    if rule_key is not None:
        qs = qs.filter(rule_key=rule_key)
    return qs


# --- computing -----------------------------------------------------------------------------------------------------


def _pauses(deadline: Deadline, *, today: date | None = None) -> list[Pause]:
    today = today or clock.today()
    pauses = []
    for p in deadline.pauses:
        start = date.fromisoformat(p["start"])
        end = date.fromisoformat(p["end"]) if p.get("end") else max(start, today)
        pauses.append(Pause(start, end, p.get("reason", "")))
    return pauses


def rule_of(deadline: Deadline) -> AnyRule:
    return version_on(deadline.rule_key, deadline.start_date)


def _compute(deadline: Deadline, *, calendar=None):
    rule = rule_of(deadline)
    if isinstance(rule, DateRule):  # a day set when the deadline opened: no calendar change moves it
        return set_day_result(deadline.start_date, deadline.due_date, list(deadline.explanation))
    return compute_for_rule(
        rule,
        deadline.start_date,
        body_id=deadline.body_id,
        pauses=_pauses(deadline) if rule.pausable else (),
        restart=deadline.restart_date,
        extension=deadline.extension,
        estimate=True,
        calendar=calendar or DbCalendar(),
    )


def _apply(deadline: Deadline, result) -> None:
    deadline.due_date = result.due
    deadline.explanation = result.explanation
    deadline.is_estimate = result.is_estimate


def _snapshot(deadline: Deadline) -> dict:
    return {
        "state": deadline.state,
        "due_date": deadline.due_date,
        "is_estimate": deadline.is_estimate,
        "pauses": deadline.pauses,
        "extension": deadline.extension,
        "restart_date": deadline.restart_date,
        "closed_on": deadline.closed_on,
    }


def _record(deadline: Deadline, *, actor, event: Event, old: dict, extra: dict | None = None) -> None:
    payload = {"old": old, "new": _snapshot(deadline), "rule": deadline.rule_key}
    payload.update(extra or {})
    record(actor=actor, event=event, subject=deadline, payload=payload, body_id=deadline.body_id)


def _locked(deadline: Deadline | int) -> Deadline:
    pk = deadline.pk if isinstance(deadline, Deadline) else deadline
    return Deadline.objects.select_for_update().get(pk=pk)


def _end_open_pause(deadline: Deadline, on: date) -> None:
    if deadline.pauses and deadline.pauses[-1].get("end") is None:
        deadline.pauses = [*deadline.pauses[:-1], {**deadline.pauses[-1], "end": on.isoformat()}]


# --- operations on one row -----------------------------------------------------------------------------------------


def open_deadline(
    *,
    actor,
    subject,
    body,
    rule_key: str,
    start_date: date,
    subject_label: str | None = None,
    estimate: bool = True,
    due_date: date | None = None,
    reason: str = "",
) -> Deadline:
    """Start the clock for an obligation: the rule version in force on ``start_date`` gives period and citation.

    ``subject`` is a model instance or a (type, id[, label]) tuple. With ``estimate=True`` (the default, so a step is
    never blocked by a missing calendar year) a due date in an uncovered year is estimated, marked 估算, and
    recomputed when the year is imported; with ``estimate=False`` such a date raises CalendarNotCovered.

    A set-day rule (``core.rules.AnnualDateRule``, ``DateRule``) falls due on a day instead of after a count: the
    DateRule's day is ``due_date``, set by the caller; ``reason`` adds a line to the explanation (who set the day).
    """
    subject_type, subject_id, label = subject_parts(subject, subject_label)
    rule = version_on(rule_key, start_date)
    result = compute_for_rule(rule, start_date, body_id=body.pk, estimate=estimate, due=due_date, reason=reason)
    with transaction.atomic():
        deadline = Deadline.objects.create(
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=label[:255],
            body=body,
            rule_key=rule.key,
            rule_name=rule.name,
            rule_citation=rule.citation[:255],
            period=str(rule.period(body.pk)),
            rollover=rule.rollover,
            is_window=rule.window,
            start_date=start_date,
            due_date=result.due,
            explanation=result.explanation,
            is_estimate=result.is_estimate,
        )
        _record(deadline, actor=actor, event=Event.DEADLINE_OPENED, old={})
    return deadline


def pause_deadline(*, actor, deadline: Deadline | int, on: date, reason: str) -> Deadline:
    """Stop the clock from ``on`` (inclusive), for a reason the rule allows (补正, 征求第三方意见, 检测鉴定 …)."""
    if not reason:
        raise InvalidInput("请填写中止理由。", field="reason")
    with transaction.atomic():
        deadline = _locked(deadline)
        rule = rule_of(deadline)
        if not rule.pausable:
            raise DomainError(f"“{rule.name}”不适用期限中止（{rule.citation}）。")
        if deadline.state != DeadlineState.OPEN:
            raise InvalidTransition(f"只有进行中的期限可以中止，当前状态：{deadline.get_state_display()}。")
        if on < (deadline.restart_date or deadline.start_date):
            raise InvalidInput(f"中止日 {on} 早于起算日。", field="on")
        old = _snapshot(deadline)
        deadline.pauses = [*deadline.pauses, {"start": on.isoformat(), "end": None, "reason": reason}]
        deadline.state = DeadlineState.PAUSED
        deadline.save(update_fields=["pauses", "state"])
        _record(deadline, actor=actor, event=Event.DEADLINE_PAUSED, old=old)
    return deadline


def resume_deadline(*, actor, deadline: Deadline | int, on: date) -> Deadline:
    """Restart the clock: the pause ends on ``on`` (that day is not counted either) and the due date is recomputed."""
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.state != DeadlineState.PAUSED:
            raise InvalidTransition(f"只有已中止的期限可以恢复，当前状态：{deadline.get_state_display()}。")
        pause = deadline.pauses[-1]
        if on < date.fromisoformat(pause["start"]):
            raise InvalidInput(f"恢复日 {on} 早于中止日 {pause['start']}。", field="on")
        old = _snapshot(deadline)
        deadline.pauses = [*deadline.pauses[:-1], {**pause, "end": on.isoformat()}]
        deadline.state = DeadlineState.OPEN
        _apply(deadline, _compute(deadline))
        deadline.save(update_fields=["pauses", "state", "due_date", "explanation", "is_estimate"])
        _record(deadline, actor=actor, event=Event.DEADLINE_RESUMED, old=old)
    return deadline


def extend_deadline(*, actor, deadline: Deadline | int, units: int, approver, reason: str) -> Deadline:
    """Extend once, by at most the rule's maximum, with the approval of a 负责人 (e.g. 政府信息公开条例 第三十三条).

    A rule with no extension (``extension_max`` 0, or a body setting that turns it off) is refused with its citation.
    """
    if units <= 0:
        raise InvalidInput("延长期间应为正整数。", field="units")
    if not reason:
        raise InvalidInput("请填写延长理由。", field="reason")
    with transaction.atomic():
        deadline = _locked(deadline)
        rule = rule_of(deadline)
        if not is_live(deadline):
            raise InvalidTransition(f"已结束的期限不能延长，当前状态：{deadline.get_state_display()}。")
        allowed = rule.extension_allowed(deadline.body_id)
        if allowed <= 0:
            raise DomainError(rule.no_extension_message(deadline.body_id))
        if deadline.extension:
            raise DomainError(f"“{rule.name}”只能延长一次，已延长{deadline.extension}（{rule.citation}）。")
        if units > allowed:
            raise DomainError(
                f"“{rule.name}”最多延长{allowed}（{rule.extension_citation or rule.citation}），不能延长{units}。"
            )
        if approver is None or not has_role(approver, Role.LEADER):
            raise NotPermitted("延长期限须经机关负责人（具有“负责人”角色的人员）批准。")
        old = _snapshot(deadline)
        deadline.extension = units
        deadline.extension_approver = approver
        deadline.extension_reason = reason
        _apply(deadline, _compute(deadline))
        if deadline.state == DeadlineState.MISSED and deadline.due_date >= clock.today():
            deadline.state = DeadlineState.OPEN  # the extension reaches past today: no longer overdue
        deadline.save(
            update_fields=[
                "extension",
                "extension_approver",
                "extension_reason",
                "due_date",
                "explanation",
                "is_estimate",
                "state",
            ]
        )
        _record(
            deadline,
            actor=actor,
            event=Event.DEADLINE_EXTENDED,
            old=old,
            extra={"approver_id": approver.pk, "reason": reason},
        )
    return deadline


def restart_deadline(*, actor, deadline: Deadline | int, on: date, reason: str) -> Deadline:
    """Count the period again from ``on`` where the law says so (政府信息公开条例 第三十条: 补正 → 自收到补正之日起计算)."""
    if not reason:
        raise InvalidInput("请填写重新起算的理由。", field="reason")
    with transaction.atomic():
        deadline = _locked(deadline)
        rule = rule_of(deadline)
        if not rule.restartable:
            raise DomainError(f"“{rule.name}”不适用重新起算（{rule.citation}）。")
        if not is_live(deadline):
            raise InvalidTransition(f"已结束的期限不能重新起算，当前状态：{deadline.get_state_display()}。")
        if on < deadline.start_date:
            raise InvalidInput(f"重新起算日 {on} 早于起算日 {deadline.start_date}。", field="on")
        old = _snapshot(deadline)
        _end_open_pause(deadline, on)
        deadline.restart_date = on
        deadline.state = DeadlineState.OPEN
        _apply(deadline, _compute(deadline))
        deadline.save(update_fields=["restart_date", "pauses", "state", "due_date", "explanation", "is_estimate"])
        _record(deadline, actor=actor, event=Event.DEADLINE_RESTARTED, old=old, extra={"reason": reason})
    return deadline


def close_deadline(*, actor, deadline: Deadline | int, on: date) -> Deadline:
    """The obligation was fulfilled on ``on``: met if on or before the due date, otherwise closed late (missed).

    A row the sweep has already marked missed is live until this call: it is closed with its closing date, and the
    outcome is decided by the dates, the same whether or not the sweep ran first.
    """
    with transaction.atomic():
        deadline = _locked(deadline)
        if not is_live(deadline):
            raise InvalidTransition(f"该期限已于 {deadline.closed_on} 完成，不能重复完成。")
        if on < deadline.start_date:
            raise InvalidInput(f"完成日 {on} 早于起算日 {deadline.start_date}。", field="on")
        old = _snapshot(deadline)
        _end_open_pause(deadline, on)
        # A window (the party's, a third party's, or a wait) is fulfilled by having run, whenever the next step comes.
        met = deadline.is_window or on <= deadline.due_date
        deadline.state = DeadlineState.MET if met else DeadlineState.MISSED
        deadline.closed_on = on
        deadline.save(update_fields=["state", "closed_on", "pauses"])
        _record(deadline, actor=actor, event=Event.DEADLINE_MET if met else Event.DEADLINE_CLOSED_LATE, old=old)
    return deadline


# --- operations by record and rule (what a step calls) -------------------------------------------------------------


def close(*, actor, subject, rule_key: str, on: date) -> list[Deadline]:
    """Close every live deadline of ``rule_key`` on the record, fulfilled on ``on`` (never before its start)."""
    return [
        close_deadline(actor=actor, deadline=d, on=max(on, d.start_date)) for d in live(subject, rule_key, lock=True)
    ]


def close_window(*, actor, subject, rule_key: str, on: date, only_lapsed: bool = False) -> list[Deadline]:
    """End a window (the party's or a third party's time): on ``on`` when the party acted inside it, on its last day
    when it had already run out. With ``only_lapsed`` a window still running stays open."""
    closed = []
    for d in live(subject, rule_key, lock=True):
        if only_lapsed and d.due_date >= on:
            continue
        closed.append(close_deadline(actor=actor, deadline=d, on=min(max(on, d.start_date), d.due_date)))
    return closed


def pause(*, actor, subject, rule_key: str, on: date, reason: str) -> Deadline | None:
    deadline = current(subject, rule_key)
    if deadline is not None and deadline.state == DeadlineState.OPEN:
        return pause_deadline(actor=actor, deadline=deadline, on=on, reason=reason)
    return None


def resume(*, actor, subject, rule_key: str, on: date) -> Deadline | None:
    deadline = current(subject, rule_key)
    if deadline is not None and deadline.state == DeadlineState.PAUSED:
        return resume_deadline(actor=actor, deadline=deadline, on=on)
    return None


def restart(*, actor, subject, rule_key: str, on: date, reason: str) -> Deadline | None:
    deadline = current(subject, rule_key)
    if deadline is not None:
        return restart_deadline(actor=actor, deadline=deadline, on=on, reason=reason)
    return None


def extend(*, actor, subject, rule_key: str, units: int, approver, reason: str) -> Deadline | None:
    deadline = current(subject, rule_key)
    if deadline is not None:
        return extend_deadline(actor=actor, deadline=deadline, units=units, approver=approver, reason=reason)
    return None


def all_met(closed: list[Deadline]) -> bool:
    """For a step's chain entry: were all the deadlines it closed met (an empty list is met)?"""
    return all(d.state == DeadlineState.MET for d in closed)


# --- the whole table -----------------------------------------------------------------------------------------------


def recompute_for_years(*, actor, years: list[int]) -> list[Deadline]:
    """After the calendar of ``years`` changed: recompute every live deadline that touches those years (its start,
    its due date, or any day between) or is still an estimate. One chain entry per changed deadline. A row the sweep
    marked missed whose new due date is today or later is open again."""
    if not years:
        return []
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    touching = Q(start_date__lte=last, due_date__gte=first) | Q(is_estimate=True)
    today = clock.today()
    changed = []
    calendar = DbCalendar()
    with transaction.atomic():
        for deadline in Deadline.objects.select_for_update().filter(LIVE).filter(touching).order_by("id"):
            old = _snapshot(deadline)
            result = _compute(deadline, calendar=calendar)
            reopened = deadline.state == DeadlineState.MISSED and result.due >= today
            if not reopened and (result.due, result.is_estimate, result.explanation) == (
                deadline.due_date,
                deadline.is_estimate,
                deadline.explanation,
            ):
                continue
            _apply(deadline, result)
            if reopened:
                deadline.state = DeadlineState.OPEN
            deadline.save(update_fields=["due_date", "explanation", "is_estimate", "state"])
            _record(deadline, actor=actor, event=Event.DEADLINE_RECOMPUTED, old=old, extra={"years": years})
            changed.append(deadline)
    return changed


def sweep_missed_deadlines(*, today: date | None = None, actor=None) -> int:
    """Mark every open deadline whose due date has passed as missed; idempotent (selects by state, not by a window).

    The row stays live (``closed_on`` empty) until the obligation is fulfilled. A paused deadline is not swept: its
    clock is stopped. A window (rule.window) is not swept either: when it runs out it has lapsed, and nobody missed
    anything. Returns how many were marked.
    """
    today = today or clock.today()
    count = 0
    with transaction.atomic():
        for deadline in (
            Deadline.objects.select_for_update()
            .filter(state=DeadlineState.OPEN, due_date__lt=today, is_window=False)
            .order_by("id")
        ):
            old = _snapshot(deadline)
            deadline.state = DeadlineState.MISSED
            deadline.save(update_fields=["state"])
            _record(deadline, actor=actor, event=Event.DEADLINE_MISSED, old=old, extra={"swept_on": today})
            count += 1
    return count


def outcomes_in(rule_keys, body_ids, first: date, last: date) -> dict[str, int]:
    """Obligations of these rules, held by these bodies, that fell due between ``first`` and ``last``: how many were
    met, closed late, missed and still owed, and how many there were in all (one grouped query; windows, the party's
    time, are not obligations and do not count). The yearly reports' "按时完成率" reads this."""
    from django.db.models import BooleanField, Count, ExpressionWrapper

    rows = (
        Deadline.objects.filter(
            rule_key__in=list(rule_keys), body_id__in=list(body_ids), due_date__range=(first, last), is_window=False
        )
        .annotate(owed=ExpressionWrapper(LIVE, output_field=BooleanField()))
        .values("state", "owed")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {"total": 0, "met": 0, "late": 0, "missed": 0, "open": 0}
    for row in rows:
        counts["total"] += row["n"]
        if row["owed"]:
            counts["missed" if row["state"] == DeadlineState.MISSED else "open"] += row["n"]
        elif row["state"] == DeadlineState.MET:
            counts["met"] += row["n"]
        else:
            counts["late"] += row["n"]
    return counts
