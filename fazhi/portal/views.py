"""The public 事前公开 pages (国办发〔2018〕118号 (四)): no login; reads only through portal.selectors."""

from django.http import Http404
from django.shortcuts import render

from fazhi.law.models import ArticleRole, PowerCategory
from fazhi.portal import rules, selectors


def _body_or_404(body_id):
    body = selectors.published_body(body_id)
    if body is None:
        raise Http404("没有这个执法主体")
    return body


def index(request):
    return render(request, "portal/index.html", {"bodies": selectors.published_bodies()})


def body(request, body_id):
    body = _body_or_404(body_id)
    category = request.GET.get("category", "")
    query = request.GET.get("q", "")[:50]
    return render(
        request,
        "portal/body.html",
        {
            "body": body,
            "versions": selectors.published_power_versions(body, category=category, query=query),
            "officers": selectors.published_officers(body),
            "categories": PowerCategory.choices,
            "category": category,
            "query": query,
        },
    )


def inspections(request, body_id):
    body = _body_or_404(body_id)
    return render(
        request, "portal/inspections.html", {"body": body, "versions": selectors.published_inspection_items(body)}
    )


def power(request, item_id):
    version = selectors.published_power_version(item_id)
    if version is None:
        raise Http404("没有这个公开的权责事项")
    return render(request, "portal/power.html", {"v": version, "roles": ArticleRole.choices})


def procedure(request):
    return render(
        request,
        "portal/procedure.html",
        {
            "steps": rules.PENALTY_PROCEDURE,
            "simple": rules.SIMPLE_PROCEDURE,
            "remedies": rules.REMEDIES,
            "complaint": rules.COMPLAINT,
            "complaint_citations": rules.COMPLAINT_CITATIONS,
        },
    )


def article(request, key):
    citation = selectors.published_article(key)
    if citation is None:
        raise Http404("没有这条法规条文")
    return render(request, "portal/article.html", {"c": citation, "article": citation.article})
