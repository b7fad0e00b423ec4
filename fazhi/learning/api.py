"""The 学法/普法 API: the same declared steps as the pages (core.step_api), scoped like the rest.

- ``GET /sessions``, ``GET /sessions/{id}``; ``POST /sessions`` (the 登记学法活动 step);
- ``GET /activities``, ``POST /activities/{id}/review`` (the leader's review);
- ``GET /counts`` (the year's sessions against the minimums);
- ``GET /public/activities`` (no login: the reviewed activities).
"""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from fazhi.core.step_api import StepErrorOut, add_step_routes, step_schema
from fazhi.core.step_specs import form_data
from fazhi.core.validation import Id, Year
from fazhi.learning import forms, selectors
from fazhi.learning.steps import ACTIVITY_STEPS, CREATE_STEPS

router = Router(tags=["学法与普法"])


class SessionOut(Schema):
    id: int
    body_id: int
    kind: str
    held_on: date
    title: str
    meeting: str
    law_id: int | None
    provisions: str
    presenter_id: int | None
    speaker: str
    hours: Decimal
    attendees: list[int]


class ActivityOut(Schema):
    id: int
    body_id: int
    held_on: date
    topic: str
    form: str
    place: str
    audience_size: int
    key_date: str | None
    duty_line_id: int | None
    status: str


class CountOut(Schema):
    kind: str
    label: str
    count: int
    required: int | None
    short: bool
    citation: str


def session_out(session) -> dict:
    return {
        **{k: getattr(session, k) for k in ("id", "body_id", "kind", "held_on", "title", "meeting", "law_id")},
        **{k: getattr(session, k) for k in ("provisions", "presenter_id", "speaker", "hours")},
        "attendees": sorted(session.attendance.values_list("person_id", flat=True)),
    }


def activity_out(a) -> dict:
    return {
        "id": a.pk, "body_id": a.body_id, "held_on": a.held_on, "topic": a.topic, "form": a.form, "place": a.place,
        "audience_size": a.audience_size, "key_date": a.key_date.key if a.key_date_id else None,
        "duty_line_id": a.duty_line_id, "status": a.status,
    }  # fmt: skip


@router.get("/sessions", response=list[SessionOut], summary="学法活动（本人范围）")
def sessions(request, year: Year | None = None):
    qs = selectors.session_list(request.user, year=year).prefetch_related("attendance")[:500]
    return [
        {**session_out(s), "attendees": sorted(a.person_id for a in s.attendance.all())} for s in qs
    ]  # one prefetch, no per-row query


@router.get("/sessions/{session_id}", response={200: SessionOut, 404: StepErrorOut}, summary="一次学法活动")
def session(request, session_id: Id):
    found = selectors.session_detail(request.user, session_id)
    if found is None:
        raise HttpError(404, "没有这次学法活动，或不在您的查看范围内。")
    return session_out(found)


@router.get("/counts", response=list[CountOut], summary="本单位年度学法次数与要求")
def counts(request, year: Year):
    body = forms.home_body(request.user)
    if body is None:
        raise HttpError(403, "您不属于任何机构。")
    return [
        {"kind": c.kind, "label": c.label, "count": c.count, "required": c.required, "short": c.short,
         "citation": c.citation}
        for c in selectors.year_counts(body, year)
    ]  # fmt: skip


@router.get("/activities", response=list[ActivityOut], summary="普法活动（本人范围）")
def activities(request, year: Year | None = None):
    return [activity_out(a) for a in selectors.activities_visible_to(request.user, year=year)[:500]]


@router.get("/public/activities", response=list[ActivityOut], auth=None, summary="已公开的普法活动")
def public_activities(request, year: Year | None = None):
    return [activity_out(a) for a in selectors.public_activities(year)[:500]]


def _load_activity(request, activity_id: Id):
    found = selectors.activity_detail(request.user, activity_id)
    if found is None:
        raise HttpError(404, "没有这项普法活动，或不在您的查看范围内。")
    return found


add_step_routes(
    router, ACTIVITY_STEPS, path="/activities/{activity_id}", prefix="Learning", load=_load_activity,
    out=activity_out, out_schema=ActivityOut, id_name="activity_id",
)  # fmt: skip


def _add_create_session() -> None:
    spec = CREATE_STEPS.get("record_session")
    schema = step_schema("Learning", spec)

    def operation(request, body):
        result = CREATE_STEPS.perform("record_session", actor=request.user, obj=None, data=form_data(body.model_dump()))
        if not result.ok:
            return HttpStatus(400, {"detail": result.error, "field": result.field or None, "errors": result.errors()})
        return HttpStatus(200, session_out(result.result))

    operation.__signature__ = inspect.Signature(
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=schema),
        ]
    )
    operation.__name__ = "learning_record_session"
    operation.__doc__ = f"{spec.label}（{spec.citation}）。办理人：系统管理员、负责人。被拒绝时返回 400 和中文理由。"
    router.post(
        "/sessions",
        response={200: SessionOut, 400: StepErrorOut, 403: StepErrorOut},
        operation_id="learning_record_session",
        summary=spec.label,
    )(operation)


_add_create_session()
