"""Public pages of 事后公开 (国办发〔2018〕118号 (六)): search, detail, Atom feed. No login; only ``published_*``
selectors, so nothing but the redacted text and the summary ever reaches them."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from fazhi.core.listing import CappedPaginator, iso_date, pk_link
from fazhi.publicity import forms, selectors
from fazhi.publicity.models import PublicationState
from fazhi.publicity.views import form_errors

PORTAL_PAGE_SIZE = 20


@dataclass(slots=True)
class PortalRow:
    """One line of the portal's search results: the summary columns only, the link worked out once (ADR 0085)."""

    pk: int
    url: str
    decision_number: str
    party_display: str
    violation_type: str
    penalty: str
    body_name: str
    decided_on: str


def _portal_rows():
    link = pk_link("publicity_public:detail")
    columns = ("pk", "decision_number", "party_display", "violation_type", "penalty", "body__name", "decided_on")

    def make(pk, decision_number, party_display, violation_type, penalty, body_name, decided_on):
        return PortalRow(
            pk, link(pk), decision_number, party_display, violation_type, penalty, body_name, iso_date(decided_on)
        )

    return columns, make


# Matches counted and paged at most (50 pages): past that a visitor narrows the search (ADR 0084).
PORTAL_SEARCH_CAP = 1000


def search(request):
    form = forms.SearchForm(request.GET or None)
    rows = _portal_rows()
    results = selectors.portal_results(rows=rows)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        results = []
    elif form.is_bound:
        d = form.cleaned_data
        results = selectors.portal_results(
            rows=rows, query=d["q"], body_id=d["body"], kind=d["kind"], date_from=d["date_from"], date_to=d["date_to"]
        )
    page = CappedPaginator(results, PORTAL_PAGE_SIZE, cap=PORTAL_SEARCH_CAP).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "publicity/public_search.html",
        {
            "form": form,
            "page": page,
            "bodies": selectors.published_bodies(),
            "params": params.urlencode(),
            "errors": form_errors(form) if form.is_bound else [],
        },
        status=status,
    )


def detail(request, pk):
    pub = selectors.published_or_withdrawn().select_related("body").filter(pk=pk).first()
    if pub is None:
        raise Http404("该公开信息不存在或已到期下线")
    withdrawn = pub.state == PublicationState.WITHDRAWN
    return render(request, "publicity/public_detail.html", {"pub": pub, "withdrawn": withdrawn})


class AtomFeed(Feed):
    feed_type = Atom1Feed
    title = "行政执法决定公示"
    subtitle = "依据国办发〔2018〕118号第（六）项公开的行政执法决定信息（已作脱敏处理）"

    def link(self):
        return reverse("publicity_public:search")

    def items(self):
        return selectors.published().select_related("body").order_by("-published_on", "-id")[:50]

    def item_title(self, item):
        return f"{item.decision_number} {item.party_display} {item.violation_type}"

    def item_description(self, item):
        return f"{item.body.name}于{item.decided_on}作出：{item.penalty}"

    def item_link(self, item):
        return reverse("publicity_public:detail", args=[item.pk])

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.published_on, time(9)))


def statistics_list(request):
    from fazhi.publicity.models import StatisticsReport

    reports = StatisticsReport.objects.select_related("body").order_by("-year", "body__path")
    return render(request, "publicity/public_statistics.html", {"reports": reports})


def statistics_detail(request, pk):
    from django.http import HttpResponse

    from fazhi.publicity import statistics
    from fazhi.publicity.models import StatisticsReport

    report = StatisticsReport.objects.select_related("body").filter(pk=pk).first()
    if report is None:
        raise Http404("统计年报不存在")
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            statistics.xlsx([(report.body.name, report.figures)], report.year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f"attachment; filename=enforcement-statistics-{report.year}-{report.body_id}.xlsx"
        )
        return response
    rows = [(label, report.figures.get(key, 0)) for key, label in statistics.ROWS]
    return render(request, "publicity/public_statistics_detail.html", {"report": report, "rows": rows})
