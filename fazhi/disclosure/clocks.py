"""The disclosure clocks, kept in core's shared Deadline table (so "what is overdue anywhere" is one query).

Only services.py calls these, inside its own transaction. Each call goes through core's deadline services, which
write their own chain entries (deadline.opened / paused / resumed / restarted / extended / met / missed).
"""

from datetime import date

from fazhi.core import deadlines
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.rules import compute_for_rule
from fazhi.core.selectors import deadlines_for_subject
from fazhi.disclosure import rules

LIVE = (DeadlineState.OPEN, DeadlineState.PAUSED)


def subject_of(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def current(obj, rule_key: str) -> Deadline | None:
    """The open or paused deadline of ``rule_key`` for ``obj``, locked for the caller's transaction."""
    subject_type, subject_id = subject_of(obj)
    return (
        Deadline.objects.select_for_update()
        .filter(subject_type=subject_type, subject_id=subject_id, rule_key=rule_key, state__in=LIVE)
        .order_by("-id")
        .first()
    )


def latest(obj, rule_key: str) -> Deadline | None:
    subject_type, subject_id = subject_of(obj)
    return deadlines_for_subject(subject_type, subject_id).filter(rule_key=rule_key).order_by("-id").first()


def open_(*, actor, obj, body, rule_key: str, start: date, label: str) -> Deadline:
    return deadlines.open_deadline(
        actor=actor, subject=obj, body=body, rule_key=rule_key, start_date=start, subject_label=label
    )


def pause(*, actor, obj, rule_key: str, on: date, reason: str) -> None:
    deadline = current(obj, rule_key)
    if deadline is not None and deadline.state == DeadlineState.OPEN:
        deadlines.pause_deadline(actor=actor, deadline=deadline, on=on, reason=reason)


def resume(*, actor, obj, rule_key: str, on: date) -> None:
    deadline = current(obj, rule_key)
    if deadline is not None and deadline.state == DeadlineState.PAUSED:
        deadlines.resume_deadline(actor=actor, deadline=deadline, on=on)


def restart(*, actor, obj, rule_key: str, on: date, reason: str) -> None:
    deadline = current(obj, rule_key)
    if deadline is not None:
        deadlines.restart_deadline(actor=actor, deadline=deadline, on=on, reason=reason)


def extend(*, actor, obj, rule_key: str, units: int, approver, reason: str) -> Deadline | None:
    deadline = current(obj, rule_key)
    if deadline is not None:
        return deadlines.extend_deadline(actor=actor, deadline=deadline, units=units, approver=approver, reason=reason)
    return None


def close(*, actor, obj, rule_key: str, on: date) -> None:
    deadline = current(obj, rule_key)
    if deadline is not None:
        deadlines.close_deadline(actor=actor, deadline=deadline, on=on)


def due_for(rule_key: str, start: date, *, body_id: int | None = None):
    """The due date (with explanation) of a rule from a start date, without storing a deadline."""
    return compute_for_rule(rule_key, start, body_id=body_id, estimate=True)


def correction_window(request) -> object:
    """The 7-working-day window of 第三十条 for the one-time correction notice, counted from receipt."""
    return due_for(rules.CORRECTION_NOTICE, request.received_on, body_id=request.body_id)
