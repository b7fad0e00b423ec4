"""Staff pages of 双随机、一公开: the item list, the two 名录库, plans and tasks, one task with its draw and records.

Every page checks role and scope (a task of another town is 404); every write is a declared step (``steps.py``) run
through ``StepSet.perform`` / ``post_step``, so a refusal re-renders the page with the form bound and answers 400.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import deadlines, listing
from fazhi.core.access import Role, has_any_role, require
from fazhi.core.errors import NotPermitted
from fazhi.core.step_views import post_step
from fazhi.inspection import rules, selectors, xlsx
from fazhi.inspection.models import RiskLevel
from fazhi.inspection.steps import CREATE_STEPS, RECORD_STEPS, TASK_STEPS
from fazhi.inspection.verify import verify_task

VIEWERS = (Role.OFFICER, Role.LEADER, Role.ADMIN, Role.SUPERVISOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Which page hosts each creating step (a refusal re-renders that page).
PAGES = {
    "item": "items",
    "object": "objects",
    "import": "objects",
    "inspector": "inspectors",
    "conflict": "inspectors",
    "plan": "tasks",
    "task": "tasks",
}


def viewer_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            require(request.user, *VIEWERS, what="查看双随机抽查")
        except NotPermitted as error:
            raise PermissionDenied(error.message) from None
        return view(request, *args, **kwargs)

    return wrapped


def _offers(request, names, *, failed=None, failed_name=""):
    return [
        o
        for o in CREATE_STEPS.offer(None, request.user, failed=failed, failed_name=failed_name)
        if o.spec.name in names
    ]


def _page(request, page: str, *, failed=None, failed_name: str = "", status: int = 200):
    names = [n for n, p in PAGES.items() if p == page]
    context = {"tab": page, "offers": _offers(request, names, failed=failed, failed_name=failed_name)}
    user = request.user
    if page == "items":
        context["items"] = list(selectors.items_visible(user))
    elif page == "objects":
        query = (request.GET.get("q") or "").strip()[:50]
        risk = request.GET.get("risk", "")
        risk = risk if risk in RiskLevel.values else ""
        context.update(
            page=listing.page_of(request, selectors.objects_visible(user, query=query, risk=risk)),
            q=query,
            risk=risk,
            risks=RiskLevel.choices,
        )
    elif page == "inspectors":
        context["inspectors"] = list(selectors.inspectors_visible(user))
        context["conflicts"] = list(selectors.conflicts_visible(user))
    else:
        context["plans"] = list(selectors.plans_visible(user))
        context["tasks"] = list(selectors.tasks_visible(user))
    return render(request, f"inspection/{page}.html", context, status=status)


@viewer_required
def items(request):
    return _page(request, "items")


@viewer_required
def objects(request):
    return _page(request, "objects")


@viewer_required
def inspectors(request):
    return _page(request, "inspectors")


@viewer_required
def tasks(request):
    return _page(request, "tasks")


@viewer_required
@require_POST
def create(request, name):
    if name not in PAGES:
        raise Http404("未知的办理步骤")
    spec = CREATE_STEPS.get(name)
    if not has_any_role(request.user, *spec.roles):
        raise PermissionDenied(f"“{spec.label}”须由{'或'.join(r.label for r in spec.roles)}办理。")
    outcome = CREATE_STEPS.perform(
        name, actor=request.user, obj=None, data=request.POST, files=request.FILES, prefix=name
    )
    if not outcome.ok:
        return _page(request, PAGES[name], failed=outcome, failed_name=name, status=400)
    if name == "import":
        result = outcome.result
        messages.success(request, f"已导入 {result['rows']} 行：新增 {result['added']}，更新 {result['updated']}。")
    else:
        messages.success(request, f"“{spec.label}”已完成。")
    if name == "task":
        return redirect("inspection:task", pk=outcome.result.pk)
    return redirect(f"inspection:{PAGES[name]}")


@viewer_required
def import_template(request):
    response = HttpResponse(xlsx.template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="inspection-objects.xlsx"'
    return response


def _task_page(request, task, *, failed=None, failed_name: str = "", failed_row=None, status: int = 200):
    rows = selectors.task_rows(task)
    for row in rows:
        row.task = task  # the rows' task is this one (no query per row)
        here = failed_row is not None and row.pk == failed_row.pk
        row.offers = RECORD_STEPS.offer(
            row, request.user, failed=failed if here else None, failed_name=failed_name if here else ""
        )
        for offer in row.offers:
            for name, field in offer.form.fields.items():
                field.widget.attrs["id"] = f"id_{row.pk}_{name}"
    context = {
        "task": task,
        "rows": rows,
        "inspectors": selectors.task_inspectors(task),
        "pools": selectors.task_pools(task),
        "offers": TASK_STEPS.offer(
            task, request.user, failed=None if failed_row else failed, failed_name="" if failed_row else failed_name
        ),
        "deadlines": deadlines.of_subject(task),
        "checks": verify_task(task) if task.seed else [],
        "rule": rules.RESULTS_PUBLICATION,
    }
    return render(request, "inspection/task.html", context, status=status)


@viewer_required
def task(request, pk):
    return _task_page(request, selectors.task_for(request.user, pk))


@viewer_required
@require_POST
def task_action(request, pk, action):
    found = selectors.task_for(request.user, pk)
    return post_step(
        request,
        TASK_STEPS,
        found,
        action,
        render_page=lambda failed, name: _task_page(request, found, failed=failed, failed_name=name),
        success=lambda _result: reverse("inspection:task", args=[found.pk]),
    )


@viewer_required
@require_POST
def record(request, pk):
    row = selectors.task_object_for(request.user, pk)
    return post_step(
        request,
        RECORD_STEPS,
        row,
        "record",
        render_page=lambda failed, name: _task_page(
            request, selectors.task_for(request.user, row.task_id), failed=failed, failed_name=name, failed_row=row
        ),
        success=lambda _result: reverse("inspection:task", args=[row.task_id]),
    )


def pool_response(pool) -> HttpResponse:
    response = HttpResponse(pool.keys + ("\n" if pool.keys else ""), content_type="text/plain; charset=utf-8")
    safe = pool.name.replace(":", "-")
    response["Content-Disposition"] = f'attachment; filename="pool-{pool.task_id}-{safe}.txt"'
    return response


@viewer_required
def pool(request, pk, name):
    return pool_response(selectors.pool(selectors.task_for(request.user, pk), name))
