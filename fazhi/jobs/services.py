"""Jobs people ask for: enqueue (checked here, before anything is queued), and the bookkeeping the task does as it
runs — start, progress, finish. Progress is written by a reporter thread on its own connection, so it is seen while a
long job runs inside a transaction (verification on PostgreSQL streams inside one)."""

from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.jobs import permissions
from fazhi.jobs.models import Job, JobKind, JobState


def _scope_body(actor):
    from fazhi.org.selectors import scope_root

    body = scope_root(actor)
    if body is None:
        raise NotPermitted("您的账号未归属任何机构，不能提交后台任务。")
    return body


def _enqueue(job: Job, task, *args) -> Job:
    # The job row and the queued task are written together: a task never runs for a job that was rolled back.
    with transaction.atomic():
        job.save()
        result = task.enqueue(job.pk, *args)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def enqueue_verification(*, actor) -> Job:
    """A whole-chain verification in the background, for supervisors (as the verify page)."""
    from fazhi.jobs.tasks import verify_task

    if not permissions.can_enqueue_verification(actor):
        raise NotPermitted("审计链校验须由监督人员发起。")
    live = Job.objects.filter(kind=JobKind.VERIFY, state__in=(JobState.QUEUED, JobState.RUNNING)).first()
    if live is not None:
        raise InvalidInput(f"已有一项审计链校验正在排队或进行（#{live.pk}），请等待其完成。", field="kind")
    return _enqueue(Job(kind=JobKind.VERIFY, body=_scope_body(actor), requested_by=actor), verify_task)


def enqueue_export(*, actor, year, quarter) -> Job:
    """The quarterly enforcement statistics (.xlsx) of the bodies the actor sees, built in the background."""
    from fazhi.jobs.tasks import export_task

    if not permissions.can_enqueue_export(actor):
        raise NotPermitted("季度执法统计须由负责人、监督人员或系统管理员导出。")
    year, quarter = str(year or "").strip(), str(quarter or "").strip()
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        raise InvalidInput("“年度”应为 2000—2100 之间的四位年份。", field="year")
    if quarter not in ("1", "2", "3", "4"):
        raise InvalidInput("“季度”应为 1、2、3 或 4。", field="quarter")
    job = Job(kind=JobKind.EXPORT, body=_scope_body(actor), requested_by=actor,
              params={"year": int(year), "quarter": int(quarter)})  # fmt: skip
    return _enqueue(job, export_task)


def enqueue_annual_figures(*, actor, report_id) -> Job:
    """Work out a 法治政府建设情况报告's draft figures in the background (a district's report reads every town)."""
    from fazhi.annual.selectors import report_detail
    from fazhi.jobs.tasks import annual_task

    try:
        report = report_detail(actor, int(report_id))
    except (TypeError, ValueError):
        raise InvalidInput("“年度报告”编号应为整数。", field="report") from None
    job = Job(kind=JobKind.ANNUAL, body=report.body, requested_by=actor, params={"report": report.pk})
    return _enqueue(job, annual_task)


# --- what the task does as it runs ----------------------------------------------------------------------------------


def start(job_id: int, *, total: int = 0) -> None:
    Job.objects.filter(pk=job_id).update(state=JobState.RUNNING, started_at=timezone.now(), total=total, done=0)


def finish(job_id: int, *, message: str, result: dict | None = None, file: str = "", done: int | None = None) -> None:
    changes = {"state": JobState.DONE, "message": message, "finished_at": timezone.now(), "result": result or {}}
    if file:
        changes["file"] = file
    if done is not None:
        changes["done"] = done
    Job.objects.filter(pk=job_id).update(**changes)


def fail(job_id: int, *, message: str) -> None:
    Job.objects.filter(pk=job_id).update(state=JobState.FAILED, message=message[:4000], finished_at=timezone.now())


def save_file(job_id: int, name: str, data: bytes) -> str:
    return default_storage.save(f"jobs/{job_id}-{uuid.uuid4().hex[:12]}-{name}", ContentFile(data))


class Progress:
    """``progress(n)`` adds n done; a thread writes the count every ``interval`` seconds on its own connection."""

    def __init__(self, job_id: int, *, interval: float = 0.5):
        self.job_id, self.interval = job_id, interval
        self.done = 0
        self._stop = threading.Event()
        self._written = -1

    def __call__(self, n: int = 1) -> None:
        self.done += n

    def _write(self) -> None:
        if self.done != self._written:
            Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(done=self.done)
            self._written = self.done

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                self._write()
        finally:
            connection.close()

    @contextmanager
    def reporting(self):
        thread = threading.Thread(target=self._loop, name=f"job-{self.job_id}-progress", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            close_old_connections()
