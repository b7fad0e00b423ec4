"""JSON API for information disclosure: the requests in the caller's scope with their answer deadline, the computed
annual report tables, and every declared step (steps.py) — one operation per step, with the same inputs as the
browser (the schema comes from the step's Django form, and the same form parses the values).

- ``POST /requests`` registers a request; ``POST /requests/{id}/{step}`` takes one request step;
- ``POST /catalogue``, ``/guide``, ``/reports``, ``/remedies`` create a record; ``POST /catalogue/{id}/{step}``,
  ``/reports/{id}/{step}``, ``/remedies/{id}/{step}`` take a step on it.

A refusal answers 400 with the Chinese message (naming the article), the field it concerns and every field error;
a record outside one's scope is 404; a user without the role is 403.
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
from fazhi.core.validation import Id, SearchText
from fazhi.disclosure import reports, selectors
from fazhi.disclosure.models import Guide
from fazhi.disclosure.permissions import HANDLERS, VIEWERS
from fazhi.disclosure.steps import CATALOGUE_STEPS, CREATE_STEPS, REMEDY_STEPS, REPORT_STEPS, REQUEST_STEPS

router = Router(tags=["政府信息公开"])


class RequestOut(Schema):
    id: int
    number: str
    channel: str
    applicant_type: str
    status: str
    status_label: str
    submitted_on: date
    received_on: date | None
    due_date: date | None
    deadline_state: str | None
    extension_days: int
    outcome: str
    closed_on: date | None


class CatalogueOut(Schema):
    id: int
    index_number: str
    title: str
    category: str
    generated_on: date
    state: str
    published_on: date | None
    repealed_on: date | None
    due_date: date | None
    deadline_state: str | None


class ReportOut(Schema):
    id: int
    year: int
    format_year: int
    state: str
    published_on: date | None
    due_date: date | None
    deadline_state: str | None


class RemedyOut(Schema):
    id: int
    kind: str
    filed_on: date
    result: str
    concluded_on: date | None
    request_id: int | None


class GuideOut(Schema):
    id: int
    office_name: str
    address: str
    office_hours: str
    phone: str
    fax: str
    internet_contact: str
    postcode: str
    classification: str
    how_to_obtain: str
    updated_on: date


def _require(request, roles=VIEWERS, what: str = "查看政府信息公开事项"):
    try:
        require(request.user, *roles, what=what)
    except NotPermitted as error:
        raise HttpError(403, error.message) from None


def _handler(request):
    _require(request, HANDLERS, "办理政府信息公开事项")


def request_out(r) -> dict:
    deadline = getattr(r, "answer_deadline", None)
    return {
        "id": r.pk,
        "number": r.number,
        "channel": r.channel,
        "applicant_type": r.applicant_type,
        "status": r.status,
        "status_label": r.get_status_display(),
        "submitted_on": r.submitted_on,
        "received_on": r.received_on,
        "due_date": deadline.due_date if deadline else None,
        "deadline_state": deadline.derived if deadline else None,
        "extension_days": r.extension_days,
        "outcome": r.outcome,
        "closed_on": r.closed_on,
    }


def catalogue_out(e) -> dict:
    deadline = getattr(e, "deadline", None)
    return {
        "id": e.pk,
        "index_number": e.index_number,
        "title": e.title,
        "category": e.category,
        "generated_on": e.generated_on,
        "state": e.state,
        "published_on": e.published_on,
        "repealed_on": e.repealed_on,
        "due_date": deadline.due_date if deadline else None,
        "deadline_state": deadline.derived if deadline else None,
    }


def report_out(r) -> dict:
    """A report with its publication deadline (第四十九条): due date and derived state (``missed``: published late)."""
    deadline = getattr(r, "deadline", None)
    return {
        "id": r.pk,
        "year": r.year,
        "format_year": r.format_year,
        "state": r.state,
        "published_on": r.published_on,
        "due_date": deadline.due_date if deadline else None,
        "deadline_state": deadline.derived if deadline else None,
    }


def remedy_out(r) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "filed_on": r.filed_on,
        "result": r.result,
        "concluded_on": r.concluded_on,
        "request_id": r.request_id,
    }


def guide_out(g) -> dict:
    return {name: getattr(g, name) for name in GuideOut.model_fields if name != "id"} | {"id": g.pk}


# --- reads ----------------------------------------------------------------------------------------------------------


@router.get("/requests", response=list[RequestOut])
def list_requests(request, status: SearchText = ""):
    """Requests in scope (newest first, at most 500); ``deadline_state`` is derived: paused is never overdue."""
    _require(request)
    return [request_out(r) for r in selectors.request_list(request.user, status=status)]


@router.get("/reports/{report_id}")
def report_tables(request, report_id: Id):
    """The report's tables computed now from the records (or, once published, as frozen)."""
    _require(request)
    report = selectors.report_detail(request.user, report_id)
    if report.state == "published":
        return report.snapshot
    return reports.build_report(report).as_json()


