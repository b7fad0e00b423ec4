"""One ninja operation per declared step, generated from the ``StepSet``: the API offers exactly the steps the
browser offers, with the same inputs (the schema comes from the step's Django form, and the form parses the values).

A step without files takes a JSON body; a step with files takes ``multipart/form-data`` (the same fields as form
fields, and the files). A refusal answers 400 with the Chinese message, the field it names and every field error.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from ninja import File, Form, Router, Schema
from ninja import Status as HttpStatus
from ninja.files import UploadedFile
from pydantic import create_model

from fazhi.core.step_specs import StepSet, file_fields, form_data, schema_fields
from fazhi.core.validation import Id


class StepErrorOut(Schema):
    detail: str
    field: str | None = None
    errors: dict[str, list[str]] = {}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def step_schema(prefix: str, spec) -> type[Schema]:
    return create_model(f"{prefix}{_camel(spec.name)}In", __base__=Schema, **schema_fields(spec.form))


def add_step_routes(
    router: Router,
    steps: StepSet,
    *,
    path: str,
    prefix: str,
    load: Callable[[Any, int], Any],
    out: Callable[[Any], dict],
    out_schema: type[Schema],
    id_name: str = "obj_id",
    tags: list[str] | None = None,
) -> None:
    """Register ``POST {path}/{step}`` for every step of ``steps``. ``load(request, id)`` returns the record in the
    user's scope (404 otherwise); ``out(record)`` the response body."""
    for spec in steps:
        _add_one(router, steps, spec, path=path, prefix=prefix, load=load, out=out, out_schema=out_schema,
                 id_name=id_name, tags=tags)  # fmt: skip


def _add_one(router, steps, spec, *, path, prefix, load, out, out_schema, id_name, tags):
    schema = step_schema(prefix, spec)
    files = file_fields(spec.form)

    def operation(request, **kwargs):
        obj = load(request, kwargs.pop(id_name))
        body = kwargs.pop("body")
        values = body.model_dump() if body is not None else {}
        uploads = {name: kwargs.get(name) for name, _req, _label in files if kwargs.get(name) is not None}
        result = steps.perform(spec.name, actor=request.user, obj=obj, data=form_data(values), files=uploads)
        if not result.ok:
            return HttpStatus(400, {"detail": result.error, "field": result.field or None, "errors": result.errors()})
        fresh = load(request, obj.pk)
        return HttpStatus(200, out(fresh))

    params = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(id_name, inspect.Parameter.KEYWORD_ONLY, annotation=Id),
    ]
    if files:
        params.append(inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=Form[schema]))
        for name, required, _label in files:
            params.append(
                inspect.Parameter(
                    name,
                    inspect.Parameter.KEYWORD_ONLY,
                    annotation=UploadedFile | None,
                    default=File(...) if required else File(None),
                )
            )
    else:
        params.append(inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=schema))
    operation.__signature__ = inspect.Signature(params)
    operation.__name__ = f"{prefix.lower()}_{spec.name}"
    doc = f"{spec.label}" + (f"（{spec.citation}）" if spec.citation else "")
    if spec.roles:
        doc += "。办理人：" + "、".join(r.label for r in spec.roles)
    operation.__doc__ = doc + "。被拒绝时返回 400 和中文理由（含法条）。"
    router.post(
        f"{path}/{spec.name}",
        response={200: out_schema, 400: StepErrorOut, 403: StepErrorOut, 404: StepErrorOut},
        operation_id=f"{prefix.lower()}_{spec.name}",
        summary=spec.label,
        tags=tags,
    )(operation)
