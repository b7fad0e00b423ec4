"""Writes for core: calendar imports and settings (the deadline table's operations are in ``fazhi.core.deadlines``).
Every change lands on the audit chain."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, require
from fazhi.core.deadlines import recompute_for_years
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.core.models import CalendarDay, CalendarYear, DayKind, Setting

# --- settings -------------------------------------------------------------------------------------------------------


def change_setting(*, actor, key: str, value, body=None, note: str = "") -> Setting:
    """Set an overridable value (platform-wide, or for one body and the bodies below it). Only 系统管理员."""
    try:
        require(actor, Role.ADMIN, what="修改设置")
    except NotPermitted as exc:
        raise NotPermitted("只有系统管理员可以修改设置。") from exc
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
