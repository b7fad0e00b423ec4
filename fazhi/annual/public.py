"""The published reports on the portal (no login): 第二十四条 — "通过报刊、网站等新闻媒体向社会公开"."""

from django.shortcuts import render

from fazhi.annual import selectors


def index(request):
    return render(request, "annual/public_list.html", {"reports": selectors.published()[:200]})


def report(request, code: str, year: int):
    found = selectors.published_report(code, year)
    lines = found.approved_text.split("\n")
    return render(
        request,
        "annual/public_report.html",
        {
            "report": found,
            "title": lines[0] if lines else "",
            "lines": lines[1:],
            "headings": {s.get("heading") for s in found.layout["sections"] if s.get("heading")},
        },
    )
