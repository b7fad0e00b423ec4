"""Reading the records towns pushed here (ReceivedRecord): the latest version of each, the quarterly statistics they
support and the publication alert over them (issue #16, ADR 0081). Reads only.

A record is identified by (sender, record_id): record ids are the sender instance's own primary keys, so two towns
may send the same id. Its latest version is the one with the highest ``version`` (the sender's chain seq). Everything
here is scoped to the bodies the viewing user may see (``ReceivedRecord.body_code`` against
``fazhi.org.selectors.visible_bodies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Exists, Max, OuterRef, QuerySet

from fazhi.core import clock
from fazhi.core.periods import UNIT_NAMES
from fazhi.core.rules import UnknownRule, compute_for_rule, version_on
from fazhi.core.selectors import DbCalendar
from fazhi.enforcement.rules import PUBLISH_PERMIT_OR_PENALTY
from fazhi.exchange.models import ReceivedRecord, RecordType
from fazhi.exchange.quarterly import FIGURES, quarter_dates
from fazhi.org.selectors import visible_bodies

NONE = "—"  # a figure the exchanged records cannot support (shown, never as 0)

# Why a column of FIGURES cannot be worked out from v1/v2 records.
UNSUPPORTED = {
    "inspections": "办案中的现场检查不在交换记录中（案件记录不含调查取证环节）",
    "fines_collected": "罚没收缴（缴款）不在交换记录中",
    "coercive_execution": "申请法院强制执行不在交换记录中（仅强制拆除有记录，不足以统计本栏）",
    "hearings": "听证不在交换记录中",
    "reconsiderations": "行政复议不在交换记录中",
    "lawsuits": "行政诉讼不在交换记录中",
}


def scope_codes(user) -> list[str]:
    return list(visible_bodies(user).values_list("code", flat=True))


def latest(user, *types: str) -> QuerySet[ReceivedRecord]:
    """The latest version of every received record whose body the user may see, in one query.

    Portable on SQLite and PostgreSQL: a version is the latest when no stored version of the same (sender,
    record_id) is higher — a NOT EXISTS that the unique index (sender, record_id, version) answers.
    """
    newer = ReceivedRecord.objects.filter(
        sender=OuterRef("sender"), record_id=OuterRef("record_id"), version__gt=OuterRef("version")
    )
    qs = ReceivedRecord.objects.filter(body_code__in=visible_bodies(user).values("code")).filter(~Exists(newer))
    if types:
        qs = qs.filter(record_type__in=types)
    return qs


# --- per sender --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SenderSummary:
    sender: str
    counts: dict[str, int]  # record type → records (latest versions)
    total: int
    newest: object  # datetime of the newest receipt


def by_sender(user) -> list[SenderSummary]:
    """Per sender account: how many records of each type (counted once, at their latest version), the newest
    receipt. One grouped query."""
    rows = (
        latest(user)
        .values("sender_id", "sender__username", "sender__last_name", "sender__first_name", "record_type")
        .annotate(n=Count("id"), newest=Max("received_at"))
        .order_by("sender__username", "record_type")
    )
    found: dict[int, dict] = {}
    for row in rows:
        name = f"{row['sender__last_name']}{row['sender__first_name']}".strip()
        label = f"{name}（{row['sender__username']}）" if name else row["sender__username"]
        entry = found.setdefault(row["sender_id"], {"sender": label, "counts": {}, "newest": row["newest"]})
        entry["counts"][row["record_type"]] = row["n"]
        entry["newest"] = max(entry["newest"], row["newest"])
    return [
        SenderSummary(sender=e["sender"], counts=e["counts"], total=sum(e["counts"].values()), newest=e["newest"])
        for e in found.values()
    ]


# --- the quarterly statistics ------------------------------------------------------------------------------------


def _in(day: str | None, first: date, last: date) -> bool:
    return bool(day) and first.isoformat() <= day <= last.isoformat()


def _amount(value) -> Decimal:
    try:
        return Decimal(value) if value else Decimal("0")
    except (InvalidOperation, TypeError):
        return Decimal("0")


@dataclass(frozen=True)
class ReceivedQuarter:
    title: str
    headers: list[str]
    rows: list[list]
    notes: list[str]


def quarterly(user, year: int, quarter: int) -> ReceivedQuarter:
    """The columns of ``quarterly.FIGURES`` from the latest received versions of the quarter, one row per body that
    has any, then the totals. Supported: 双随机抽查 (inspection records inspected in the quarter), 简易/普通程序 行政处罚 and
    罚款决定金额 (case records with outcome penalty decided in the quarter), 行政强制措施 (compulsory records of a
    seizure carried out in the quarter). The other columns are "—" with a note saying why."""
    first, last = quarter_dates(year, quarter)
    figures: dict[str, dict[str, object]] = {key: {} for key, _ in FIGURES}
    records = latest(user, RecordType.CASE, RecordType.COMPULSORY, RecordType.INSPECTION).values_list(
        "body_code", "record_type", "record"
    )
    seen: set[str] = set()
    for code, record_type, record in records.iterator():
        data = record.get("data") or {}

        def add(key, amount=1, code=code):
            figures[key][code] = figures[key].get(code, 0) + amount
            seen.add(code)

        if record_type == RecordType.CASE:
            decision = data.get("decision") or {}
            if decision.get("outcome") == "penalty" and _in(decision.get("decided_on"), first, last):
                if data.get("procedure") == "summary":
                    add("penalties_summary")
                elif data.get("procedure") == "ordinary":
                    add("penalties_ordinary")
                add("fines_imposed", _amount(decision.get("fine_amount")))
        elif record_type == RecordType.COMPULSORY:
            if data.get("measure") == "seizure" and _in(data.get("on"), first, last):
                add("coercive_measures")
        elif record_type == RecordType.INSPECTION and _in(data.get("inspected_on"), first, last):
            add("random_checks")
    bodies = [b for b in visible_bodies(user).order_by("path").only("code", "name") if b.code in seen]

    def cell(key, code):
        return NONE if key in UNSUPPORTED else figures[key].get(code, 0)

    rows = [[b.code, b.name, *(cell(key, b.code) for key, _ in FIGURES)] for b in bodies]
    rows.append(["合计", "", *(NONE if key in UNSUPPORTED else sum(figures[key].values()) for key, _ in FIGURES)])
    labels = dict(FIGURES)
    notes = [
        f"统计期间 {first} 至 {last}；按各记录的最新版本统计，数字归属记录所属机构，不向上汇总。",
        *(f"“{labels[key]}”显示为“{NONE}”：{why}。" for key, why in UNSUPPORTED.items()),
    ]
    return ReceivedQuarter(
        title=f"{year}年第{quarter}季度行政执法统计（接收记录）",
        headers=["机构代码", "机构", *(label for _, label in FIGURES)],
        rows=rows,
        notes=notes,
    )


# --- the alert: a penalty decision not published within the period -----------------------------------------------


@dataclass(frozen=True)
class LatePublication:
    body_code: str
    sender: str
    record_id: str
    case_number: str
    title: str
    decided_on: date
    due: date
    published_on: date | None  # None: not published (or no publication record)
    detail: str


def rule_citation() -> str:
    rule = version_on(PUBLISH_PERMIT_OR_PENALTY, clock.today())
    return f"{rule.name}（{rule.count}{UNIT_NAMES[rule.unit]}）：{rule.citation}"


def late_publications(user) -> list[LatePublication]:
    """Decided penalty cases (latest version, outcome penalty) whose publication was published after the due date of
    PUBLISH_PERMIT_OR_PENALTY counted from the decision on the official calendar (国办发〔2018〕118号 第（六）项), or that
    have no published publication and whose due date has passed as of ``clock.today()``. A publication belongs to the
    case its ``case_record_id`` names, from the same sender; the earliest publication day counts."""
    today = clock.today()
    rows = list(
        latest(user, RecordType.CASE, RecordType.PUBLICATION).values_list(
            "sender_id", "sender__username", "body_code", "record_type", "record_id", "record"
        )
    )
    published: dict[tuple[int, str], list[str | None]] = {}
    for sender_id, _, _, record_type, _, record in rows:
        data = record.get("data") or {}
        if record_type == RecordType.PUBLICATION and data.get("case_record_id"):
            published.setdefault((sender_id, data["case_record_id"]), []).append(data.get("published_on"))
    calendar = DbCalendar()  # one snapshot of the calendar for every case
    found = []
    for sender_id, username, code, record_type, record_id, record in rows:
        data = record.get("data") or {}
        decision = data.get("decision") or {}
        if record_type != RecordType.CASE or decision.get("outcome") != "penalty" or not decision.get("decided_on"):
            continue
        decided_on = date.fromisoformat(decision["decided_on"])
        try:
            due = compute_for_rule(PUBLISH_PERMIT_OR_PENALTY, decided_on, estimate=True, calendar=calendar).due
        except UnknownRule:  # decided before 118号 was issued: no publication period applies
            continue
        pubs = published.get((sender_id, record_id))
        days = sorted(date.fromisoformat(d) for d in (pubs or []) if d)
        on = days[0] if days else None
        if on is not None:
            if on <= due:
                continue
            detail = f"{decided_on} 作出处罚决定，应于 {due} 前公示，{on} 才公示。"
        elif today <= due:
            continue
        elif pubs is None:
            detail = f"{decided_on} 作出处罚决定，应于 {due} 前公示，没有公示记录。"
        else:
            detail = f"{decided_on} 作出处罚决定，应于 {due} 前公示，至今未公示。"
        found.append(
            LatePublication(
                body_code=code,
                sender=username,
                record_id=record_id,
                case_number=data.get("number") or "",
                title=data.get("title") or "",
                decided_on=decided_on,
                due=due,
                published_on=on,
                detail=detail,
            )
        )
    return sorted(found, key=lambda a: (a.due, a.record_id))
