"""Reads of 双随机、一公开: everything a staff page shows is filtered to the user's bodies; the portal reads only
what the law makes public (the item list, published tasks and their redacted results)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.core.access import scope_ids
from fazhi.inspection.models import (
    DrawPool,
    InspectionItem,
    InspectionObject,
    Inspector,
    Plan,
    Result,
    Task,
    TaskInspector,
    TaskObject,
    TaskStatus,
)


def _bodies(user):
    if user.is_superuser:
        return None
    return scope_ids(user)


def _scoped(qs: QuerySet, user, field: str = "body_id") -> QuerySet:
    if not user.is_authenticated:
        return qs.none()
    ids = _bodies(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def items_visible(user) -> QuerySet[InspectionItem]:
    return _scoped(InspectionItem.objects.select_related("body"), user)


def objects_visible(user, *, query: str = "", risk: str = "") -> QuerySet[InspectionObject]:
    qs = _scoped(InspectionObject.objects.select_related("body"), user)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(credit_code__icontains=query.upper()))
    if risk:
        qs = qs.filter(risk=risk)
    return qs


def inspectors_visible(user) -> QuerySet[Inspector]:
    return _scoped(Inspector.objects.select_related("body", "person"), user)


def plans_visible(user) -> QuerySet[Plan]:
    return _scoped(Plan.objects.select_related("body"), user)


def tasks_visible(user) -> QuerySet[Task]:
    return _scoped(
        Task.objects.select_related("body", "plan", "item").annotate(
            drawn=Count("drawn_objects", distinct=True),
            pending=Count("drawn_objects", filter=Q(drawn_objects__result=Result.PENDING), distinct=True),
        ),
        user,
    )


def task_for(user, task_id) -> Task:
    """One task in the user's scope; 404 otherwise (a task outside looks like no task)."""
    task = tasks_visible(user).filter(pk=task_id).first()
    if task is None:
        raise Http404("没有这个抽查任务。")
    return task


def task_object_for(user, row_id) -> TaskObject:
    row = _scoped(TaskObject.objects.select_related("task", "target", "body"), user).filter(pk=row_id).first()
    if row is None:
        raise Http404("没有这条检查记录。")
    return row


def task_rows(task: Task) -> list[TaskObject]:
    return list(
        TaskObject.objects.filter(task=task)
        .select_related("target")
        .prefetch_related("files")
        .order_by("stratum", "order")
    )


def task_inspectors(task: Task) -> list[TaskInspector]:
    return list(TaskInspector.objects.filter(task=task).select_related("inspector__person").order_by("order"))


def task_pools(task: Task) -> list[DrawPool]:
    return list(DrawPool.objects.filter(task=task).defer("keys").order_by("name"))


def pool(task: Task, name: str) -> DrawPool:
    found = DrawPool.objects.filter(task=task, name=name).first()
    if found is None:
        raise Http404("没有这份名单。")
    return found


def task_by_number(number: str) -> Task | None:
    return Task.objects.select_related("body").filter(number=number).first() or (
        Task.objects.select_related("body").filter(pk=int(number)).first() if str(number).isdigit() else None
    )


# --- public (portal) -----------------------------------------------------------------------------------------------


def public_items() -> QuerySet[InspectionItem]:
    """The published 随机抽查事项清单 (58号 一（一）: 抽查事项清单向社会公开)."""
    return InspectionItem.objects.filter(active=True).select_related("body").order_by("body__code", "kind", "id")


def published_tasks() -> QuerySet[Task]:
    return (
        Task.objects.filter(status=TaskStatus.PUBLISHED)
        .select_related("body", "item")
        .annotate(drawn=Count("drawn_objects"))
        .order_by("-published_on", "-id")
    )


def published_task(task_id) -> Task:
    task = published_tasks().filter(pk=task_id).first()
    if task is None:
        raise Http404("没有这项公示。")
    return task


def public_results(task: Task) -> list[dict]:
    """Only public columns: name, credit code, kind, result, date, redacted findings (never the raw findings,
    address of a natural person or the representative)."""
    return list(
        TaskObject.objects.filter(task=task)
        .order_by("stratum", "order")
        .values(
            "target__name", "target__credit_code", "target__kind", "result", "inspected_on", "public_findings",
            "stratum",
        )
    )  # fmt: skip


def results_for_api(user, *, task_id: int | None = None) -> QuerySet[TaskObject]:
    qs = _scoped(TaskObject.objects.select_related("task", "target"), user)
    if task_id is not None:
        qs = qs.filter(task_id=task_id)
    return qs.order_by("task_id", "stratum", "order")


def conflicts_visible(user) -> QuerySet:
    from fazhi.inspection.models import Conflict

    return _scoped(Conflict.objects.select_related("inspector__person", "target"), user).order_by("-declared_on")


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """For the annual 法治政府建设情况报告: 双随机 tasks these bodies drew in the year, and the drawn objects they
    inspected in the year — two counts."""
    ids = list(body_ids)
    return {
        "tasks": Task.objects.filter(body_id__in=ids, drawn_on__year=year).count(),
        "objects_checked": TaskObject.objects.filter(body_id__in=ids, inspected_on__year=year).count(),
    }


# --- for exchange (the 执法检查 records sent to the higher platform, docs/exchange.md) -------------------------------


def task_objects_for_exchange(*, task_id=None, row_id=None) -> list[TaskObject]:
    """The drawn objects of one task (or the one drawn object ``row_id``) with their task, item, target and body, in
    draw order — one query, whatever the number of objects."""
    qs = TaskObject.objects.select_related("task", "task__item", "target", "body")
    qs = qs.filter(task_id=task_id) if task_id is not None else qs.filter(pk=row_id)
    return list(qs.order_by("stratum", "order", "id"))


def checks_by_body(first, last, body_ids=None) -> dict[int, int]:
    """{body id: drawn objects it inspected between ``first`` and ``last``} — the 双随机 执法检查 of a period (the
    quarterly statistics, 天津市行政执法监督规定 第二十六条)."""
    qs = TaskObject.objects.filter(inspected_on__range=(first, last))
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    return {row["body_id"]: row["n"] for row in qs.values("body_id").annotate(n=Count("id"))}
