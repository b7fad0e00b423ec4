"""Staff pages: the publication list and the reviewer's side-by-side page with its actions (thin views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import clock
from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError
from fazhi.publicity import forms, selectors, services
from fazhi.publicity.models import PublicationState


def _may_view(user) -> bool:
    return user.is_superuser or any(
        has_role(user, r) for r in (Role.LEGAL_REVIEWER, Role.LEADER, Role.SUPERVISOR, Role.OFFICER)
    )


def _may_review(user) -> bool:
    return user.is_superuser or has_role(user, Role.LEGAL_REVIEWER) or has_role(user, Role.LEADER)


def form_errors(form) -> list[str]:
    """Each error with the Chinese label of its field, so bad input names the field."""
    out = []
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        out += [f"{label}：{e}" if label else str(e) for e in errs]
    return out


def _segments(text: str, spans: list[dict]) -> list[dict]:
    """The text cut at span boundaries, so the template highlights masked stretches with their reason."""
    out, pos = [], 0
    for sp in sorted(spans, key=lambda s: s["start"]):
        if sp["start"] > pos:
            out.append({"text": text[pos : sp["start"]]})
        out.append({"text": text[sp["start"] : sp["end"]], "kind": sp["kind"], "reason": sp["reason"]})
        pos = sp["end"]
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


PUBLICATION_EXPORT_HEADERS = [
    "决定书文号",
    "执法机关",
    "类别",
    "当事人",
    "违法行为",
    "处罚内容",
    "决定日期",
    "状态",
    "公开日期",
    "撤回日期",
]


@login_required
def publication_list(request):
    """Publication records in scope by 执法机关 (a body and those below it) and state, 50 a page; ``?format=xlsx``
    exports every filtered row (the summary fields only: the original text never leaves the detail page)."""
    from fazhi.core import listing, xlsx_export
    from fazhi.org.selectors import visible_bodies

    if not _may_view(request.user):
        raise PermissionDenied("无权查看执法决定公开。")
    state = request.GET.get("state", "")
    if state not in PublicationState.values:
        state = ""
    body_filter = listing.BodyFilter(
        visible_bodies(request.user), request.GET.get("body"), count_by_body=selectors.publication_counts_in_bodies
    )
    publications = body_filter.apply(selectors.staff_list(request.user, state=state)).defer(
        "original_text", "redacted_text"
    )
    if xlsx_export.wants_xlsx(request):
        rows = (
            [
                p.decision_number,
                p.body.name,
                p.get_kind_display(),
                p.party_display,
                p.violation_type,
                p.penalty,
                p.decided_on,
                p.get_state_display(),
                p.published_on,
                p.withdrawn_on,
            ]
            for p in publications[: listing.EXPORT_LIMIT]
        )
        return xlsx_export.download("执法决定公开.xlsx", "执法决定公开", PUBLICATION_EXPORT_HEADERS, rows)
    total = None if state else body_filter.holding_total  # a state filter counts its own rows
    page = listing.page_of(request, listing.PerBodyPages(publications, body_filter.holding_ids, total=total))
    return render(
        request,
        "publicity/list.html",
        {
            "page": page,
            "publications": page.object_list,
            "states": PublicationState.choices,
            "state": state,
            "body_filter": body_filter,
        },
    )


def _detail_context(request, pub, **extra):
    return {
        "pub": pub,
        "original": _segments(pub.original_text, pub.spans),
        "redacted": _segments(pub.redacted_text, pub.spans),
        "suspects": services.open_suspects(pub),
        "may_review": _may_review(request.user),
        "today": clock.today(),
        "mask_form": forms.MaskForm(),
        "withdraw_form": forms.WithdrawForm(initial={"on": clock.today()}),
        "revocation_form": forms.RevocationForm(initial={"on": clock.today()}),
        **extra,
    }


@login_required
def publication_detail(request, pk):
    pub = selectors.publication_detail(request.user, pk)
    if not _may_view(request.user):
        raise PermissionDenied("无权查看执法决定公开。")
    return render(request, "publicity/detail.html", _detail_context(request, pub))


def _act(request, pk, form_class, action):
    pub = selectors.publication_detail(request.user, pk)
    if not _may_review(request.user):
        raise PermissionDenied("只有法制审核人员或负责人可以办理。")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(pub, form.cleaned_data)
        except DomainError as exc:
            field = getattr(exc, "field", None)
            form.add_error(field if field in form.fields else None, str(exc))
        else:
            messages.success(request, "已办理。")
            return redirect("publicity:detail", pk=pub.pk)
    pub.refresh_from_db()
    return render(request, "publicity/detail.html", _detail_context(request, pub, errors=form_errors(form)), status=400)


@login_required
@require_POST
def mask(request, pk):
    return _act(
        request,
        pk,
        forms.MaskForm,
        lambda pub, d: services.mask_more(actor=request.user, publication=pub, text=d["text"], reason=d["reason"]),
    )


@login_required
@require_POST
def clear(request, pk):
    return _act(
        request,
        pk,
        forms.MaskForm,
        lambda pub, d: services.clear_suspect(actor=request.user, publication=pub, text=d["text"]),
    )


@login_required
@require_POST
def approve(request, pk):
    """Two posts: the first shows the record exactly as the portal will show it (summary and text, masks applied) with
    a 确认公开 button; only the confirmed second post publishes. A record that may not be published is refused at
    the first post already, with the reason."""
    pub = selectors.publication_detail(request.user, pk)
    if not _may_review(request.user):
        raise PermissionDenied("只有法制审核人员或负责人可以办理。")
    form = forms.ApproveForm(request.POST)
    if form.is_valid() and not form.cleaned_data["confirm"]:
        try:
            services.check_approvable(actor=request.user, publication=pub, on=form.cleaned_data["on"])
        except DomainError as exc:
            field = getattr(exc, "field", None)
            form.add_error(field if field in form.fields else None, str(exc))
        else:
            return render(request, "publicity/confirm.html", {"pub": pub, "on": form.cleaned_data["on"]})
        return render(
            request, "publicity/detail.html", _detail_context(request, pub, errors=form_errors(form)), status=400
        )
    return _act(
        request, pk, forms.ApproveForm, lambda pub, d: services.approve(actor=request.user, publication=pub, on=d["on"])
    )


@login_required
@require_POST
def flags(request, pk):
    return _act(
        request,
        pk,
        forms.FlagsForm,
        lambda pub, d: services.set_flags(
            actor=request.user, publication=pub, minor=d["minor"], privacy_centred=d["privacy_centred"]
        ),
    )


@login_required
@require_POST
def revocation(request, pk):
    return _act(
        request,
        pk,
        forms.RevocationForm,
        lambda pub, d: services.record_revocation(actor=request.user, publication=pub, on=d["on"], cause=d["cause"]),
    )


@login_required
@require_POST
def withdraw(request, pk):
    return _act(
        request,
        pk,
        forms.WithdrawForm,
        lambda pub, d: services.withdraw(actor=request.user, publication=pub, on=d["on"], reason=d["reason"]),
    )


@login_required
def supervision(request):
    """Per town in scope (every one, with zeros): published on time, late, not yet published and overdue
    (应公示未公示), the on-time rate as a chart with its table and .xlsx; each overdue item linked."""
    from fazhi.core import charts as core_charts
    from fazhi.publicity import charts

    if not (
        request.user.is_superuser or has_role(request.user, Role.SUPERVISOR) or has_role(request.user, Role.LEADER)
    ):
        raise PermissionDenied("只有监督人员或负责人可以查看公示监督。")
    today = clock.today()
    rows = charts.on_time_rows(
        selectors.supervision_rows(request.user, today=today), charts.towns_in_scope(request.user)
    )
    figure = charts.on_time_figure(rows)
    if (chosen := core_charts.chosen(request, [figure])) is not None:
        return chosen.xlsx_response(f"执法决定按期公开率-{today:%Y%m%d}.xlsx")
    return render(
        request,
        "publicity/supervision.html",
        {
            "rows": rows,
            "figure": figure,
            "overdue": selectors.overdue_items(request.user, today=today),
            "unopened": selectors.decided_without_record(request.user, limit=200),
            "today": today,
        },
    )


def _statistics_bodies(user):
    from fazhi.org.models import BodyKind
    from fazhi.org.selectors import visible_bodies

    return list(visible_bodies(user).filter(kind__in=[BodyKind.TOWN, BodyKind.DISTRICT]).order_by("path"))


@login_required
def statistics_page(request):
    """行政执法统计年报: figures per body for a year, .xlsx export, and publication to the portal."""
    from fazhi.publicity import statistics
    from fazhi.publicity.models import StatisticsReport

    if not (request.user.is_superuser or any(has_role(request.user, r) for r in (Role.LEADER, Role.SUPERVISOR))):
        raise PermissionDenied("只有负责人或监督人员可以查看统计年报。")
    from fazhi.core import charts as core_charts
    from fazhi.publicity import charts

    today = clock.today()
    errors = []
    # Open on the newest year with decisions in scope, not on an empty current year.
    default_year = charts.latest_year_with_data(request.user, default=today.year - 1)
    try:
        year = int(request.GET.get("year") or default_year)
        if not 2000 <= year <= today.year:
            raise ValueError
    except ValueError:
        errors.append(f"年度：请填写 2000 至 {today.year} 之间的年份。")
        year = default_year
    bodies = _statistics_bodies(request.user)
    figures = statistics.compute(bodies, year)
    rows = [(b.name, figures[b.pk]) for b in bodies]
    towns = [b for b in bodies if b.kind == "town"]
    chart_figures = [charts.per_town_figure(rows, towns), charts.per_month_figure(request.user, year, towns)]
    if not errors and (chosen := core_charts.chosen(request, chart_figures)) is not None:
        return chosen.xlsx_response(f"{chosen.title}-{year}.xlsx")
    if request.GET.get("format") == "xlsx" and not errors:
        from django.http import HttpResponse

        response = HttpResponse(
            statistics.xlsx(rows, year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f"attachment; filename=enforcement-statistics-{year}.xlsx"
        return response
    if request.method == "POST":
        if not (request.user.is_superuser or has_role(request.user, Role.LEADER)):
            raise PermissionDenied("只有负责人可以公开统计年报。")
        body = next((b for b in bodies if str(b.pk) == request.POST.get("body")), None)
        if body is None:
            from django.http import Http404

            raise Http404("机构不存在")
        try:
            services.publish_statistics(actor=request.user, body=body, year=year)
        except DomainError as exc:
            errors.append(str(exc))
        else:
            messages.success(request, f"{body.name}{year}年度统计年报已公开。")
            return redirect(f"{request.path}?year={year}")
    published = set(StatisticsReport.objects.filter(year=year, body__in=bodies).values_list("body_id", flat=True))
    table = [(label, [f[key] for _, f in rows]) for key, label in statistics.ROWS]
    return render(
        request,
        "publicity/statistics.html",
        {
            "year": year,
            "bodies": bodies,
            "table": table,
            "figures": chart_figures,
            "published": published,
            "errors": errors,
            "may_publish": request.user.is_superuser or has_role(request.user, Role.LEADER),
        },
        status=400 if errors else 200,
    )
