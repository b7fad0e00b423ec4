"""JSON API for mediation: the disputes in the caller's scope (parties' names only for 调解员), the year's figures,
registering a dispute, and every declared step on a dispute (one operation per step, the same inputs as the browser).

A refusal answers 400 with the Chinese message naming the article; a dispute outside one's scope is 404; a user
without the role is 403.
"""

import inspect
from datetime import date

from ninja import Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from fazhi.core.access import require
from fazhi.core.errors import NotPermitted
from fazhi.core.step_api import StepErrorOut, add_step_routes, step_schema
from fazhi.core.step_specs import form_data
from fazhi.core.validation import Year
from fazhi.mediation import selectors
from fazhi.mediation.permissions import HANDLERS, VIEWERS, sees_parties
from fazhi.mediation.steps import CREATE_STEPS, DISPUTE_STEPS

router = Router(tags=["人民调解"])


class DisputeOut(Schema):
    id: int
    number: str
    registered_on: date
    kind: str
    source: str
    community: str
    risk: str
    status: str
    status_label: str
    closed_on: date | None
    parties: list[str] | None = None


def _require(request, roles=VIEWERS, what: str = "查看人民调解事项"):
    try:
        require(request.user, *roles, what=what)
    except NotPermitted as error:
        raise HttpError(403, error.message) from None


def dispute_out(d, *, with_parties: bool = False) -> dict:
    return {
        "id": d.pk,
        "number": d.number,
        "registered_on": d.registered_on,
        "kind": d.kind,
        "source": d.source,
        "community": d.community.name,
        "risk": d.risk,
        "status": d.status,
        "status_label": d.get_status_display(),
        "closed_on": d.closed_on,
        "parties": [f"{p.get_side_display()}：{p.name}" for p in d.parties.all()] if with_parties else None,
    }


@router.get("/disputes", response=list[DisputeOut])
def list_disputes(request, status: str = "", kind: str = ""):
    """Disputes in scope, newest first (at most 500); parties' names only for 调解员."""
    _require(request)
    with_parties = sees_parties(request.user)
    qs = selectors.dispute_list(request.user, status=status, kind=kind, with_parties=with_parties)[:500]
    return [dispute_out(d, with_parties=with_parties) for d in qs]


@router.get("/figures/{year}")
def figures(request, year: Year):
    """The year's figures over the disputes in scope: counts only, no personal data."""
    _require(request)
    return selectors.figures_for(request.user, year)


def _load(request, pk):
    _require(request, HANDLERS, "办理人民调解事项")
    return selectors.dispute_detail(request.user, pk)


add_step_routes(
    router,
    DISPUTE_STEPS,
    path="/disputes/{obj_id}",
    prefix="MediationDispute",
    load=_load,
    out=lambda d: dispute_out(d, with_parties=True),
    out_schema=DisputeOut,
)


def _register(request, body):
    _require(request, HANDLERS, "办理人民调解事项")
    result = CREATE_STEPS.perform("register", actor=request.user, obj=None, data=form_data(body.model_dump()))
    if not result.ok:
        return HttpStatus(400, {"detail": result.error, "field": result.field or None, "errors": result.errors()})
    return HttpStatus(200, dispute_out(selectors.dispute_detail(request.user, result.result.pk), with_parties=True))


_register.__signature__ = inspect.Signature(
    [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(
            "body", inspect.Parameter.KEYWORD_ONLY, annotation=step_schema("Mediation", CREATE_STEPS.get("register"))
        ),
    ]
)
_register.__doc__ = "登记矛盾纠纷（天津市矛盾纠纷多元化解条例第十条、第十二条）。办理人：调解员。"
router.post(
    "/disputes", response={200: DisputeOut, 400: StepErrorOut, 403: StepErrorOut}, operation_id="mediation_register",
    summary="登记矛盾纠纷",
)(_register)  # fmt: skip
