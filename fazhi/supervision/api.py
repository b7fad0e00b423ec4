"""JSON API for the chain: scoped entries, the head, and verification — the same selectors as the pages."""

from datetime import date, datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from fazhi.audit import display, verify
from fazhi.core import clock
from fazhi.core.validation import Id, SearchText, Year
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


# --- alerts, 评查 results and 监督事项 ------------------------------------------------------------------------------

ALERT_DENIED = "您没有查看监督预警的权限（需监督人员、负责人或法制审核人员角色）。"


class AlertOut(Schema):
    rule: str
    title: str
    citation: str
    module: str
    severity: str
    body_id: int | None
    record: str
    url: str
    on: date | None
    detail: str


@router.get("/alerts", response=list[AlertOut], summary="监督预警（按记录即时计算，按查看范围）")
def alert_list(request, year: Year | None = None, rule: str = ""):

    from fazhi.supervision import alerts

    if not permissions.can_view_alerts(request.user):
        raise HttpError(403, ALERT_DENIED)
    today = clock.today()
    if year is not None and not 2000 <= year <= today.year + 1:
        raise HttpError(422, f"year 应在 2000 至 {today.year + 1} 之间。")
    if rule and rule not in alerts.REGISTRY:
        raise HttpError(422, f"没有预警规则“{rule}”；可用：{'、'.join(alerts.REGISTRY)}。")
    found = alerts.compute(request.user, today=today, year=year or today.year, only=[rule] if rule else None)
    out = []
    for a in found:
        r = alerts.REGISTRY[a.rule]
        out.append({"rule": a.rule, "title": r.title, "citation": r.citation, "module": r.module,
                    "severity": r.severity, "body_id": a.body_id, "record": a.record, "url": a.url, "on": a.on,
                    "detail": a.detail})  # fmt: skip
    return out


class ScoreOut(Schema):
    key: str
    title: str
    points: int
    score: str
    proposed: int
    note: str


class FileOut(Schema):
    id: int
    round_id: int
    case_id: int
    body_id: int
    draw_order: int
    status: str
    reviewer_id: int | None
    total: float | None
    grade: str
    grade_label: str
    matter_id: int | None
    scores: list[ScoreOut]

    @staticmethod
    def resolve_total(obj):
        return float(obj.total) if obj.total is not None else None

    @staticmethod
    def resolve_grade_label(obj):
        return obj.get_grade_display() if obj.grade else ""


class RoundOut(Schema):
    id: int
    name: str
    period_from: date
    period_to: date
    per_body: int
    seed: str
    seeded_on: date
    pool_hash: str
    pool_size: int
    status: str


@router.get("/review/rounds", response=list[RoundOut], summary="案卷评查轮次（按查看范围）")
def review_rounds(request):
    if not permissions.can_view_alerts(request.user):
        raise HttpError(403, ALERT_DENIED)
    return list(selectors.rounds_visible_to(request.user).order_by("-seeded_on", "-id"))


@router.get("/review/rounds/{round_id}/files", response=list[FileOut], summary="一轮评查的案卷及评分结果")
def review_files(request, round_id: Id):
    if not permissions.can_view_alerts(request.user):
        raise HttpError(403, ALERT_DENIED)
    rnd = selectors.round_detail(request.user, round_id)
    return list(selectors.files_visible_to(request.user).filter(round=rnd))


class MatterOut(Schema):
    id: int
    number: str
    body_id: int
    source: str
    title: str
    status: str
    opened_on: date
    document_kind: str
    document_number: str
    rectify_by: date | None
    answered_on: date | None
    closed_on: date | None


@router.get("/matters", response=list[MatterOut], summary="监督事项（被监督机关只看到发给本机关的）")
def matter_list(request):
    if not permissions.can_view_alerts(request.user):
        raise HttpError(403, ALERT_DENIED)
    return list(selectors.matters_visible_to(request.user)[:500])


def _load_matter(request, matter_id: Id):
    if not permissions.can_view_alerts(request.user):
        raise HttpError(403, ALERT_DENIED)
    return selectors.matter_detail(request.user, matter_id)


def _register_matter_steps() -> None:
    from fazhi.core.step_api import add_step_routes
    from fazhi.supervision.steps import MATTER_STEPS

    add_step_routes(router, MATTER_STEPS, path="/matters/{matter_id}", prefix="Matter", load=_load_matter,
                    out=lambda m: m, out_schema=MatterOut, id_name="matter_id", tags=["监督事项"])  # fmt: skip


_register_matter_steps()
