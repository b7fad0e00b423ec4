"""The step helper: the one block every workflow step shares, written once.

A step (立案, 送达, 答复 …) is a transaction on one record. The helper owns what every step does the same way:

1. the authorization check (``require``: the actor's role, and the record's body in the actor's scope);
2. the transaction and the row lock (``select_for_update``; on SQLite the IMMEDIATE transaction serialises writers);
3. the transition check against the workflow's one transition table, and the allowed states for steps that do not
   move the record;
4. the step date: never in the future, never before the previous step's date;
5. the save, with exactly the fields the step changed;
6. the deadlines the step opens and closes, through ``fazhi.core.deadlines`` (so a row the sweep already marked
   missed is closed late, the same as any other late close);
7. one chain entry with the step's own event code and its old and new values (plus ``in_time`` when the step closed
   an obligation, and ``files`` for stored files);
8. side effects after commit.

A step function keeps only what is particular to it::

    def approve_filing(*, actor, case, on, opinion=""):
        with CASE.step(actor, case, "批准立案", Event.CASE_FILED, roles=[Role.LEADER], to=Status.INVESTIGATING,
                       on=on, on_label="立案日期", after="filing_requested_on") as s:
            case = s.obj
            ...checks particular to the step...
            case.filed_on = on
            s.changed("filed_on", ...)
            s.close(rules.FILING, on)
            s.open(rules.DECISION, on)
            s.new(filed_on=on, number=case.number)
        return case

Anything raised inside the block rolls everything back: the record, the deadlines and the chain stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models, transaction

from fazhi.audit.services import record
from fazhi.core import deadlines
from fazhi.core.access import Role, require
from fazhi.core.clock import today  # noqa: F401 — the one clock; steps.today stays its alias
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.models import Deadline


def check_date(on: date | None, *, field: str = "on", label: str = "日期") -> date:
    """A step date: given, and not in the future."""
    if on is None:
        raise InvalidInput(f"请填写{label}。", field=field)
    if not isinstance(on, date):
        raise InvalidInput(f"{label}格式不正确，应为 YYYY-MM-DD。", field=field)
    if on > today():
        raise InvalidInput(f"{label} {on} 晚于今天。", field=field)
    return on


def _label_of(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 — a non-field attribute: use its name
        return name


@dataclass(frozen=True)
class Workflow:
    """One kind of record moved by steps: its model, its status field and its one transition table.

    ``check(old, new)`` raises ``InvalidTransition`` (naming the step and the article) for a move the table does not
    allow. ``subject_type`` is what deadlines and chain entries call the record.
    """

    model: type[models.Model]
    check: Callable[[str, str], object]
    status_field: str = "status"
    body_field: str = "body"
    related: tuple[str, ...] = ("body",)
    status_label: Callable[[object], str] | None = None

    @property
    def subject_type(self) -> str:
        return self.model._meta.label_lower

    def lock(self, obj_or_pk) -> models.Model:
        pk = obj_or_pk.pk if isinstance(obj_or_pk, models.Model) else obj_or_pk
        # of=("self",): PostgreSQL cannot lock the nullable side of an outer join (a related record that may be
        # empty, e.g. a dispute's mediator before acceptance); the step locks its own row only.
        return self.model.objects.select_for_update(of=("self",)).select_related(*self.related).get(pk=pk)

    def status_of(self, obj) -> str:
        return getattr(obj, self.status_field)

    def display(self, obj) -> str:
        if self.status_label is not None:
            return self.status_label(obj)
        return getattr(obj, f"get_{self.status_field}_display")()

    def step(
        self,
        actor,
        obj,
        what: str,
        event,
        *,
        roles: Iterable[Role] = (),
        to: str | None = None,
        allowed: Collection[str] | None = None,
        refusal: str | Callable[[models.Model], str] = "",
        on: date | None = None,
        on_field: str = "on",
        on_label: str = "日期",
        after: str | Iterable[str] | None = None,
        dated: bool = True,
    ) -> StepRun:
        """Open a step on ``obj`` (an instance or a primary key; ``None`` for a step that creates the record).

        ``to``: the status the step moves to (checked against the table). ``allowed``: the statuses the step may be
        taken in (for a step that does not move the record, or — checked before the table — for a moving step that
        refuses in its own words); ``refusal`` is the message otherwise ({status} is replaced by the current status
        label), or a callable ``refusal(obj) -> str`` when the reason depends on the state. ``on``: the step date
        (never in the future; never before the first non-empty of the ``after`` fields of the locked record);
        ``dated=False`` for a step that takes no date.
        """
        return StepRun(
            workflow=self,
            actor=actor,
            target=obj,
            what=what,
            event=event,
            roles=tuple(roles),
            to=to,
            allowed=allowed,
            refusal=refusal,
            on=on,
            on_field=on_field,
            on_label=on_label,
            after=(after,) if isinstance(after, str) else tuple(after or ()),
            dated=dated,
        )


@dataclass
class StepRun:
    """One step in progress: the locked record, the fields it changed, what goes on its chain entry."""

    workflow: Workflow
    actor: object
    target: object
    what: str
    event: object
    roles: tuple[Role, ...]
    to: str | None
    allowed: Collection[str] | None
    refusal: str | Callable[[models.Model], str]
    on: date | None
    on_field: str
    on_label: str
    after: tuple[str, ...]
    dated: bool
    obj: models.Model | None = None
    old_status: str | None = None
    fields: list[str] = field(default_factory=list)
    old_values: dict = field(default_factory=dict)
    new_values: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    closed: list[Deadline] = field(default_factory=list)
    _atomic: object = None
    _after_commit: list[Callable[[], None]] = field(default_factory=list)

    # --- entering: authorization, lock, transition, date -----------------------------------------------------------

    def __enter__(self) -> StepRun:
        if self.roles:
            require(self.actor, *self.roles, what=self.what)
        if self.dated:
            check_date(self.on, field=self.on_field, label=self.on_label)
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        try:
            if self.target is not None:
                self.obj = self.workflow.lock(self.target)
                require(
                    self.actor, *self.roles, body=getattr(self.obj, f"{self.workflow.body_field}_id"), what=self.what
                )
                self.old_status = self.workflow.status_of(self.obj)
                if self.allowed is not None and self.old_status not in self.allowed:
                    if callable(self.refusal):
                        raise InvalidTransition(self.refusal(self.obj))
                    text = self.refusal or "记录当前处于“{status}”，不能{what}。"
                    raise InvalidTransition(text.format(status=self.workflow.display(self.obj), what=self.what))
                if self.to is not None:
                    self.move(self.to)
                self._check_after()
        except BaseException as exc:
            self._atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _check_after(self) -> None:
        if self.on is None or not self.after:
            return
        for name in self.after:
            previous = getattr(self.obj, name, None)
            if previous is not None:
                if self.on < previous:
                    label = _label_of(self.workflow.model, name)
                    raise InvalidInput(f"{self.on_label} {self.on} 早于{label} {previous}。", field=self.on_field)
                return

    # --- during the step -------------------------------------------------------------------------------------------

    def created(self, obj: models.Model) -> models.Model:
        """For a step that creates its record: the new record becomes the step's subject."""
        self.obj = obj
        self.old_status = None
        return obj

    def move(self, target: str) -> None:
        """Change the status through the transition table (a refusal names the step and its article)."""
        current = self.workflow.status_of(self.obj)
        self.workflow.check(current, target)
        setattr(self.obj, self.workflow.status_field, target)
        self.changed(self.workflow.status_field)

    def changed(self, *names: str) -> None:
        """Fields the step changed on the record (saved with ``update_fields`` when the step ends)."""
        for name in names:
            if name not in self.fields:
                self.fields.append(name)

    def old(self, **values) -> None:
        self.old_values.update(values)

    def new(self, **values) -> None:
        self.new_values.update(values)

    def note(self, **values) -> None:
        """Other facts for the chain entry (reasons, warnings, computed limits)."""
        self.extra.update(values)

    def file(self, stored) -> None:
        """A stored file whose hash goes on the chain entry (``audit_verify`` re-hashes it)."""
        self.files.append(stored.chain_item() if hasattr(stored, "chain_item") else stored)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def after_commit(self, fn: Callable[[], None]) -> None:
        self._after_commit.append(fn)

    # --- deadlines -------------------------------------------------------------------------------------------------

    def _body(self):
        return getattr(self.obj, self.workflow.body_field)

    def open(self, rule_key: str, start: date, *, subject=None, label: str | None = None) -> Deadline:
        return deadlines.open_deadline(
            actor=self.actor,
            subject=subject or self.obj,
            body=self._body(),
            rule_key=rule_key,
            start_date=start,
            subject_label=label or str(self.obj),
        )

    def close(self, rule_key: str, on: date, *, subject=None) -> list[Deadline]:
        """Close the record's live deadlines of ``rule_key`` (fulfilled on ``on``); they count for ``in_time``."""
        closed = deadlines.close(actor=self.actor, subject=subject or self.obj, rule_key=rule_key, on=on)
        self.closed.extend(closed)
        return closed

    def close_window(self, rule_key: str, on: date, *, only_lapsed: bool = False, subject=None) -> list[Deadline]:
        """End a window (the party's time): never counts against ``in_time``."""
        return deadlines.close_window(
            actor=self.actor, subject=subject or self.obj, rule_key=rule_key, on=on, only_lapsed=only_lapsed
        )

    @property
    def in_time(self) -> bool:
        return deadlines.all_met(self.closed)

    # --- leaving: save, chain entry, side effects ------------------------------------------------------------------

    def payload(self) -> dict:
        old, new = dict(self.old_values), dict(self.new_values)
        status = self.workflow.status_field
        if self.old_status is not None and self.workflow.status_field in self.fields:
            old.setdefault(status, self.old_status)
        if status in self.fields or self.old_status is None:
            new.setdefault(status, self.workflow.status_of(self.obj))
        payload: dict = {}
        if old:
            payload["old"] = old
        payload["new"] = new
        if self.closed:
            payload["in_time"] = self.in_time
        if self.warnings:
            payload["warnings"] = list(self.warnings)
        payload.update(self.extra)
        if self.files:
            payload["files"] = list(self.files)
        return payload

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            try:
                if self.fields and self.obj is not None:
                    self.obj.save(update_fields=list(self.fields))
                record(
                    actor=self.actor,
                    event=self.event,
                    subject=self.obj,
                    payload=self.payload(),
                    body_id=getattr(self.obj, f"{self.workflow.body_field}_id"),
                )
                for fn in self._after_commit:
                    transaction.on_commit(fn)
            except BaseException as error:
                self._atomic.__exit__(type(error), error, error.__traceback__)
                raise
        return bool(self._atomic.__exit__(exc_type, exc, tb))
