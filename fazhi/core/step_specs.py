"""Each step declared once: label, service, form, API schema and "may this user take it now" in one place.

The record's page, its step view and its API all loop over the same ``StepSet``, so the browser and the API can
never offer different steps or take different inputs:

- the page asks ``steps.offer(obj, user)`` for the steps to show, in order, each with its availability (可办理 /
  不可办理 with the reason) and a bound form — or, on a page that draws forms on demand (``lazy=True``), without
  forms: ``steps.opened(name, obj, user)`` then gives the one step the officer opens, with its form (ADR 0082);
- the view and the API both call ``steps.perform(name, actor=…, obj=…, data=…, files=…)``, which binds the step's
  Django form, calls the service with the cleaned values and turns a refusal into form errors (the field named in the
  refusal gets the message; everything typed is kept);
- the API schema of each step is derived from its form (``schema_for``), so the two take the same inputs.

A ``StepForm`` receives the record and the user, so its pick-lists offer only what the law allows for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict

from fazhi.core.access import NotInScope, Role, has_any_role
from fazhi.core.errors import DomainError
from fazhi.core.validation import SafeFormMixin

# --- availability --------------------------------------------------------------------------------------------------

NOW, BLOCKED, HIDDEN = "now", "blocked", "hidden"


@dataclass(frozen=True)
class Availability:
    """Whether a step is offered to this user on this record now: ``now``; ``blocked`` (shown disabled, with the
    reason and its article); ``hidden`` (not a step of this stage, or not this user's to take)."""

    state: str
    reason: str = ""

    @property
    def now(self) -> bool:
        return self.state == NOW

    @property
    def shown(self) -> bool:
        return self.state != HIDDEN


# A guard returns the refusal (naming the rule and its article) or None; services call the same guard and raise.
Guard = Callable[[Any], "str | None"]


# --- forms ---------------------------------------------------------------------------------------------------------


class StepForm(SafeFormMixin, forms.Form):
    """The input of one step (every field bounded by ``core.validation.SafeFormMixin``). ``obj`` is the record (None for a step that creates one) and ``user`` the person
    filling it in, so choice fields can be narrowed to who and what the law allows. ``service_kwargs`` maps the
    cleaned values to the service's keyword arguments (by default: the cleaned values themselves)."""

    def __init__(self, *args, obj=None, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.obj = obj
        self.user = user
        if user is not None or obj is not None:  # a bare form (for the API schema) has nothing to narrow to
            self.setup()
        for fld in self.fields.values():
            widget = fld.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control form-control-sm"
            if isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
                widget, forms.CheckboxSelectMultiple
            ):
                css = "form-select form-select-sm"
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
                css = "form-control form-control-sm"
            widget.attrs.setdefault("class", css)

    def setup(self) -> None:
        """Narrow choices to the record and the user (override)."""

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


def date_field(label: str, **kwargs) -> forms.DateField:
    kwargs.setdefault("error_messages", {"required": f"请填写{label}。"})
    return StepDateField(label=label, **kwargs)


def text_field(label: str, *, required: bool = True, max_length: int = 2000, rows: int = 0, **kwargs):
    if rows:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    kwargs.setdefault(
        "error_messages",
        {"required": f"请填写{label}。", "max_length": f"{label}不能超过{max_length}个字。"},
    )
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


def money_field(label: str, *, required: bool = False, **kwargs) -> forms.DecimalField:
    kwargs.setdefault(
        "error_messages",
        {
            "required": f"请填写{label}。",
            "invalid": f"{label}应为金额（元）。",
            "max_digits": f"{label}超出可登记的范围。",
            "max_decimal_places": f"{label}最多保留两位小数。",
            "max_whole_digits": f"{label}超出可登记的范围。",
            "min_value": f"{label}不能为负数。",
        },
    )
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal("0"), max_digits=14, decimal_places=2, **kwargs
    )


def flag_field(label: str, *, initial: bool = False, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial, help_text=help_text)


