"""JSON API for the chain: scoped entries, the head, and verification — the same selectors as the pages."""

from datetime import date, datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from fazhi.audit import display, verify
from fazhi.core.validation import SearchText
from fazhi.supervision import permissions, selectors

router = Router(tags=["审计链"])


class EntryOut(Schema):
    seq: int
    at: datetime
    actor_id: int | None
    actor_label: str
    event: str
    event_label: str
    subject_type: str
    subject_id: str
    subject_label: str
    body_id: int | None
    payload: dict
    summary: list[str]
    prev_hash: str
    entry_hash: str

    @staticmethod
    def resolve_event_label(obj) -> str:
        return display.event_label(obj.event)

    @staticmethod
    def resolve_summary(obj) -> list[str]:
        return display.summary_lines(obj)


class EntryFilter(Schema):
    subject_type: str = ""
    subject_id: str = ""
    actor: str = ""
    actor_id: int | None = None
    event: str = ""
    date_from: date | None = None
    date_to: date | None = None


class HeadOut(Schema):
    seq: int
    entry_hash: str
    checkpoint: str


class FindingOut(Schema):
    seq: int | None
    kind: str
    detail: str


class VerifyOut(Schema):
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    message: str
    finding: FindingOut | None


@router.get("/entries", response=list[EntryOut], summary="审计链条目（按查看范围，新的在前）")
@paginate(LimitOffsetPagination)
def entries(request, filters: Query[EntryFilter]):
    if not permissions.can_view_chain(request.user):
        raise HttpError(403, "您没有查看审计链的权限（需监督人员、负责人或法制审核人员角色）。")
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise HttpError(422, "“截止日期”(date_to) 不能早于“起始日期”(date_from)。")
    return selectors.filter_entries(selectors.visible_entries(request.user), **filters.dict()).order_by("-seq")


@router.get("/head", response=HeadOut, summary="审计链头（可作检查点）")
def head(request):
    if not permissions.can_view_chain(request.user):
        raise HttpError(403, "您没有查看审计链的权限（需监督人员、负责人或法制审核人员角色）。")
    current = verify.current_head() or verify.Checkpoint(0, verify.GENESIS_HASH)
    return {"seq": current.seq, "entry_hash": current.entry_hash, "checkpoint": str(current)}


@router.get("/verify", response=VerifyOut, summary="校验审计链（监督人员）")
def run_verify(request, against: SearchText = ""):
    if not permissions.can_verify_chain(request.user):
        raise HttpError(403, "只有监督人员可以校验审计链。")
    checkpoint = None
    if against.strip():
        try:
            checkpoint = verify.parse_checkpoint(against)
        except ValueError as error:
            raise HttpError(422, f"against 参数有误：{error}") from None
    result = verify.verify_chain(against=checkpoint)
    finding = result.finding
    return {
        "ok": result.ok,
        "count": result.count,
        "head_seq": result.head_seq,
        "head_hash": result.head_hash,
        "message": result.message,
        "finding": {"seq": finding.seq, "kind": finding.kind, "detail": finding.detail} if finding else None,
    }
