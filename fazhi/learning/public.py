"""Public 普法 pages (no login): every body's 普法责任清单 and the reviewed activities."""

from django.http import Http404
from django.shortcuts import render

from fazhi.core import clock
from fazhi.learning import selectors


def index(request):
    today = clock.today()
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    if year is not None and not 2000 <= year <= today.year + 1:
        year = None
    return render(
        request,
        "learning/public/index.html",
        {
            "year": year,
            "lines": selectors.public_duty_lines(year),
            "activities": selectors.public_activities(year)[:100],
        },
    )


def activity(request, pk: int):
    item = selectors.public_activity(pk)
    if item is None:
        raise Http404("没有这项公开的普法活动。")
    return render(request, "learning/public/activity.html", {"activity": item})