# --- steps on one record --------------------------------------------------------------------------------------------


def _loader(select):
    def load(request, pk):
        _handler(request)
        return select(request.user, pk)

    return load


add_step_routes(
    router,
    REQUEST_STEPS,
    path="/requests/{obj_id}",
    prefix="DisclosureRequest",
    load=_loader(selectors.request_with_deadline),
    out=request_out,
    out_schema=RequestOut,
)
add_step_routes(
    router,
    CATALOGUE_STEPS,
    path="/catalogue/{obj_id}",
    prefix="DisclosureCatalogue",
    load=_loader(selectors.catalogue_entry_with_deadline),
    out=catalogue_out,
    out_schema=CatalogueOut,
)
add_step_routes(
    router,
    REPORT_STEPS,
    path="/reports/{obj_id}",
    prefix="DisclosureReport",
    load=_loader(selectors.report_with_deadline),
    out=report_out,
    out_schema=ReportOut,
)
add_step_routes(
    router,
    REMEDY_STEPS,
    path="/remedies/{obj_id}",
    prefix="DisclosureRemedy",
    load=_loader(selectors.remedy_detail),
    out=remedy_out,
    out_schema=RemedyOut,
)


# --- steps that create a record -------------------------------------------------------------------------------------

# step name → (path, response schema, the created record as the response body)
CREATE_ROUTES = {
    "register": ("/requests", RequestOut, lambda user, r: request_out(selectors.request_with_deadline(user, r.pk))),
    "add_catalogue_entry": (
        "/catalogue",
        CatalogueOut,
        lambda user, e: catalogue_out(selectors.catalogue_entry_with_deadline(user, e.pk)),
    ),
    "save_guide": ("/guide", GuideOut, lambda user, g: guide_out(Guide.objects.get(pk=g.pk))),
    "create_report": ("/reports", ReportOut, lambda user, r: report_out(selectors.report_with_deadline(user, r.pk))),
    "record_remedy": ("/remedies", RemedyOut, lambda user, r: remedy_out(r)),
}


def _add_create_route(name: str) -> None:
    spec = CREATE_STEPS.get(name)
    path, out_schema, out = CREATE_ROUTES[name]
    schema = step_schema("Disclosure", spec)

    def operation(request, body):
        _handler(request)
        result = CREATE_STEPS.perform(name, actor=request.user, obj=None, data=form_data(body.model_dump()))
        if not result.ok:
            return HttpStatus(400, {"detail": result.error, "field": result.field or None, "errors": result.errors()})
        return HttpStatus(200, out(request.user, result.result))

    operation.__signature__ = inspect.Signature(
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=schema),
        ]
    )
    operation.__name__ = f"disclosure_{name}"
    operation.__doc__ = (
        f"{spec.label}（{spec.citation}）。办理人：政务公开专员。被拒绝时返回 400 和中文理由（含法条）。"
    )
    router.post(
        path,
        response={200: out_schema, 400: StepErrorOut, 403: StepErrorOut},
        operation_id=f"disclosure_{name}",
        summary=spec.label,
    )(operation)


for _name in CREATE_ROUTES:
    _add_create_route(_name)
