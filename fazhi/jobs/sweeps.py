"""The sweeps as data, their run-key lock, and the schedule that enqueues them (ADR 0069).

A sweep runs once per period. The lock is a row: ``SweepRun`` is unique on (sweep, period), so of two workers (or two
schedulers) only one can insert it or move it to running; the other sees it taken and does nothing. This works the
same on SQLite (the IMMEDIATE transaction serialises the inserts) and PostgreSQL (the unique index makes the second
insert wait for the first and then fail)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core import clock
from fazhi.jobs.models import RunState, SweepRun

# A run still "running" this long after it started is taken to have died with its worker and may be taken over.
STALE_AFTER = timedelta(hours=2)


def _deadline_sweep() -> int:
    from fazhi.core.deadlines import sweep_missed_deadlines

    return sweep_missed_deadlines()


def _publicity_sweep() -> int:
    from fazhi.publicity.services import sweep_expired

    return sweep_expired()


def _normative_sweep() -> int:
    from fazhi.normative.services import open_due_evaluations

    return len(open_due_evaluations())


def _learning_reminders() -> int:
    from fazhi.learning.services import send_key_date_reminders

    return send_key_date_reminders()


def _exchange_push() -> int:
    from fazhi.exchange.push import push

    if not settings.FAZHI_EXCHANGE_URL:
        return 0
    result = push()
    if result.failures:
        raise RuntimeError(f"推送失败，稍后重试：{result.failures[-1]}")
    return result.sent


@dataclass(frozen=True)
class Sweep:
    name: str
    label: str
    run: Callable[[], int]


SWEEPS: dict[str, Sweep] = {
    s.name: s
    for s in (
        Sweep("deadline_sweep", "期限逾期标记", _deadline_sweep),
        Sweep("publicity_sweep", "公示期满下线", _publicity_sweep),
        Sweep("normative_sweep", "规范性文件评估启动", _normative_sweep),
        Sweep("learning_reminders", "普法节点提醒", _learning_reminders),
        Sweep("exchange_push", "向上级平台推送", _exchange_push),
    )
}


@dataclass(frozen=True)
class Rule:
    """When a sweep is due: once a day from ``at`` (local time), or every ``minutes`` minutes."""

    sweep: str
    at: time | None = None
    minutes: int | None = None

    def __post_init__(self):
        if (self.at is None) == (self.minutes is None) or self.sweep not in SWEEPS:
            raise ValueError(f"调度规则有误：{self}")
        if self.minutes is not None and not (1 <= self.minutes <= 1440 and 1440 % self.minutes == 0):
            raise ValueError(f"调度间隔须为能整除一天的分钟数：{self}")

    def period(self, now: datetime) -> str | None:
        """The period key ``now`` falls in, or None when the daily rule's time has not come yet today."""
        local = timezone.localtime(now)
        if self.at is not None:
            # The day is now's own, or the demo's fixed date (FAZHI_TODAY) when one is set.
            day = clock.fixed_today() or local.date()
            return day.isoformat() if local.time() >= self.at else None
        slot = (local.hour * 60 + local.minute) // self.minutes * self.minutes
        return f"{local.date().isoformat()}T{slot // 60:02d}:{slot % 60:02d}"

    def describe(self) -> str:
        return f"每天 {self.at:%H:%M} 起" if self.at is not None else f"每 {self.minutes} 分钟"


# The schedule (rules as data). Daily sweeps run after midnight and select by state, so a missed day is caught up by
# the next run; the portal's retirement and the push to the higher platform run every few minutes.
SCHEDULE: tuple[Rule, ...] = (
    Rule("deadline_sweep", at=time(0, 30)),
    Rule("normative_sweep", at=time(1, 0)),
    Rule("learning_reminders", at=time(8, 0)),
    Rule("publicity_sweep", minutes=15),
    Rule("exchange_push", minutes=10),
)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


def claim(sweep: str, period: str, *, worker: str | None = None) -> bool:
    """Take the run of ``sweep`` in ``period``: True if this caller may run it, False if it is someone else's (running
    or done). A queued run (the scheduler's row), a failed one or one gone stale is taken over by one conditional
    UPDATE, so two callers cannot both succeed."""
    worker = worker or worker_name()
    now = timezone.now()
    try:
        with transaction.atomic():
            SweepRun.objects.create(sweep=sweep, period=period, state=RunState.RUNNING, worker=worker, started_at=now)
        return True
    except IntegrityError:
        pass
    takeable = Q(state__in=(RunState.QUEUED, RunState.FAILED)) | Q(
        state=RunState.RUNNING, started_at__lt=now - STALE_AFTER
    )
    taken = SweepRun.objects.filter(takeable, sweep=sweep, period=period).update(
        state=RunState.RUNNING, worker=worker, started_at=now, finished_at=None, message=""
    )
    return taken == 1


def finish(sweep: str, period: str, *, count: int | None = None, error: str = "") -> None:
    SweepRun.objects.filter(sweep=sweep, period=period).update(
        state=RunState.FAILED if error else RunState.DONE, count=count, message=error[:2000], finished_at=timezone.now()
    )


def run_sweep(sweep: str, period: str, *, worker: str | None = None) -> str:
    """Run one sweep for one period under its lock; returns what happened, in Chinese (the task's result)."""
    if sweep not in SWEEPS:
        raise ValueError(f"未知的定时任务：{sweep}")
    if not claim(sweep, period, worker=worker):
        return f"{SWEEPS[sweep].label}（{period}）已由其他进程执行，跳过。"
    try:
        count = SWEEPS[sweep].run()
    except Exception as exc:
        finish(sweep, period, error=f"{type(exc).__name__}: {exc}")
        raise
    finish(sweep, period, count=count)
    return f"{SWEEPS[sweep].label}（{period}）：处理 {count} 项。"


def schedule_due(*, now: datetime | None = None, rules=SCHEDULE) -> list[tuple[str, str]]:
    """Enqueue every sweep whose period has come and has no run yet: the queued row and the task are written in one
    transaction, and the unique row means two schedulers enqueue it once. Returns the (sweep, period) enqueued."""
    from fazhi.jobs.tasks import sweep_task

    now = now or timezone.now()
    enqueued = []
    for rule in rules:
        period = rule.period(now)
        if period is None or SweepRun.objects.filter(sweep=rule.sweep, period=period).exists():
            continue
        try:
            with transaction.atomic():
                SweepRun.objects.create(sweep=rule.sweep, period=period, state=RunState.QUEUED)
                sweep_task.enqueue(rule.sweep, period)
        except IntegrityError:
            continue
        enqueued.append((rule.sweep, period))
    return enqueued


def recent_runs(limit: int = 20):
    return SweepRun.objects.order_by("-created_at", "-id")[:limit]
