"""Legal review pages: the reviewer's queue, one round with the seven-point opinion form, the catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError
from fazhi.org.selectors import town_of
from fazhi.review import catalogue, selectors, services
from fazhi.review.models import CatalogueEntry, Conclusion, ReviewState
from fazhi.review.rules import REVIEW_POINTS


@login_required
def queue(request):
    return render(
        request,
        "review/queue.html",
        {
            "queue": selectors.review_queue(request.user),
            "recent": selectors.recent_reviews(request.user),
            "is_reviewer": has_role(request.user, Role.LEGAL_REVIEWER),
            "shares": selectors.review_staff_shares(request.user),
        },
    )


def _points_from(post) -> dict:
    """Only the points the reviewer answered: none is pre-answered, an unanswered one is named in the refusal."""
    return {
        p.key: (post.get(f"ok_{p.key}") == "1", post.get(f"note_{p.key}", ""))
        for p in REVIEW_POINTS
        if post.get(f"ok_{p.key}") in ("0", "1")
    }


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, request_id: int):
    review = selectors.request_detail(request.user, request_id)
    error = ""
    if request.method == "POST":
        try:
            services.give_opinion(
                actor=request.user,
                request=review,
                points=_points_from(request.POST),
                conclusion=request.POST.get("conclusion", ""),
                opinion=request.POST.get("opinion", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "审核意见已出具。")
            return redirect("review:detail", review.pk)
    handler = services.handler_for(review.subject_type)
    return render(
        request,
        "review/detail.html",
        {
            "review": review,
            "subject_url": handler.url(review.subject_id) if handler.url else "",
            "subject_rows": handler.summary(review.subject_id) if handler.summary else [],
            "due": selectors.review_due(review),
            "rounds": selectors.rounds_for(review.subject_type, review.subject_id),
            "points": REVIEW_POINTS,
            "conclusions": Conclusion.choices,
            "can_review": review.state == ReviewState.PENDING
            and has_role(request.user, Role.LEGAL_REVIEWER)
            and request.user.pk not in review.excluded_reviewer_ids,
            "error": error,
            "post": {**{p.key: request.POST.get(f"ok_{p.key}", "") for p in REVIEW_POINTS}, **request.POST.dict()},
            "notes": {p.key: request.POST.get(f"note_{p.key}", "") for p in REVIEW_POINTS},
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_page(request):
    body = town_of(request.user.body) if request.user.body_id else None
    if body is None:
        raise Http404("没有所属乡镇")
    error = ""
    can_edit = has_role(request.user, Role.LEADER) or has_role(request.user, Role.LEGAL_REVIEWER)
    if request.method == "POST":
        try:
            catalogue.add_entry(
                actor=request.user,
                body=body,
                name=request.POST.get("name", ""),
                penalty_kind=request.POST.get("penalty_kind", ""),
                min_amount=request.POST.get("min_amount") or None,
                field_keyword=request.POST.get("field_keyword", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "目录事项已添加。")
            return redirect("review:catalogue")
    return render(
        request,
        "review/catalogue.html",
        {"entries": catalogue.entries_for(body), "body": body, "error": error, "can_edit": can_edit},
        status=400 if error else 200,
    )


@login_required
@require_POST
def catalogue_retire(request, entry_id: int):
    entry = CatalogueEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        raise Http404("目录事项不存在")
    try:
        catalogue.retire_entry(actor=request.user, entry=entry)
    except DomainError as exc:
        if "管辖范围" in exc.message:
            raise Http404("目录事项不存在") from exc
        messages.error(request, exc.message)
    return redirect("review:catalogue")
