"""Writes for core: calendar imports, settings and the deadline table. Every change lands on the audit chain."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import CalendarDay, CalendarYear, DayKind, Deadline, DeadlineState, Setting
from fazhi.core.periods import Pause
from fazhi.core.rules import PeriodRule, compute_for_rule, rule_for
from fazhi.core.selectors import DbCalendar
from fazhi.org.roles import Role, has_role

# --- settings -------------------------------------------------------------------------------------------------------


def change_setting(*, actor, key: str, value, body=None, note: str = "") -> Setting:
    """Set an overridable value (platform-wide, or for one body and the bodies below it). Only 系统管理员."""
    if actor is not None and not has_role(actor, Role.ADMIN):
        raise NotPermitted("只有系统管理员可以修改设置。")
    if not key:
        raise InvalidInput("请填写设置的键。", field="key")
    with transaction.atomic():
        setting = Setting.objects.select_for_update().filter(key=key, body=body).first()
        old = setting.value if setting else None
        if setting is None:
            setting = Setting.objects.create(key=key, body=body, value=value, note=note)
        else:
            setting.value, setting.note, setting.changed_at = value, note or setting.note, timezone.now()
            setting.save(update_fields=["value", "note", "changed_at"])
        record(
            actor=actor,
            event=Event.SETTING_CHANGED,
            subject=("core.setting", key, key),
            payload={"old": old, "new": value, "body_id": body.pk if body else None},
            body_id=body.pk if body else None,
        )
    return setting


# --- calendar -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarRow:
    row: int  # line number in the file (or position in a JSON list), for error messages
    date: date
    kind: str
    notice: str
    name: str = ""
    year: int | None = None

    @property
    def arrangement_year(self) -> int:
        return self.year or self.date.year


def import_calendar(*, actor, rows: list[CalendarRow], source: str = "导入文件") -> dict[int, int]:
    """Replace each arrangement year present in ``rows`` with exactly those rows, atomically.

    Rows must already be validated (``fazhi.core.calendar_files.parse_calendar_file``). Open deadlines touching the
    years are recomputed afterwards, each change on the chain. Returns {year: number of rows}.
    """
    if not rows:
        raise InvalidInput("导入文件中没有任何日期。", field="file")
    by_year: dict[int, list[CalendarRow]] = {}
    for row in rows:
        by_year.setdefault(row.arrangement_year, []).append(row)
    dates = [row.date for row in rows]
    with transaction.atomic():
        for year, year_rows in sorted(by_year.items()):
            old_year = CalendarYear.objects.select_for_update().filter(year=year).first()
            old = {
                "covered": old_year is not None,
                "source": old_year.source if old_year else None,
                "days": CalendarDay.objects.filter(year=year).count(),
            }
            notice = Counter(r.notice for r in year_rows).most_common(1)[0][0]
            CalendarDay.objects.filter(Q(year=year) | Q(date__in=[r.date for r in year_rows])).delete()
            CalendarDay.objects.bulk_create(
                [
                    CalendarDay(date=r.date, year=year, kind=r.kind, name=r.name, notice=r.notice)
                    for r in sorted(year_rows, key=lambda r: r.date)
                ]
            )
            calendar_year, _ = CalendarYear.objects.update_or_create(
                year=year, defaults={"source": source, "notice": notice, "imported_at": timezone.now()}
            )
            record(
                actor=actor,
                event=Event.CALENDAR_YEAR_IMPORTED,
                subject=calendar_year,
                payload={
                    "old": old,
                    "new": {
                        "source": source,
                        "notice": notice,
                        "off": sum(1 for r in year_rows if r.kind == DayKind.OFF),
                        "work": sum(1 for r in year_rows if r.kind == DayKind.WORK),
                    },
                },
            )
        recompute_for_years(actor=actor, years=sorted({*by_year, *(d.year for d in dates)}))
    return {year: len(year_rows) for year, year_rows in by_year.items()}


def record_calendar_day_change(*, actor, day: CalendarDay | None, old: dict | None, new: dict | None) -> None:
    """Chain entry and recomputation after an admin edited one calendar day (admin pages call this)."""
    with transaction.atomic():
        years = sorted({date.fromisoformat(d["date"]).year for d in (old, new) if d})
        record(
            actor=actor,
            event=Event.CALENDAR_DAY_CHANGED,
            subject=("core.calendarday", (new or old)["date"], (new or old)["date"]),
            payload={"old": old, "new": new},
        )
        recompute_for_years(actor=actor, years=years)


def record_calendar_year_change(*, actor, year: int, old: dict | None, new: dict | None) -> None:
    """Chain entry and recomputation after an admin added, edited or removed a covered year (admin pages call this):
    marking a year covered or uncovered changes whether its deadlines are exact or estimates."""
    with transaction.atomic():
        record(
            actor=actor,
            event=Event.CALENDAR_YEAR_IMPORTED,
            subject=("core.calendaryear", year, f"{year}年"),
            payload={"old": old, "new": new, "via": "admin"},
        )
        recompute_for_years(actor=actor, years=[year])


# --- deadlines ------------------------------------------------------------------------------------------------------


def _subject_parts(subject, label: str | None) -> tuple[str, str, str]:
    if isinstance(subject, tuple):
        subject_type, subject_id, *rest = subject
        return str(subject_type), str(subject_id), label or (rest[0] if rest else f"{subject_type}#{subject_id}")
    return subject._meta.label_lower, str(subject.pk), label or str(subject)


def _pauses(deadline: Deadline, *, today: date | None = None) -> list[Pause]:
    today = today or timezone.localdate()
    pauses = []
    for p in deadline.pauses:
        start = date.fromisoformat(p["start"])
        end = date.fromisoformat(p["end"]) if p.get("end") else max(start, today)
        pauses.append(Pause(start, end, p.get("reason", "")))
    return pauses


def _rule(deadline: Deadline) -> PeriodRule:
    return rule_for(deadline.rule_key, on=deadline.start_date)


def _compute(deadline: Deadline, *, calendar=None):
    rule = _rule(deadline)
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


def open_deadline(
    *,
    actor,
    subject,
    body,
    rule_key: str,
    start_date: date,
    subject_label: str | None = None,
    estimate: bool = True,
) -> Deadline:
    """Start the clock for an obligation: the rule version in force on ``start_date`` gives period and citation.

    ``subject`` is a model instance or a (type, id[, label]) tuple. With ``estimate=True`` (the default, so a step is
    never blocked by a missing calendar year) a due date in an uncovered year is estimated, marked 估算, and
    recomputed when the year is imported; with ``estimate=False`` such a date raises CalendarNotCovered.
    """
    subject_type, subject_id, label = _subject_parts(subject, subject_label)
    rule = rule_for(rule_key, on=start_date)
    result = compute_for_rule(rule, start_date, body_id=body.pk, estimate=estimate)
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
        rule = _rule(deadline)
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
    """Extend once, by at most the rule's maximum, with the approval of a 负责人 (e.g. 政府信息公开条例 第三十三条)."""
    if units <= 0:
        raise InvalidInput("延长期间应为正整数。", field="units")
    if not reason:
        raise InvalidInput("请填写延长理由。", field="reason")
    with transaction.atomic():
        deadline = _locked(deadline)
        rule = _rule(deadline)
        if deadline.state not in (DeadlineState.OPEN, DeadlineState.PAUSED):
            raise InvalidTransition(f"已结束的期限不能延长，当前状态：{deadline.get_state_display()}。")
        if rule.extension_max <= 0:
            raise DomainError(f"“{rule.name}”不得延长（{rule.citation}）。")
        if deadline.extension:
            raise DomainError(f"“{rule.name}”只能延长一次，已延长{deadline.extension}（{rule.citation}）。")
        if units > rule.extension_max:
            raise DomainError(f"“{rule.name}”最多延长{rule.extension_max}（{rule.citation}），不能延长{units}。")
        if approver is None or not has_role(approver, Role.LEADER):
            raise NotPermitted("延长期限须经机关负责人（具有“负责人”角色的人员）批准。")
        old = _snapshot(deadline)
        deadline.extension = units
        deadline.extension_approver = approver
        deadline.extension_reason = reason
        _apply(deadline, _compute(deadline))
        deadline.save(
            update_fields=[
                "extension",
                "extension_approver",
                "extension_reason",
                "due_date",
                "explanation",
                "is_estimate",
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
        rule = _rule(deadline)
        if not rule.restartable:
            raise DomainError(f"“{rule.name}”不适用重新起算（{rule.citation}）。")
        if deadline.state not in (DeadlineState.OPEN, DeadlineState.PAUSED):
            raise InvalidTransition(f"已结束的期限不能重新起算，当前状态：{deadline.get_state_display()}。")
        if on < deadline.start_date:
            raise InvalidInput(f"重新起算日 {on} 早于起算日 {deadline.start_date}。", field="on")
        old = _snapshot(deadline)
        if deadline.pauses and deadline.pauses[-1].get("end") is None:
            deadline.pauses = [*deadline.pauses[:-1], {**deadline.pauses[-1], "end": on.isoformat()}]
        deadline.restart_date = on
        deadline.state = DeadlineState.OPEN
        _apply(deadline, _compute(deadline))
        deadline.save(update_fields=["restart_date", "pauses", "state", "due_date", "explanation", "is_estimate"])
        _record(deadline, actor=actor, event=Event.DEADLINE_RESTARTED, old=old, extra={"reason": reason})
    return deadline


def close_deadline(*, actor, deadline: Deadline | int, on: date) -> Deadline:
    """The obligation was fulfilled on ``on``: met if on or before the due date, otherwise missed."""
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.closed_on is not None:
            raise InvalidTransition(f"该期限已于 {deadline.closed_on} 完成，不能重复完成。")
        if on < deadline.start_date:
            raise InvalidInput(f"完成日 {on} 早于起算日 {deadline.start_date}。", field="on")
        old = _snapshot(deadline)
        if deadline.pauses and deadline.pauses[-1].get("end") is None:
            deadline.pauses = [*deadline.pauses[:-1], {**deadline.pauses[-1], "end": on.isoformat()}]
        # A window (the party's, a third party's, or a wait) is fulfilled by having run, whenever the next step comes.
        met = deadline.is_window or (deadline.state != DeadlineState.MISSED and on <= deadline.due_date)
        deadline.state = DeadlineState.MET if met else DeadlineState.MISSED
        deadline.closed_on = on
        deadline.save(update_fields=["state", "closed_on", "pauses"])
        _record(deadline, actor=actor, event=Event.DEADLINE_MET if met else Event.DEADLINE_MISSED, old=old)
    return deadline


def _apply(deadline: Deadline, result) -> None:
    deadline.due_date = result.due
    deadline.explanation = result.explanation
    deadline.is_estimate = result.is_estimate


def recompute_for_years(*, actor, years: list[int]) -> list[Deadline]:
    """After the calendar of ``years`` changed: recompute every open or paused deadline that touches those years
    (its start, its due date, or any day between) or is still an estimate. One chain entry per changed deadline."""
    if not years:
        return []
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    touching = Q(start_date__lte=last, due_date__gte=first) | Q(is_estimate=True)
    changed = []
    calendar = DbCalendar()
    with transaction.atomic():
        candidates = (
            Deadline.objects.select_for_update()
            .filter(state__in=[DeadlineState.OPEN, DeadlineState.PAUSED])
            .filter(touching)
            .order_by("id")
        )
        for deadline in candidates:
            old = _snapshot(deadline)
            result = _compute(deadline, calendar=calendar)
            if (result.due, result.is_estimate, result.explanation) == (
                deadline.due_date,
                deadline.is_estimate,
                deadline.explanation,
            ):
                continue
            _apply(deadline, result)
            deadline.save(update_fields=["due_date", "explanation", "is_estimate"])
            _record(deadline, actor=actor, event=Event.DEADLINE_RECOMPUTED, old=old, extra={"years": years})
            changed.append(deadline)
    return changed


def sweep_missed_deadlines(*, today: date | None = None, actor=None) -> int:
    """Mark every open deadline whose due date has passed as missed; idempotent (selects by state, not by a window).

    A paused deadline is not swept: its clock is stopped. A window (rule.window) is not swept either: when it runs out
    it has lapsed, and nobody missed anything. Returns how many were marked.
    """
    today = today or timezone.localdate()
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
