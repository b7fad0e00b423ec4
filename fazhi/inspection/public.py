"""Portal pages of 双随机、一公开 (no login): the 随机抽查事项清单 (58号 一（一）), the published results of each task
(谁检查、谁公开, redacted), and each task's seed and pools so anyone can recompute the draw."""

from __future__ import annotations

from django.shortcuts import render

from fazhi.core import listing
from fazhi.inspection import selectors
from fazhi.inspection.views import pool_response


def index(request):
    return render(
        request,
        "inspection/public/index.html",
        {"items": list(selectors.public_items()), "page": listing.page_of(request, selectors.published_tasks())},
    )


def detail(request, pk):
    task = selectors.published_task(pk)
    return render(
        request,
        "inspection/public/detail.html",
        {"task": task, "results": selectors.public_results(task), "pools": selectors.task_pools(task)},
    )


def pool(request, pk, name):
    return pool_response(selectors.pool(selectors.published_task(pk), name))
