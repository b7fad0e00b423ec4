"""Public pages (no login): the published 决策事项目录 and the published decisions, under /gongkai/juece/."""

from django.shortcuts import render

from fazhi.decisions import selectors


def index(request):
    return render(
        request,
        "decisions/public/index.html",
        {"catalogues": selectors.published_catalogues(), "decisions": selectors.published_decisions()[:50]},
    )


def decision(request, pk):
    return render(request, "decisions/public/decision.html", {"decision": selectors.published_decision(pk)})
