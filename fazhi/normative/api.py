"""JSON API for 行政规范性文件: the register in the caller's scope, one document, the text in force on a day, drafting,
and every declared step (steps.py) — the same forms parse the same inputs as the browser. A refusal answers 400 with
the Chinese message naming the article; a record outside one's scope is 404; a user without the role is 403."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from fazhi.core.access import NotInScope, has_any_role
from fazhi.core.errors import DomainError
from fazhi.core.step_api import StepErrorOut, add_step_routes
from fazhi.core.step_specs import form_data
from fazhi.core.validation import Id
from fazhi.normative import forms, selectors, services
from fazhi.normative.steps import DOC_STEPS
from fazhi.normative.views import VIEWERS

router = Router(tags=["行政规范性文件"])


class DocumentOut(Schema):
    id: int
    title: str
    body_id: int
    status: str
    status_label: str
    number: str
    published_on: date | None
    effective_from: date | None
    valid_until: date | None
    filed_on: date | None
    basis: list[dict]
    content_flags: list[dict]


class TextOut(Schema):
    document_id: int
    on: date
    version: int | None
    text: str | None


def document_out(doc) -> dict:
    return {
        "id": doc.pk,
        "title": doc.title,
        "body_id": doc.body_id,
        "status": doc.status,
        "status_label": doc.get_status_display(),
        "number": doc.number,
        "published_on": doc.published_on,
        "effective_from": doc.effective_from,
        "valid_until": doc.valid_until,
        "filed_on": doc.filed_on,
        "basis": doc.basis,
        "content_flags": doc.content_flags,
    }


def _viewer(request) -> None:
    if not has_any_role(request.user, *VIEWERS):
        raise HttpError(403, "查看行政规范性文件须具有相应角色。")


def _load(request, pk: int):
    _viewer(request)
    return selectors.document_for(request.user, pk)


@router.get("/documents", response=list[DocumentOut], summary="登记簿（本人管辖范围）")
def documents(request, status: str = "", limit: int = 100, offset: int = 0):
    _viewer(request)
    limit = max(1, min(int(limit), 500))
    offset = max(0, int(offset))
    return [document_out(d) for d in selectors.register(request.user, status=status)[offset : offset + limit]]


@router.get("/documents/{obj_id}", response=DocumentOut, summary="一件文件")
def document(request, obj_id: Id):
    return document_out(_load(request, obj_id))


@router.get("/documents/{obj_id}/text", response=TextOut, summary="某日有效的文本")
def text_on(request, obj_id: int, on: date):
    doc = _load(request, obj_id)
    version = selectors.text_on(doc, on)
    return {"document_id": doc.pk, "on": on, "version": version.version if version else None,
            "text": version.text if version else None}  # fmt: skip


class DraftIn(Schema):
    body: int
    title: str
    kind: str = "normative"
    market_related: bool = False
    basis: str
    text: str
    explanation: str = ""
    on: date


@router.post("/documents", response={200: DocumentOut, 400: StepErrorOut, 403: StepErrorOut, 404: StepErrorOut},
             summary="起草")  # fmt: skip
def draft(request, payload: DraftIn):
    form = forms.DraftForm(form_data(payload.model_dump()), user=request.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return HttpStatus(400, {"detail": str(first), "field": next(iter(form.errors)), "errors": form.errors})
    try:
        doc = services.draft(actor=request.user, **form.cleaned_data)
    except NotInScope as exc:
        raise HttpError(404, "机关不存在") from exc
    except DomainError as exc:
        return HttpStatus(400, {"detail": exc.message, "field": getattr(exc, "field", None), "errors": {}})
    return HttpStatus(200, document_out(doc))


add_step_routes(
    router,
    DOC_STEPS,
    path="/documents/{obj_id}",
    prefix="NormativeDocument",
    load=_load,
    out=document_out,
    out_schema=DocumentOut,
)
