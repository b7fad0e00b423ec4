"""Administrative review and litigation over disclosure work (条例 第五十一条), counted in report table 四."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.core.steps import Workflow
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput
from fazhi.disclosure.models import DisclosureRequest, RemedyCase, RemedyKind, RemedyResult
from fazhi.disclosure.services.common import CLERK, as_date, choice, require_clerk, text

# A case is 尚未审结 until one result is recorded, once.
REMEDY = Workflow(RemedyCase, check=rules.check_remedy_move, status_field="result")


def record_remedy(
    *, actor, body, kind: str, filed_on, request: DisclosureRequest | None = None, note: str = ""
) -> RemedyCase:
    """Record an administrative review or lawsuit brought over disclosure work."""
    what = "登记复议诉讼"
    require_clerk(actor, body, what)
    kind = choice(kind, RemedyKind, "kind", "类别")
    filed_on = as_date(filed_on, "filed_on", "受理日期")
    note = text(note, "note", "备注", max_length=300, required=False)
    if request is not None and request.body_id != body.pk:
        raise InvalidInput("所涉申请不属于该机关。", field="request")
    with REMEDY.step(
        actor,
        None,
        what,
        Event.DISCLOSURE_REMEDY_RECORDED,
        roles=CLERK,
        on=filed_on,
        on_field="filed_on",
        on_label="受理日期",
    ) as s:
        s.created(RemedyCase.objects.create(body=body, request=request, kind=kind, filed_on=filed_on, note=note))
        s.new(kind=kind, filed_on=filed_on, request_id=request.pk if request else None)
    return s.obj


def conclude_remedy(*, actor, remedy: RemedyCase, result: str, on) -> RemedyCase:
    """Record the result of a review or lawsuit (维持、纠正、其他), once, on or after the day it was filed."""
    result = choice(result, RemedyResult, "result", "结果")
    if result == RemedyResult.PENDING:
        raise InvalidInput("审结结果不能为“尚未审结”。", field="result")
    on = as_date(on, "on", "审结日期")
    with REMEDY.step(
        actor,
        remedy,
        "登记审结结果",
        Event.DISCLOSURE_REMEDY_CONCLUDED,
        roles=CLERK,
        allowed=(RemedyResult.PENDING,),
        refusal=lambda r: f"该案件已于 {r.concluded_on} 审结。",
        on=on,
        on_label="审结日期",
        after="filed_on",
    ) as s:
        s.move(result)
        s.obj.concluded_on = on
        s.changed("concluded_on")
        s.new(concluded_on=on)
    return s.obj
