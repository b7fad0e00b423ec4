"""The jobs page: background jobs in the user's scope with their progress (refreshed by htmx while any is live), and
buttons that start a chain verification or a quarterly export for those allowed to."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import clock, xlsx_export
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.jobs import permissions, selectors, services, sweeps
from fazhi.jobs.models import JobKind, JobState

PAGE_SIZE = 30


def _context(request) -> dict:
    jobs = list(selectors.jobs_visible_to(request.user)[:PAGE_SIZE])
    today = clock.today()
    runs = None
    if permissions.can_see_sweeps(request.user):
        runs = list(sweeps.recent_runs())
        for run in runs:
            run.label = sweeps.SWEEPS[run.sweep].label if run.sweep in sweeps.SWEEPS else run.sweep
    return {
        "jobs": jobs,
        "any_live": any(j.live for j in jobs),
        "can_verify": permissions.can_enqueue_verification(request.user),
        "can_export": permissions.can_enqueue_export(request.user),
        "sweep_runs": runs,
        "schedule": [(sweeps.SWEEPS[r.sweep].label, r.describe()) for r in sweeps.SCHEDULE],
        "years": list(range(today.year, today.year - 6, -1)),
        "default_quarter": (today.month - 1) // 3 or 4,
        "default_year": today.year if today.month > 3 else today.year - 1,
        "quarters": (1, 2, 3, 4),
        "Kind": JobKind,
        "State": JobState,
    }


@login_required
@require_GET
def job_list(request):
    context = _context(request)
    if request.htmx:
        return render(request, "jobs/_jobs.html", context)
    return render(request, "jobs/job_list.html", context)


def _refused(request, exc, status):
    context = _context(request)
    context["error"] = str(exc)
    return render(request, "jobs/job_list.html", context, status=status)


@login_required
@require_POST
def start_verification(request):
    try:
        job = services.enqueue_verification(actor=request.user)
    except NotPermitted as exc:
        return _refused(request, exc, 403)
    except InvalidInput as exc:
        return _refused(request, exc, 409)
    messages.success(request, f"已提交审计链校验（#{job.pk}），后台进程将逐条校验，进度见下表。")
    return redirect("jobs:list")


@login_required
@require_POST
def start_export(request):
    try:
        job = services.enqueue_export(
            actor=request.user, year=request.POST.get("year"), quarter=request.POST.get("quarter")
        )
    except NotPermitted as exc:
        return _refused(request, exc, 403)
    except InvalidInput as exc:
        return _refused(request, exc, 400)
    messages.success(request, f"已提交季度执法统计导出（#{job.pk}），完成后可在下表下载。")
    return redirect("jobs:list")


@login_required
@require_GET
def download(request, pk: int):
    job = selectors.job_for(request.user, pk)
    if job is None or job.kind != JobKind.EXPORT or job.state != JobState.DONE or not job.file:
        raise Http404("没有这项导出结果，或不在您的查看范围内。")
    try:
        with default_storage.open(job.file, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return HttpResponse("导出文件已不在存储中，请重新导出。", status=410, content_type="text/plain; charset=utf-8")
    return xlsx_export.response(job.result.get("name") or "export.xlsx", data)
