"""What every stage of a request shares: the request workflow, a step named in the transition table, the chain
entry's before/after of the request, and the small guards of several stages.

Each step is one ``REQUEST.step(...)`` block (core's step helper: role and scope, row lock, the transition table, the
step date, save, one chain entry, the deadlines); a stage's function keeps only what is particular to the step. A
stage's ``*_refusal`` guard is shown on the page (the step disabled, with the reason) and enforced by its service.
"""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core.steps import Workflow
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidTransition
from fazhi.disclosure.models import (
    DisclosureRequest,
    ReasonsInquiry,
)
from fazhi.disclosure.services.common import CLERK

REQUEST = Workflow(DisclosureRequest, check=rules.check_request_move)


def _step(actor, request, what: str, event: Event, action: str, *, on, on_label: str, after=None):
    """A request step named in the transition table: taken only from its states, refused in its own words."""
    starts, target, _why = rules.TRANSITIONS[action]
    return REQUEST.step(
        actor,
        request,
        what,
        event,
        roles=CLERK,
        to=target,
        allowed=starts,
        refusal=rules.refusal(action),
        on=on,
        on_label=on_label,
        after=after,
    )


def _snapshot(request: DisclosureRequest) -> dict:
    return {
        "status": request.status,
        "received_on": request.received_on,
        "clock_start": request.clock_start,
        "extension_days": request.extension_days,
        "outcome": request.outcome,
        "closed_on": request.closed_on,
    }


def _begin(s) -> None:
    """The chain entry's ``old``: the request as it was before the step (the helper has already moved its status)."""
    s.old(**{**_snapshot(s.obj), "status": s.old_status})


def _end(s) -> None:
    s.new(**_snapshot(s.obj))


def _delayed_to(request: DisclosureRequest) -> date | None:
    return ReasonsInquiry.objects.filter(request=request).values_list("delayed_to", flat=True).first()


def _refuse_if(reason: str | None) -> None:
    if reason:
        raise InvalidTransition(reason)