class StepDateField(forms.DateField):
    """A date whose refusal quotes what was typed: 提请日期“明天”格式不正确，应为 YYYY-MM-DD。"""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            raise forms.ValidationError(f"{self.label}“{value}”格式不正确，应为 YYYY-MM-DD。", code="invalid") from exc


class PickField(forms.ChoiceField):
    """Choose one of a list of records by id; the cleaned value is the record itself (or None). The list is set by
    the form's ``setup`` from a selector, so it only ever offers what the user may choose."""

    def __init__(self, *, label: str, required: bool = True, empty_label: str = "请选择", **kwargs):
        kwargs.setdefault(
            "error_messages", {"required": f"请选择{label}。", "invalid_choice": f"所选{label}不在可选范围内。"}
        )
        super().__init__(label=label, required=required, choices=[], **kwargs)
        self.empty_label = empty_label
        self.objects: dict[str, Any] = {}

    def set_objects(self, objects, *, label=str) -> None:
        objects = list(objects)
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [("", self.empty_label), *[(str(o.pk), label(o)) for o in objects]]

    def set_groups(self, groups, *, label=str) -> None:
        """Choices in groups (``<optgroup>``): [(group label, [records]), …]."""
        groups = [(name, list(objects)) for name, objects in groups]
        self.objects = {str(o.pk): o for _name, objects in groups for o in objects}
        self.choices = [
            ("", self.empty_label),
            *[(name, [(str(o.pk), label(o)) for o in objs]) for name, objs in groups],
        ]

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(str(value)) if value not in (None, "") else None


