"""The background tasks (django-tasks, database backend: ADR 0073). Each takes plain JSON arguments, calls the owning
app's public functions, and records its outcome on its ``Job`` (or, for a sweep, its ``SweepRun``)."""

from __future__ import annotations

from django_tasks import task

from fazhi.jobs import services, sweeps


def _guarded(job_id: int, work):
    try:
        return work()
    except Exception as exc:
        services.fail(job_id, message=f"任务失败：{type(exc).__name__}: {exc}")
        raise


@task()
def sweep_task(sweep: str, period: str) -> str:
    """One sweep in one period, under its run-key lock (safe with any number of workers)."""
    return sweeps.run_sweep(sweep, period)


@task()
def verify_task(job_id: int) -> str:
    """The whole chain, recomputed; progress is entries verified of the chain's size when the job started."""
    from fazhi.audit import verify

    def work():
        services.start(job_id, total=verify.chain_size())
        progress = services.Progress(job_id)
        with progress.reporting(), verify.collector_paused():
            result = verify.verify_chain(progress=progress)
        outcome = {"ok": result.ok, "count": result.count, "head_seq": result.head_seq, "head_hash": result.head_hash}
        if result.ok:
            services.finish(job_id, message=result.message, result=outcome, done=result.count)
        else:
            services.fail(job_id, message=result.message)
        return result.message

    return _guarded(job_id, work)


@task()
def export_task(job_id: int) -> str:
    """The quarterly enforcement statistics of the requester's bodies as .xlsx, the same table as exchange's download."""
    from django.contrib.auth import get_user_model

    from fazhi.core import xlsx_export
    from fazhi.exchange.quarterly import quarterly_sheet
    from fazhi.jobs.models import Job

    def work():
        job = Job.objects.get(pk=job_id)
        user = get_user_model().objects.get(pk=job.requested_by_id)
        sheet = quarterly_sheet(user, job.params["year"], job.params["quarter"])
        services.start(job_id, total=sheet.bodies)
        data = xlsx_export.workbook(sheet.title, sheet.headers, sheet.rows, note=sheet.note)
        path = services.save_file(job_id, sheet.file_name, data)
        message = f"已生成 {sheet.file_name}（{sheet.bodies} 个机构）。"
        services.finish(job_id, message=message, result={"name": sheet.file_name}, file=path, done=sheet.bodies)
        return message

    return _guarded(job_id, work)


@task()
def annual_task(job_id: int) -> str:
    """A 法治政府建设情况报告's figures for its year, worked out over the body's subtree (the draft's numbers)."""
    from fazhi.annual import services as annual_services
    from fazhi.annual.selectors import reports_visible_to
    from fazhi.jobs.models import Job

    def work():
        job = Job.objects.select_related("requested_by").get(pk=job_id)
        report = reports_visible_to(job.requested_by).get(pk=job.params["report"])
        services.start(job_id, total=1)
        values = annual_services.current_figures(report)
        result = {key: {"label": v.spec.label, "text": v.text} for key, v in values.items()}
        resolved = sum(1 for v in values.values() if v.resolved)
        message = f"{report}：测算数据项 {len(values)} 项，其中 {resolved} 项有记录。"
        services.finish(job_id, message=message, result=result, done=1)
        return message

    return _guarded(job_id, work)
