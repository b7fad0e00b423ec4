"""JSON API for the calendar and deadlines (served under /api/v1/core/): compute a due date, list the deadlines in
the caller's scope."""

from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from fazhi.clock import selectors
from fazhi.core.errors import CalendarNotCovered, InvalidInput
from fazhi.core.periods import Pause, compute_due
from fazhi.core.validation import Id, SearchText

router = Router(tags=["日历与期限"])


class DueOut(Schema):
    start: date
    period: str
    due: date
    is_estimate: bool
    explanation: list[str]


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class DueQuery(Schema):
    start: date
    period: str
    pause: list[str] = []
    restart: date | None = None
    estimate: bool = False
    rollover: bool = True


@router.get("/due", response={200: DueOut, 400: ErrorOut, 422: ErrorOut})
def due(request, query: Query[DueQuery]):
    """届满日与计算说明。period：20wd、90d、3m、2y；pause：开始日:结束日，可重复；未录入年度返回 422，除非 estimate=true。"""
    try:
        result = compute_due(
            query.start,
            query.period,
            pauses=[Pause.parse(p) for p in query.pause],
            restart=query.restart,
            rollover=query.rollover,
            estimate=query.estimate,
        )
    except InvalidInput as error:
        return Status(400, {"detail": error.message, "field": error.field})
    except CalendarNotCovered as error:
        return Status(422, {"detail": error.message, "field": "start"})
    return Status(
        200,
        {
            "start": query.start,
            "period": str(result.period),
            "due": result.due,
            "is_estimate": result.is_estimate,
            "explanation": result.explanation,
        },
    )


class DeadlineOut(Schema):
    id: int
    subject_type: str
    subject_id: str
    subject_label: str
    body_id: int
    rule_key: str
    rule_name: str
    rule_citation: str
    start_date: date
    due_date: date
    is_estimate: bool
    state: str
    derived: str
    closed_on: date | None


@router.get("/deadlines", response=list[DeadlineOut])
def deadlines(request, state: SearchText = ""):
    """本人可见范围内的期限，按届满日排序。state：open、paused、met、missed、overdue、due_soon。"""
    if state and state not in {"open", "paused", "met", "missed", "overdue", "due_soon"}:
        raise HttpError(400, "state 无效：可用 open、paused、met、missed、overdue、due_soon。")
    return list(selectors.deadlines_for(request.user, state=state)[:1000])


@router.get("/deadlines/{deadline_id}", response=DeadlineOut)
def deadline(request, deadline_id: Id):
    return selectors.deadline_detail(request.user, deadline_id)
