"""Pages: the official calendar, the period calculator, the deadline list and detail, and the rule sheet."""

import calendar as stdlib_calendar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.clock import selectors
from fazhi.clock.forms import DueForm, SettingForm
from fazhi.core import clock, listing, services, xlsx_export
from fazhi.core.access import Role, has_role
from fazhi.core.errors import CalendarNotCovered, DomainError
from fazhi.core.models import DayKind, DeadlineState
from fazhi.core.periods import WEEKDAYS, compute_due
from fazhi.core.rules import STATUS_LABELS, VERIFIED, AmountRule, AnnualDateRule, PeriodRule, all_rules
from fazhi.core.selectors import DERIVED_LABELS, calendar_year_days, covered_years
from fazhi.org.selectors import scope_root, visible_bodies

MONTH_NAMES = [f"{m}月" for m in range(1, 13)]


def _year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if 1990 <= year <= 2100 else default


@login_required
def calendar_year(request):
    """Month grids of one year: days off and 调休 working days highlighted, with the notices they come from."""
    today = clock.today()
    years = covered_years()
    year = _year_param(request, today.year)
    covered = next((y for y in years if y.year == year), None)
    days = calendar_year_days(year)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                info = days.get(day) if day.month == month else None
                if day.month != month:
                    css, title = "text-body-tertiary", ""
                elif info is not None and info.kind == DayKind.OFF:
                    css, title = "table-danger fw-bold cal-off", f"{info.name}放假"
                elif info is not None:
                    css, title = "table-primary fw-bold cal-work", f"{info.name}调休上班"
                elif day.weekday() >= 5:
                    css, title = "text-secondary cal-weekend", "周末"
                else:
                    css, title = "", ""
                cells.append({"day": day, "in_month": day.month == month, "css": css, "title": title})
            weeks.append(cells)
        months.append({"name": MONTH_NAMES[month - 1], "weeks": weeks})
    notices = sorted({(d.notice) for d in days.values()})
    context = {
        "year": year,
        "covered": covered,
        "years": years,
        "months": months,
        "weekdays": [w[-1] for w in WEEKDAYS],
        "exceptions": sorted(days.values(), key=lambda d: d.date),
        "notices": notices,
        "prev_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "clock/calendar.html", context)


@login_required
def due_calculator(request):
    """The 期限计算 form: a GET form (it changes nothing), so a result can be bookmarked and shared."""
    result, error = None, None
    if "start" in request.GET or "period" in request.GET:
        form = DueForm(request.GET)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = compute_due(
                    data["start"],
                    data["period"],
                    pauses=data["pauses"],
                    restart=data["restart"],
                    rollover=not data["no_rollover"],
                    estimate=data["estimate"],
                )
            except CalendarNotCovered as exc:
                form.add_error("start", f"{exc.message}")
            except DomainError as exc:
                error = exc.message
        form.label_errors()
    else:
        form = DueForm(initial={"start": clock.today().isoformat(), "period": "20wd"})
    return render(request, "clock/due.html", {"form": form, "result": result, "error": error})


STATE_FILTERS = [
    ("", "全部"),
    ("open", "进行中"),
    ("due_soon", "即将到期"),
    ("overdue", "已超期"),
    ("paused", "已中止"),
    ("met", "按期完成"),
    ("missed", "逾期"),
]


DEADLINE_EXPORT_HEADERS = ["届满日", "估算", "事项", "期限", "依据", "起算日", "执法机关", "状态", "完成日"]


@login_required
def deadline_list(request):
    """期限台账: deadlines in scope by 执法机关 (a body and those below it) and state, 50 a page, ``?format=xlsx``
    for every filtered row."""
    state = request.GET.get("state", "")
    if state not in dict(STATE_FILTERS):
        state = ""
    body_filter = listing.BodyFilter(
        visible_bodies(request.user), request.GET.get("body"), count_by_body=selectors.deadline_counts_in_bodies
    )
    deadlines = body_filter.apply(selectors.deadlines_for(request.user, state=state))
    if xlsx_export.wants_xlsx(request):
        rows = (
            [
                d.due_date,
                d.is_estimate,
                d.subject_label,
                d.rule_name,
                d.rule_citation,
                d.start_date,
                d.body.name,
                DERIVED_LABELS.get(d.derived, d.derived),
                d.closed_on,
            ]
            for d in deadlines[: listing.EXPORT_LIMIT]
        )
        return xlsx_export.download("期限台账.xlsx", "期限台账", DEADLINE_EXPORT_HEADERS, rows)
    total = None if state else body_filter.holding_total  # a state filter counts its own rows
    page = listing.page_of(request, listing.PerBodyPages(deadlines, body_filter.holding_ids, total=total))
    return render(
        request,
        "clock/deadline_list.html",
        {
            "page": page,
            "deadlines": selectors.deadline_list_rows(page.object_list, DERIVED_LABELS),
            "state": state,
            "filters": STATE_FILTERS,
            "body_filter": body_filter,
        },
    )


@login_required
def deadline_detail(request, deadline_id: int):
    deadline = selectors.deadline_detail(request.user, deadline_id)
    return render(
        request,
        "clock/deadline_detail.html",
        {
            "deadline": deadline,
            "labels": DERIVED_LABELS,
            "closed": deadline.state in (DeadlineState.MET, DeadlineState.MISSED),
        },
    )


def _rule_rows(body_id):
    rows = []
    for rule in all_rules():
        if isinstance(rule, PeriodRule):
            value = f"{rule.period(body_id).label}{'（向前倒数）' if rule.before else ''}"
            default = rule.period(body_id).count
        elif isinstance(rule, AmountRule):
            value = f"{rule.amount(body_id)} {rule.unit}"
            default = rule.amount(body_id)
        elif isinstance(rule, AnnualDateRule):
            value = f"{rule.period(body_id)}前"
            month, day = rule.month_day(body_id)
            default = month * 100 + day  # the settings form takes numbers: 131 is 1月31日
        else:  # a DateRule: the day is set case by case, within the law
            value = "个案依法确定的日期"
            default = ""
        rows.append(
            {
                "rule": rule,
                "value": value,
                "default": default,
                "status": STATUS_LABELS[rule.status],
                "verified": rule.status == VERIFIED,
            }
        )
    return rows


@login_required
@require_http_methods(["GET"])
def rule_list(request):
    """Every registered period and amount with its citation, in-force dates and (where overridable) current value."""
    root = scope_root(request.user)
    return render(
        request,
        "clock/rule_list.html",
        {
            "rows": _rule_rows(root.pk if root else None),
            "can_change": has_role(request.user, Role.ADMIN),
            "scope": root,
            "setting_form": None,
        },
    )


@login_required
@require_POST
def setting_change(request):
    """Override an UNVERIFIED/SECONDARY/regional number for the admin's own town (or platform-wide for a superuser)."""
    if not has_role(request.user, Role.ADMIN):
        raise PermissionDenied("只有系统管理员可以修改设置。")
    keys = {getattr(rule, "setting_key", "") for rule in all_rules()} - {""}
    form = SettingForm(request.POST)
    if form.is_valid() and form.cleaned_data["key"] in keys:
        root = scope_root(request.user)
        try:
            services.change_setting(
                actor=request.user,
                key=form.cleaned_data["key"],
                value=form.cleaned_data["value"],
                body=root,
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已修改设置 {form.cleaned_data['key']}。")
        return redirect(reverse("clock:rules"))
    if form.is_valid():
        form.add_error("key", "没有这个可设置的项目。")
    form.label_errors()
    root = scope_root(request.user)
    context = {"rows": _rule_rows(root.pk if root else None), "can_change": True, "scope": root, "setting_form": form}
    return render(request, "clock/rule_list.html", context, status=400)
