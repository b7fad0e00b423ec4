"""JSON API for counsel: engagements with a year's figures, opinions in the caller's scope, and the declared steps
(``POST /opinions/{id}/answer``, ``/adoption``; ``POST /engagements/{id}/evaluate``, ``/end``)."""

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.core.access import require
from fazhi.core.errors import NotPermitted
from fazhi.core.step_api import add_step_routes
from fazhi.core.validation import Year
from fazhi.counsel import selectors
from fazhi.counsel.steps import ENGAGEMENT_STEPS, OPINION_STEPS
from fazhi.counsel.views import STAFF

router = Router(tags=["法律顾问"])


class EngagementOut(Schema):
    id: int
    adviser: str
    kind: str
    lawyers: list[str]
    term_start: date
    term_end: date
    status: str
    year: int | None = None
    asked: int = 0
    answered: int = 0
    on_time: int = 0
    adopted: int = 0
    not_adopted: int = 0


class OpinionOut(Schema):
    id: int
    engagement_id: int
    subject_type: str
    subject_id: str
    subject_label: str
    asked_on: date
    due_on: date
    status: str
    answered_on: date | None
    finding: str
    on_time: bool | None


def _require(request):
    try:
        require(request.user, *STAFF, what="查看法律顾问工作")
    except NotPermitted as error:
        raise HttpError(403, error.message) from None


def engagement_out(e, stats=None, year=None) -> dict:
    return {
        "id": e.pk, "adviser": e.adviser, "kind": e.kind, "lawyers": e.lawyers, "term_start": e.term_start,
        "term_end": e.term_end, "status": e.status, "year": year, **(stats or {}),
    }  # fmt: skip


def opinion_out(o) -> dict:
    return {
        "id": o.pk, "engagement_id": o.engagement_id, "subject_type": o.subject_type, "subject_id": o.subject_id,
        "subject_label": o.subject_label, "asked_on": o.asked_on, "due_on": o.due_on, "status": o.status,
        "answered_on": o.answered_on, "finding": o.finding, "on_time": o.on_time,
    }  # fmt: skip


@router.get("/engagements", response=list[EngagementOut])
def list_engagements(request, year: Year | None = None):
    """Engagements in scope; with ``year``, the opinions asked that year, answered, on time, adopted, not adopted."""
    _require(request)
    engagements = list(selectors.engagements_visible_to(request.user))
    stats = selectors.engagement_year_stats([e.pk for e in engagements], year) if year else {}
    return [engagement_out(e, stats.get(e.pk), year or None) for e in engagements]


@router.get("/opinions", response=list[OpinionOut])
def list_opinions(request):
    _require(request)
    return [opinion_out(o) for o in selectors.opinions_visible_to(request.user).order_by("-asked_on", "-id")[:500]]


def _load(select):
    def load(request, pk):
        _require(request)
        return select(request.user, pk)

    return load


add_step_routes(router, OPINION_STEPS, path="/opinions/{obj_id}", prefix="CounselOpinion",
                load=_load(selectors.opinion_detail), out=opinion_out, out_schema=OpinionOut)  # fmt: skip
add_step_routes(router, ENGAGEMENT_STEPS, path="/engagements/{obj_id}", prefix="CounselEngagement",
                load=_load(selectors.engagement_detail), out=engagement_out, out_schema=EngagementOut)  # fmt: skip
