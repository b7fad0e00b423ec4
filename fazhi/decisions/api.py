"""JSON API for major administrative decisions: the decisions in the caller's scope, one decision with who said what,
and every declared step (``POST /decisions/{id}/{step}``, ``POST /catalogues/{id}/{step}``) with the page's inputs.
A refusal answers 400 with the Chinese message naming the article; another town's record is 404."""

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.core.access import require
from fazhi.core.errors import NotPermitted
from fazhi.core.step_api import add_step_routes
from fazhi.core.validation import Id
from fazhi.decisions import selectors
from fazhi.decisions.steps import CATALOGUE_STEPS, DECISION_STEPS
from fazhi.decisions.views import STAFF

router = Router(tags=["重大行政决策"])


class SaidOut(Schema):
    meeting: int
    name: str
    post: str
    position: str
    text: str
    is_head: bool
    exempt: bool


class DecisionOut(Schema):
    id: int
    title: str
    lead_unit: str
    status: str
    status_label: str
    started_on: date
    comment_published_on: date | None
    comment_ends_on: date | None
    review_submitted_on: date | None
    deliberated_on: date | None
    party_record: str
    published_on: date | None
    said: list[SaidOut] = []


class DecisionCatalogueOut(Schema):
    id: int
    year: int
    status: str
    party_record: str
    approved_on: date | None
    published_on: date | None
    items: list[str]


def _require(request):
    try:
        require(request.user, *STAFF, what="查看重大行政决策")
    except NotPermitted as error:
        raise HttpError(403, error.message) from None


def decision_out(d, *, said: bool = False) -> dict:
    return {
        "id": d.pk, "title": d.title, "lead_unit": d.lead_unit, "status": d.status,
        "status_label": d.get_status_display(), "started_on": d.started_on,
        "comment_published_on": d.comment_published_on, "comment_ends_on": d.comment_ends_on,
        "review_submitted_on": d.review_submitted_on, "deliberated_on": d.deliberated_on,
        "party_record": d.party_record, "published_on": d.published_on,
        "said": [
            {"meeting": s.meeting, "name": s.name, "post": s.post, "position": s.position, "text": s.text,
             "is_head": s.is_head, "exempt": s.exempt}
            for s in (selectors.liability(d) if said else [])
        ],
    }  # fmt: skip


def catalogue_out(c) -> dict:
    return {
        "id": c.pk, "year": c.year, "status": c.status, "party_record": c.party_record, "approved_on": c.approved_on,
        "published_on": c.published_on, "items": [i.title for i in c.items.all()],
    }  # fmt: skip


@router.get("/decisions", response=list[DecisionOut])
def list_decisions(request):
    """The decisions in the caller's scope, newest first."""
    _require(request)
    return [decision_out(d) for d in selectors.decisions_visible_to(request.user).order_by("-started_on", "-id")[:500]]


@router.get("/decisions/{decision_id}", response=DecisionOut)
def get_decision(request, decision_id: Id):
    """One decision with every view recorded at the collective discussion (第三十条第三款)."""
    _require(request)
    return decision_out(selectors.decision_detail(request.user, decision_id), said=True)


def _load(select):
    def load(request, pk):
        _require(request)
        return select(request.user, pk)

    return load


add_step_routes(router, DECISION_STEPS, path="/decisions/{obj_id}", prefix="Decision",
                load=_load(selectors.decision_detail), out=decision_out, out_schema=DecisionOut)  # fmt: skip
add_step_routes(router, CATALOGUE_STEPS, path="/catalogues/{obj_id}", prefix="DecisionCatalogue",
                load=_load(selectors.catalogue_detail), out=catalogue_out, out_schema=DecisionCatalogueOut)  # fmt: skip