class MultiPickField(forms.MultipleChoiceField):
    """Choose several records by id (checkboxes); the cleaned value is the list of records, in the order offered."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, label: str, required: bool = True, **kwargs):
        kwargs.setdefault(
            "error_messages", {"required": f"请选择{label}。", "invalid_choice": f"所选{label}不在可选范围内。"}
        )
        super().__init__(label=label, required=required, choices=[], **kwargs)
        self.objects: dict[str, Any] = {}

    def set_objects(self, objects, *, label=str) -> None:
        objects = list(objects)
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [(str(o.pk), label(o)) for o in objects]

    def clean(self, value):
        values = super().clean(value)
        return [self.objects[str(v)] for v in values]


# --- the declaration -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    """One step of a workflow.

    ``run(actor=, obj=, **kwargs)`` calls the service. ``statuses``: where the step belongs in the procedure (else
    hidden); ``when``: a finer condition of the same kind. ``roles``: who takes it (others do not see it).
    ``guards``: conditions the service also checks, evaluated on the page so a step that would be refused is shown
    disabled with the reason. ``confirm``: a question asked before an irreversible step.
    """

    name: str
    label: str
    form: type[StepForm]
    run: Callable[..., Any]
    roles: tuple[Role, ...] = ()
    statuses: Collection[str] | None = None
    when: Callable[[Any], bool] | None = None
    guards: tuple[Guard, ...] = ()
    stage: str = ""
    citation: str = ""
    primary: bool = False
    confirm: str = ""
    multipart: bool = False
    button: str = ""
    fields_template: str = ""  # a template laying out this form's fields (default: one under another)
    describe: Callable[[Any], str] | None = None  # what the step will do on this record, shown above its form
    preview: str = ""  # a document the officer may preview before taking the step (see the app's preview view)

    def availability(self, obj, user) -> Availability:
        if self.roles and not has_any_role(user, *self.roles):
            return Availability(HIDDEN)
        if self.statuses is not None and obj is not None and obj.status not in self.statuses:
            return Availability(HIDDEN)
        if self.when is not None and not self.when(obj):
            return Availability(HIDDEN)
        for guard in self.guards:
            reason = guard(obj)
            if reason:
                return Availability(BLOCKED, reason)
        return Availability(NOW)

    @property
    def button_label(self) -> str:
        return self.button or self.label


@dataclass
class StepResult:
    ok: bool
    form: StepForm
    result: Any = None
    error: str = ""
    field: str = ""
    warnings: list[str] = dataclasses.field(default_factory=list)

    def errors(self) -> dict[str, list[str]]:
        return {name: [str(e) for e in errs] for name, errs in self.form.errors.items()}


@dataclass
class Offer:
    """A step as the page shows it. ``form`` is None on a page that draws forms on demand, until the step is opened."""

    spec: StepSpec
    availability: Availability
    form: StepForm | None
    description: str = ""


class StepSet:
    """The steps of one workflow, in procedural order.

    ``prefixed``: the page shows several step forms at once, so each browser form carries its step name as prefix
    (distinct field ids and names, ``answer-on``); the API always takes the plain field names.
    """

    def __init__(self, subject: str, specs: Iterable[StepSpec], *, prefixed: bool = False):
        self.subject = subject
        self.prefixed = prefixed
        self.specs: list[StepSpec] = list(specs)
        self.by_name = {s.name: s for s in self.specs}
        if len(self.by_name) != len(self.specs):
            raise ValueError(f"{subject}: 步骤名称重复")

    def __iter__(self):
        return iter(self.specs)

    def get(self, name: str) -> StepSpec:
        spec = self.by_name.get(name)
        if spec is None:
            raise Http404("未知的办理步骤")
        return spec

    def prefix_for(self, name: str) -> str | None:
        """The prefix of a step's browser form (None when the set is not ``prefixed``)."""
        return name if self.prefixed else None

    def form_names(self, name: str) -> dict:
        """How a step's browser form names its fields: a prefix (``answer-on``) when the set is ``prefixed``,
        otherwise plain names with ids made unique on the page (``answer-on`` as the id only)."""
        if self.prefixed:
            return {"prefix": name}
        return {"auto_id": f"{name}-%s"}

    def offer(
        self,
        obj,
        user,
        *,
        failed: StepResult | None = None,
        failed_name: str = "",
        lazy: bool = False,
        open_name: str = "",
    ) -> list[Offer]:
        """The steps this user sees on this record now, in order; a step that just failed keeps its bound form.

        ``lazy``: draw no form except the failed step's and the one the officer opened (``open_name``) — building and
        rendering every step's pick-lists was most of a case page's time (ADR 0082)."""
        offers = []
        for spec in self.specs:
            availability = spec.availability(obj, user)
            if not availability.shown and spec.name != failed_name:
                continue
            if failed is not None and spec.name == failed_name:
                form = failed.form
            elif lazy and spec.name != open_name:
                form = None
            else:
                form = spec.form(obj=obj, user=user, **self.form_names(spec.name))
            offers.append(Offer(spec, availability, form, self._describe(spec, obj)))
        return offers

    @staticmethod
    def _describe(spec: StepSpec, obj) -> str:
        return spec.describe(obj) if spec.describe is not None and obj is not None else ""

    def opened(self, name: str, obj, user) -> Offer:
        """The one step ``name`` with its empty form, for the officer who opens it on a page drawn without forms.

        Raises (never returns a form the user could not submit): an unknown step or a step that is not one of this
        record's now → 404; a step of a role the user does not hold → 403; a step the rules block now → 403 with
        the reason and its article (the page shows the same reason)."""
        spec = self.get(name)
        if spec.roles and not has_any_role(user, *spec.roles):
            raise PermissionDenied(f"您不能办理“{spec.label}”。")
        availability = spec.availability(obj, user)
        if not availability.shown:
            raise Http404(f"本记录当前没有“{spec.label}”这一步骤。")
        if not availability.now:
            raise PermissionDenied(f"暂不能办理“{spec.label}”：{availability.reason}")
        form = spec.form(obj=obj, user=user, **self.form_names(spec.name))
        return Offer(spec, availability, form, self._describe(spec, obj))

    def perform(self, name: str, *, actor, obj, data, files=None, prefix: str | None = None) -> StepResult:
        """Bind the step's form, run the service, and turn a refusal into errors on the form (nothing is saved).
        ``prefix``: the browser form's prefix (see ``prefix_for``); the API passes none."""
        spec = self.get(name)
        names = self.form_names(name) if prefix else {"auto_id": f"{name}-%s"}
        form = spec.form(data, files, obj=obj, user=actor, **names)
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0] if form.errors else "输入有误。"
            return StepResult(False, form, error=str(first))
        try:
            result = spec.run(actor=actor, obj=obj, **form.service_kwargs())
        except NotInScope as exc:
            raise Http404(str(exc)) from exc
        except DomainError as exc:
            field_name = getattr(exc, "field", None) or ""
            if field_name in form.fields:
                form.add_error(field_name, exc.message)
            else:
                form.add_error(None, exc.message)
            return StepResult(False, form, error=exc.message, field=field_name)
        warnings = []
        if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list):
            result, warnings = result
        return StepResult(True, form, result=result, warnings=warnings)


