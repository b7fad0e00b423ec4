"""Staff pages for major administrative decisions: the catalogues and decisions in scope, one decision with its
declared steps, counsel's opinions, the review rounds and who said what; every POST goes through core.step_views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import deadlines
from fazhi.core.access import Role, has_any_role
from fazhi.core.listing import page_of
from fazhi.core.step_views import record_step_view
from fazhi.counsel import selectors as counsel
from fazhi.decisions import selectors
from fazhi.decisions.models import Status
from fazhi.decisions.steps import CATALOGUE_STEPS, CREATE_STEPS, DECISION_STEPS
from fazhi.review.selectors import rounds_for

STAFF = (Role.LEADER, Role.DISCLOSURE_CLERK, Role.OFFICER, Role.ADMIN, Role.LEGAL_REVIEWER, Role.SUPERVISOR)


def _viewer(request):
    if not has_any_role(request.user, *STAFF) and not request.user.is_superuser:
        raise PermissionDenied("只有本机关工作人员可以查看重大行政决策。")


def _index_page(request, *, failed=None, failed_name: str = "", status: int = 200):
    offers = CREATE_STEPS.offer(None, request.user, failed=failed, failed_name=failed_name)
    decisions = selectors.decisions_visible_to(request.user).order_by("-started_on", "-id")
    state = request.GET.get("status", "")
    if state in Status.values:
        decisions = decisions.filter(status=state)
    return render(
        request,
        "decisions/index.html",
        {
            "catalogues": selectors.catalogues_visible_to(request.user).order_by("-year"),
            "page": page_of(request, decisions),
            "offers": offers,
            "statuses": Status.choices,
            "state": state,
        },
        status=status,
    )


@login_required
def index(request):
    _viewer(request)
    return _index_page(request)


@login_required
@require_POST
def create(request, action):
    _viewer(request)
    outcome = CREATE_STEPS.perform(action, actor=request.user, obj=None, data=request.POST)
    if not outcome.ok:
        return _index_page(request, failed=outcome, failed_name=action, status=400)
    messages.success(request, f"“{CREATE_STEPS.get(action).label}”已完成。")
    target = outcome.result
    name = "decisions:catalogue" if action == "catalogue" else "decisions:decision"
    return redirect(reverse(name, args=[target.pk]))


def _catalogue_page(request, catalogue, *, failed=None, failed_name: str = ""):
    return render(
        request,
        "decisions/catalogue.html",
        {
            "catalogue": catalogue,
            "items": list(catalogue.items.all()),
            "offers": CATALOGUE_STEPS.offer(catalogue, request.user, failed=failed, failed_name=failed_name),
        },
    )


@login_required
def catalogue(request, pk):
    _viewer(request)
    return _catalogue_page(request, selectors.catalogue_detail(request.user, pk))


@record_step_view(CATALOGUE_STEPS, load=selectors.catalogue_detail, page=_catalogue_page, url="decisions:catalogue")
def catalogue_step(request, pk, action):
    """A step on a catalogue's page."""
    _viewer(request)


def _decision_page(request, decision, *, failed=None, failed_name: str = ""):
    subject = ("decisions.decision", decision.pk)
    return render(
        request,
        "decisions/decision.html",
        {
            "decision": decision,
            "offers": DECISION_STEPS.offer(decision, request.user, failed=failed, failed_name=failed_name),
            "opinions": counsel.opinions_for(subject),
            "rounds": rounds_for(*subject),
            "said": selectors.liability(decision),
            "deadlines": list(deadlines.of_subject(decision).order_by("due_date", "id")),
            "ask_url": reverse("counsel:ask", args=["decisions.decision", decision.pk]),
        },
    )


@login_required
def decision(request, pk):
    _viewer(request)
    return _decision_page(request, selectors.decision_detail(request.user, pk))


@record_step_view(DECISION_STEPS, load=selectors.decision_detail, page=_decision_page, url="decisions:decision")
def decision_step(request, pk, action):
    """A step on a decision's page."""
    _viewer(request)


@login_required
def liability(request, pk):
    """Who said what at the collective discussion; recorded dissent exempts its holder (第三十八条第三款)."""
    _viewer(request)
    decision = selectors.decision_detail(request.user, pk)
    said = selectors.liability(decision)
    if not said:
        raise Http404("该决策尚未集体讨论")
    return render(request, "decisions/liability.html", {"decision": decision, "said": said})
