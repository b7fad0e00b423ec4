"""Staff pages for counsel: engagements with the year's figures, one engagement, one opinion, and the "ask counsel"
page every app links to from its record (``/counsel/ask/<type>/<id>/``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.access import Role, has_any_role
from fazhi.core.listing import int_param, page_of
from fazhi.core.step_views import record_step_view
from fazhi.counsel import selectors, services
from fazhi.counsel.steps import CREATE_STEPS, ENGAGEMENT_STEPS, OPINION_STEPS

STAFF = (Role.LEADER, Role.DISCLOSURE_CLERK, Role.OFFICER, Role.ADMIN, Role.LEGAL_REVIEWER, Role.SUPERVISOR,
         Role.MEDIATOR)  # fmt: skip


def _viewer(request):
    if not has_any_role(request.user, *STAFF) and not request.user.is_superuser:
        raise PermissionDenied("只有工作人员可以查看法律顾问工作。")


def _index_page(request, *, failed=None, failed_name: str = "", status: int = 200):
    year = int_param(request.GET.get("year"), minimum=2000, maximum=2100) or clock.today().year
    engagements = list(selectors.engagements_visible_to(request.user).order_by("-term_start", "id"))
    stats = selectors.engagement_year_stats([e.pk for e in engagements], year)
    for e in engagements:
        e.stats = stats[e.pk]
    offers = [o for o in CREATE_STEPS.offer(None, request.user, failed=failed, failed_name=failed_name)
              if o.spec.name == "engage"]  # fmt: skip
    return render(
        request,
        "counsel/index.html",
        {
            "engagements": engagements,
            "year": year,
            "page": page_of(request, selectors.opinions_visible_to(request.user).order_by("-asked_on", "-id")),
            "offers": offers,
        },
        status=status,
    )


@login_required
def index(request):
    _viewer(request)
    if request.method == "POST":
        outcome = CREATE_STEPS.perform("engage", actor=request.user, obj=None, data=request.POST)
        if not outcome.ok:
            return _index_page(request, failed=outcome, failed_name="engage", status=400)
        messages.success(request, "已登记法律顾问聘用。")
        return redirect(reverse("counsel:engagement", args=[outcome.result.pk]))
    return _index_page(request)


def _engagement_page(request, engagement, *, failed=None, failed_name=""):
    return render(
        request,
        "counsel/engagement.html",
        {
            "engagement": engagement,
            "opinions": list(engagement.opinions.order_by("-asked_on", "-id")),
            "evaluations": selectors.evaluations_of(engagement),
            "offers": ENGAGEMENT_STEPS.offer(engagement, request.user, failed=failed, failed_name=failed_name),
        },
    )


@login_required
def engagement(request, pk):
    _viewer(request)
    return _engagement_page(request, selectors.engagement_detail(request.user, pk))


@record_step_view(ENGAGEMENT_STEPS, load=selectors.engagement_detail, page=_engagement_page, url="counsel:engagement")
def engagement_step(request, pk, action):
    """A step on an engagement's page."""
    _viewer(request)


def _opinion_page(request, opinion, *, failed=None, failed_name=""):
    return render(
        request,
        "counsel/opinion.html",
        {
            "opinion": opinion,
            "subject_url": _subject_url(request.user, opinion.subject_type, opinion.subject_id),
            "offers": OPINION_STEPS.offer(opinion, request.user, failed=failed, failed_name=failed_name),
        },
    )


def _subject_url(user, subject_type, subject_id) -> str:
    try:
        return services.resolve_subject(user, subject_type, subject_id).url
    except Exception:  # noqa: BLE001 — an unknown or unreachable subject: no link
        return ""


@login_required
def opinion(request, pk):
    _viewer(request)
    return _opinion_page(request, selectors.opinion_detail(request.user, pk))


@record_step_view(OPINION_STEPS, load=selectors.opinion_detail, page=_opinion_page, url="counsel:opinion")
def opinion_step(request, pk, action):
    """A step on an opinion's page."""
    _viewer(request)


@login_required
def ask(request, subject_type, subject_id):
    """征求法律顾问意见 on a record of another app (the record's page links here)."""
    _viewer(request)
    subject = services.resolve_subject(request.user, subject_type, subject_id)
    if request.method == "POST":
        outcome = CREATE_STEPS.perform("ask", actor=request.user, obj=subject, data=request.POST)
        if outcome.ok:
            messages.success(request, "已征求法律顾问意见。")
            return redirect(subject.url or reverse("counsel:opinion", args=[outcome.result.pk]))
        offer = [o for o in CREATE_STEPS.offer(subject, request.user, failed=outcome, failed_name="ask")
                 if o.spec.name == "ask"]  # fmt: skip
        return render(request, "counsel/ask.html", {"subject": subject, "offers": offer}, status=400)
    offer = [o for o in CREATE_STEPS.offer(subject, request.user) if o.spec.name == "ask"]
    return render(request, "counsel/ask.html", {"subject": subject, "offers": offer})
