"""JSON API of 双随机、一公开: the tasks and the inspection results in the caller's scope, each task's recomputation
check, and the task and record steps (one operation per declared step, same inputs as the browser).

A task or record outside one's scope is 404; a user without the role is 403; a refusal is 400 with its message.
"""

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.core.access import Role, require
from fazhi.core.errors import NotPermitted
from fazhi.core.step_api import add_step_routes
from fazhi.core.validation import Id
from fazhi.inspection import selectors
from fazhi.inspection.steps import RECORD_STEPS, TASK_STEPS
from fazhi.inspection.verify import verify_task

router = Router(tags=["双随机、一公开"])
VIEWERS = (Role.OFFICER, Role.LEADER, Role.ADMIN, Role.SUPERVISOR)


def _require(request) -> None:
    try:
        require(request.user, *VIEWERS, what="查看双随机抽查")
    except NotPermitted as error:
        raise HttpError(403, error.message) from None


class TaskOut(Schema):
    id: int
    number: str
    title: str
    body: str
    item: str
    status: str
    seed: str
    seeded_on: date | None
    drawn_on: date | None
    completed_on: date | None
    published_on: date | None


class ResultOut(Schema):
    id: int
    task_id: int
    task_number: str
    credit_code: str
    name: str
    stratum: str
    result: str
    inspected_on: date | None
    findings: str
    case_id: int | None


class CheckOut(Schema):
    what: str
    ok: bool
    detail: str


def task_out(t) -> dict:
    return {
        "id": t.pk, "number": t.number, "title": t.title, "body": t.body.name, "item": t.item.name,
        "status": t.status, "seed": t.seed, "seeded_on": t.seeded_on, "drawn_on": t.drawn_on,
        "completed_on": t.completed_on, "published_on": t.published_on,
    }  # fmt: skip


def result_out(r) -> dict:
    return {
        "id": r.pk, "task_id": r.task_id, "task_number": r.task.number, "credit_code": r.target.credit_code,
        "name": r.target.name, "stratum": r.stratum, "result": r.result, "inspected_on": r.inspected_on,
        "findings": r.findings, "case_id": r.case_id,
    }  # fmt: skip


@router.get("/tasks", response=list[TaskOut])
def list_tasks(request):
    """Tasks in scope, newest first (at most 500)."""
    _require(request)
    return [task_out(t) for t in selectors.tasks_visible(request.user)[:500]]


@router.get("/results", response=list[ResultOut])
def list_results(request, task_id: int | None = None):
    """Inspection results in scope (at most 5,000), optionally of one task."""
    _require(request)
    return [result_out(r) for r in selectors.results_for_api(request.user, task_id=task_id)[:5000]]


@router.get("/tasks/{task_id}/verify", response=list[CheckOut])
def verify(request, task_id: Id):
    """Recompute the task's draw from its seed and fixed pools (the same checks as ``fazhi draw_verify``)."""
    _require(request)
    return [
        {"what": c.what, "ok": c.ok, "detail": c.detail} for c in verify_task(selectors.task_for(request.user, task_id))
    ]


def _load_task(request, task_id):
    _require(request)
    return selectors.task_for(request.user, task_id)


def _load_row(request, row_id):
    _require(request)
    return selectors.task_object_for(request.user, row_id)


add_step_routes(router, TASK_STEPS, path="/tasks/{obj_id}", prefix="InspectionTask", load=_load_task, out=task_out,
                out_schema=TaskOut)  # fmt: skip
add_step_routes(router, RECORD_STEPS, path="/results/{obj_id}", prefix="InspectionRecord", load=_load_row,
                out=result_out, out_schema=ResultOut)  # fmt: skip