# --- the API schema of a step, derived from its form ---------------------------------------------------------------


def _python_type(fld: forms.Field):
    """The schema type of a form field, bounded like the form (core.validation): ids within 64 bits, text within its
    length and free of control characters, decimals finite and within the column."""
    from typing import Annotated

    from pydantic import Field

    from fazhi.core.validation import MAX_ID, TEXT_CAP, Id, short_text

    if isinstance(fld, MultiPickField | forms.ModelMultipleChoiceField):
        return list[Id]
    if isinstance(fld, PickField | forms.ModelChoiceField):
        return Id
    if isinstance(fld, forms.MultipleChoiceField):
        return list[short_text(200)]
    if isinstance(fld, forms.BooleanField):
        return bool
    if isinstance(fld, forms.DateField):
        return date
    if isinstance(fld, forms.DecimalField):
        bounds = {"allow_inf_nan": False}
        if fld.max_digits is not None:
            bounds["max_digits"] = fld.max_digits
        if fld.decimal_places is not None:
            bounds["decimal_places"] = fld.decimal_places
        if fld.min_value is not None:
            bounds["ge"] = fld.min_value
        return Annotated[Decimal, Field(**bounds)]
    if isinstance(fld, forms.IntegerField):
        return Annotated[int, Field(ge=fld.min_value if fld.min_value is not None else -MAX_ID, le=MAX_ID)]
    if isinstance(fld, forms.CharField):
        return short_text(fld.max_length or TEXT_CAP)
    return str


def schema_fields(form_class: type[StepForm]) -> dict[str, tuple[Any, Any]]:
    """(type, default) for each non-file field of a step form, for ``pydantic.create_model``."""
    from pydantic import Field

    form = form_class()
    out: dict[str, tuple[Any, Any]] = {}
    for name, fld in form.fields.items():
        if isinstance(fld, forms.FileField):
            continue
        typ = _python_type(fld)
        description = str(fld.label or name) + (f"：{fld.help_text}" if fld.help_text else "")
        if isinstance(fld, forms.BooleanField):
            out[name] = (bool, Field(False, description=description))
        elif isinstance(fld, forms.ModelMultipleChoiceField | forms.MultipleChoiceField | MultiPickField):
            out[name] = (typ, Field(default_factory=list, description=description))
        elif fld.required:
            out[name] = (typ, Field(..., description=description))
        else:
            out[name] = (typ | None, Field(None, description=description))
    return out


def file_fields(form_class: type[StepForm]) -> list[tuple[str, bool, str]]:
    form = form_class()
    return [
        (name, fld.required, str(fld.label or name))
        for name, fld in form.fields.items()
        if isinstance(fld, forms.FileField)
    ]


def form_data(values: dict) -> QueryDict:
    """API values (already typed by the schema) as the form data a browser would post, so the form parses both."""
    data = QueryDict(mutable=True)
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data
