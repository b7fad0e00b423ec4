"""案卷评查: a scoring standard as data (the shipped default, or a district's own imported from .xlsx), rounds drawn
at random with ``core.draw`` (the seed on the chain before the draw, the pool's hash on the chain with the result),
reviewers who did not work on the case, per-item scores with notes, some deductions pre-filled from the record, the
grade by total (thresholds are settings), and 不合格 opening a 监督事项.

Grade: a 基本标准 item (``veto``) scored 0 makes the file 不合格 whatever the total (一票否决, DOMAIN.md §14);
otherwise 优秀 ≥ ``supervision.grade_excellent_min`` (90), 合格 ≥ ``supervision.grade_pass_min`` (70), else 不合格.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, require
from fazhi.core.draw import draw, pool_hash
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import amount_for
from fazhi.core.steps import Workflow, check_date
from fazhi.supervision import rules
from fazhi.supervision.models import (
    FileReview,
    FileReviewStatus,
    Grade,
    ReviewRound,
    RoundStatus,
    ScoringStandard,
)

DATA = Path(__file__).parent / "data"
SUPERVISOR = (Role.SUPERVISOR,)
CLOSED_STATUSES = ("closed", "archived")


def _no_check(old, new):
    return None


ROUND = Workflow(model=ReviewRound, check=_no_check)
FILE = Workflow(model=FileReview, check=_no_check)


# --- the standard ---------------------------------------------------------------------------------------------------


def validate_items(items: list[dict], *, where=lambda n: f"第{n}项") -> list[dict]:
    if not items:
        raise InvalidInput("评查标准没有任何评查项目。", field="items")
    keys, out = set(), []
    for n, item in enumerate(items, start=1):
        key = str(item.get("key") or "").strip()
        title = str(item.get("title") or "").strip()
        if not key or not title:
            raise InvalidInput(f"{where(n)}：缺少项目代码或项目名称。", field="file")
        if key in keys:
            raise InvalidInput(f"{where(n)}：项目代码“{key}”重复。", field="file")
        try:
            points = int(str(item.get("points")).strip())
        except (TypeError, ValueError):
            raise InvalidInput(f"{where(n)}：分值“{item.get('points')}”不是整数。", field="file") from None
        if not 0 < points <= 100:
            raise InvalidInput(f"{where(n)}：分值应在 1 至 100 之间。", field="file")
        keys.add(key)
        out.append({"key": key, "part": str(item.get("part") or "").strip(), "title": title, "points": points,
                    "veto": bool(item.get("veto")), "loses": str(item.get("loses") or "").strip()})  # fmt: skip
    return out


def default_standard() -> ScoringStandard:
    """The shipped standard (data/default_standard.json), stored once."""
    existing = ScoringStandard.objects.filter(body__isnull=True).order_by("id").first()
    if existing is not None:
        return existing
    data = json.loads((DATA / "default_standard.json").read_text(encoding="utf-8"))
    return ScoringStandard.objects.create(name=data["name"], source=data["source"],
                                          items=validate_items(data["items"]))  # fmt: skip


XLSX_HEADERS = ["项目代码", "类别", "项目名称", "分值", "一票否决", "扣分情形"]


def import_standard(*, actor, body, name: str, upload) -> ScoringStandard:
    """A district's own standard from .xlsx (columns as ``XLSX_HEADERS``): every row or none; the bad row is named."""
    from openpyxl import load_workbook

    require(actor, *SUPERVISOR, body=body, what="导入案卷评查标准")
    name = (name or "").strip()
    if not name:
        raise InvalidInput("请填写标准名称。", field="name")
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable upload is the user's input error
        raise InvalidInput("无法读取该文件，请上传 .xlsx 格式的评查标准。", field="file") from None
    rows = list(wb.active.iter_rows(values_only=True))
    if not rows or [str(c or "").strip() for c in rows[0][: len(XLSX_HEADERS)]] != XLSX_HEADERS:
        raise InvalidInput(f"第1行应为表头：{'、'.join(XLSX_HEADERS)}。", field="file")
    raw = []
    for row in rows[1:]:
        if not any(c not in (None, "") for c in row):
            continue
        cells = list(row) + [None] * len(XLSX_HEADERS)
        raw.append({"key": cells[0], "part": cells[1], "title": cells[2], "points": cells[3],
                    "veto": str(cells[4] or "").strip() in ("是", "1", "True", "true", "Y"), "loses": cells[5]})  # fmt: skip
    lines = [n + 2 for n, row in enumerate(rows[1:]) if any(c not in (None, "") for c in row)]
    items = validate_items(raw, where=lambda n: f"第{lines[n - 1]}行")
    with transaction.atomic():
        standard = ScoringStandard.objects.create(body=body, name=name[:200], items=items, source="导入")
        record(actor=actor, event=Event.SUPERVISION_STANDARD_IMPORTED, subject=standard, body_id=body.pk,
               payload={"new": {"name": standard.name, "items": len(items),
                                "total": sum(i["points"] for i in items)}})  # fmt: skip
    return standard


# --- rounds ---------------------------------------------------------------------------------------------------------


def seed_round(*, actor, body, name: str, period_from: date, period_to: date, per_body: int, seed: str, on: date,
               standard: ScoringStandard | None = None) -> ReviewRound:  # fmt: skip
    """Publish the seed on the chain before anything is drawn with it (全程留痕)."""
    require(actor, *SUPERVISOR, body=body, what="组织案卷评查")
    name, seed = (name or "").strip(), (seed or "").strip()
    if not name:
        raise InvalidInput("请填写评查名称。", field="name")
    if not seed or len(seed) > 200:
        raise InvalidInput("请填写随机种子（不超过200个字符，如公开摇号的号码）。", field="seed")
    if period_from is None or period_to is None or period_to < period_from:
        raise InvalidInput("决定日期的起止有误。", field="period_to")
    if not per_body or not 1 <= int(per_body) <= 100:
        raise InvalidInput("每个执法机关抽取件数应在 1 至 100 之间。", field="per_body")
    standard = standard or default_standard()
    with ROUND.step(actor, None, "公布随机种子", Event.SUPERVISION_ROUND_SEEDED, roles=SUPERVISOR, on=on,
                    on_label="公布日期") as s:  # fmt: skip
        rnd = s.created(ReviewRound.objects.create(
            body=body, name=name[:200], period_from=period_from, period_to=period_to, per_body=int(per_body),
            standard=standard, seed=seed, seeded_on=on, created_by=actor))  # fmt: skip
        s.new(name=rnd.name, seed=seed, period_from=period_from, period_to=period_to, per_body=rnd.per_body,
              standard=standard.name)  # fmt: skip
    return rnd


def pool_of(actor, rnd: ReviewRound) -> dict[int, list[tuple[str, int]]]:
    """The closed penalty case files decided in the period, per body: {body id: [(key, case id)]} (one query)."""
    from fazhi.enforcement.selectors import cases_visible_to

    rows = (
        cases_visible_to(actor)
        .filter(decided_on__range=(rnd.period_from, rnd.period_to), status__in=CLOSED_STATUSES)
        .values_list("body_id", "number", "pk")
        .order_by("body_id", "pk")
    )
    pool: dict[int, list[tuple[str, int]]] = {}
    for body_id, number, pk in rows:
        pool.setdefault(body_id, []).append((number or f"#{pk}", pk))
    return pool


def draw_round(*, actor, rnd: ReviewRound, on: date) -> ReviewRound:
    """Draw ``per_body`` files per body with ``core.draw`` (seed "{seed}:{body id}"), the pool's SM3 on the chain."""
    with ROUND.step(actor, rnd, "随机抽取评查案卷", Event.SUPERVISION_ROUND_DRAWN, roles=SUPERVISOR,
                    allowed=[RoundStatus.SEEDED], refusal="本轮评查已抽取，不能重复抽取。", on=on, on_label="抽取日期",
                    after="seeded_on") as s:  # fmt: skip
        r = s.obj
        pool = pool_of(actor, r)
        all_keys = [key for rows in pool.values() for key, _pk in rows]
        if not all_keys:
            raise InvalidInput(f"{r.period_from} 至 {r.period_to} 没有已结案的行政处罚案卷可供抽取。", field="on")
        picks: dict[str, list[str]] = {}
        for body_id, rows in sorted(pool.items()):
            keys = {key: pk for key, pk in rows}
            chosen = draw(f"{r.seed}:{body_id}", list(keys), r.per_body)
            picks[str(body_id)] = chosen
            FileReview.objects.bulk_create(
                [
                    FileReview(round=r, case_id=keys[key], body_id=body_id, draw_order=n)
                    for n, key in enumerate(chosen, start=1)
                ]  # fmt: skip
            )
        r.pool_hash, r.pool_size, r.drawn_on, r.status = pool_hash(all_keys), len(all_keys), on, RoundStatus.DRAWN
        s.changed("pool_hash", "pool_size", "drawn_on", "status")
        s.new(pool_hash=r.pool_hash, pool_size=r.pool_size, drawn_on=on, picks=picks,
              pool_hashes={str(b): pool_hash([k for k, _ in rows]) for b, rows in pool.items()})  # fmt: skip
    return s.obj


def worked_on(file: FileReview) -> set[int]:
    """Everyone who worked on the case: its officers and the officers of its acts, anyone who wrote a chain entry on
    it or on its deadlines, and the submitters and reviewers of its legal review."""
    from fazhi.enforcement.selectors import CASE_TYPE, case_for_publication, timeline
    from fazhi.review.selectors import rounds_for

    case = case_for_publication(file.case_id)
    ids = set(case.officers.values_list("pk", flat=True))
    ids |= {pk for pk in case.acts.values_list("officers__id", flat=True) if pk}
    ids |= {e.actor_id for e in timeline(case) if e.actor_id}
    for r in rounds_for(CASE_TYPE, case.pk):
        ids |= {pk for pk in (r.submitted_by_id, r.reviewer_id) if pk}
    return ids


def assign(*, actor, file: FileReview, reviewer, on: date) -> FileReview:
    """A reviewer who did not work on the case (回避); anyone else is refused."""
    if reviewer is None:
        raise InvalidInput("请选择评查人。", field="reviewer")
    with FILE.step(actor, file, "分配评查人", Event.SUPERVISION_REVIEWER_ASSIGNED, roles=SUPERVISOR,
                   allowed=[FileReviewStatus.DRAWN, FileReviewStatus.ASSIGNED],
                   refusal="该案卷已评分，不能更换评查人。", on=on, on_label="分配日期") as s:  # fmt: skip
        f = s.obj
        if reviewer.pk in worked_on(f):
            name = reviewer.get_full_name() or reviewer.username
            raise InvalidInput(f"{name}参与办理过本案，不得担任本案评查人（回避；《中华人民共和国行政处罚法》第四十三条）。",
                               field="reviewer")  # fmt: skip
        s.old(reviewer_id=f.reviewer_id)
        f.reviewer, f.assigned_on, f.status = reviewer, on, FileReviewStatus.ASSIGNED
        s.changed("reviewer", "assigned_on", "status")
        s.new(reviewer_id=reviewer.pk, case_id=f.case_id)
    return s.obj


# --- pre-filled deductions from the record -------------------------------------------------------------------------

PREFILL_RULES = {
    "enforcement.hearing_notice": ("procedure", 5, "听证通知晚于法定期限"),
    "enforcement.decision": ("procedure", 5, "超过法定期限作出处罚决定（第六十条）"),
    "enforcement.publish_permit_or_penalty": ("documents", 3, "执法决定逾期公示（118号第（六）项）"),
    "enforcement.publish_other_decision": ("documents", 3, "执法决定逾期公示（118号第（六）项）"),
}


def prefill(file: FileReview, *, actor=None) -> dict[str, list[tuple[int, str]]]:
    """Deductions the record shows, per item key: [(points, reason)]. Each is a proposal the reviewer confirms or
    overrides with a note."""
    from fazhi.core import deadlines
    from fazhi.enforcement.selectors import CASE_TYPE, case_for_publication

    case = case_for_publication(file.case_id)
    out: dict[str, list[tuple[int, str]]] = {}
    rows = list(deadlines.for_subject_type(CASE_TYPE, [case.pk]).filter(rule_key__in=list(PREFILL_RULES)))
    if actor is not None:
        from fazhi.publicity.selectors import publications_visible_to

        pubs = publications_visible_to(actor).filter(case_id=case.pk)
        rows += list(deadlines.for_subject_type("publicity.publication", pubs).filter(rule_key__in=list(PREFILL_RULES)))
    for d in rows:
        late = d.state == "missed" or (d.closed_on and d.closed_on > d.due_date)
        if late and not d.is_window:
            key, points, reason = PREFILL_RULES[d.rule_key]
            when = f"届满日 {d.due_date}，{'完成日 ' + str(d.closed_on) if d.closed_on else '至今未完成'}"
            out.setdefault(key, []).append((points, f"{reason}：{when}"))
    if case.decided_on and not case.services.exists():
        out.setdefault("procedure", []).append((5, "已作出决定但没有送达记录（缺少送达回证）"))
    return out


def proposed_scores(file: FileReview, *, actor=None) -> list[dict]:
    """The standard's items with the pre-filled score (points minus the record's deductions, never below 0)."""
    deductions = prefill(file, actor=actor)
    out = []
    for item in file.round.standard.items:
        found = deductions.get(item["key"], [])
        lost = sum(p for p, _r in found)
        out.append({**item, "proposed": max(item["points"] - lost, 0), "reasons": [r for _p, r in found]})
    return out


def grade_for(total: Decimal, vetoed: bool, body_id: int | None, on: date) -> str:
    if vetoed:
        return Grade.FAIL
    excellent = amount_for(rules.GRADE_EXCELLENT, on).amount(body_id)
    passing = amount_for(rules.GRADE_PASS, on).amount(body_id)
    if total >= excellent:
        return Grade.EXCELLENT
    if total >= passing:
        return Grade.PASS
    return Grade.FAIL


def score(*, actor, file: FileReview, on: date, scores: dict[str, tuple], open_matter: bool = True) -> FileReview:
    """Per-item scores {key: (score, note)}: each within 0..points; a score that differs from the record's proposal
    needs a note. The total gives the grade; 不合格 opens a 监督事项 addressed to the case's body."""
    from fazhi.supervision import services

    check_date(on, label="评分日期")
    if file.reviewer_id != getattr(actor, "pk", None):
        raise InvalidTransition("只有分配的评查人可以评分。")
    proposals = {p["key"]: p for p in proposed_scores(file, actor=actor)}
    rows, total, vetoed = [], Decimal(0), False
    for key, item in proposals.items():
        raw, note = scores.get(key, (None, ""))
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            raise InvalidInput(f"“{item['title']}”的得分“{raw}”不是数字。", field=f"score_{key}") from None
        if not Decimal(0) <= value <= item["points"]:
            raise InvalidInput(f"“{item['title']}”的得分应在 0 至 {item['points']} 分之间（评查标准：{file.round.standard.name}）。",
                               field=f"score_{key}")  # fmt: skip
        if value != item["proposed"] and not (note or "").strip():
            raise InvalidInput(f"“{item['title']}”按记录预评 {item['proposed']} 分，改为 {value} 分须写明理由。",
                               field=f"note_{key}")  # fmt: skip
        vetoed = vetoed or (item["veto"] and value == 0)
        total += value
        rows.append({"key": key, "title": item["title"], "points": item["points"], "score": str(value),
                     "proposed": item["proposed"], "reasons": item["reasons"], "note": (note or "").strip()[:500]})  # fmt: skip
    with FILE.step(actor, file, "案卷评分", Event.SUPERVISION_FILE_SCORED, allowed=[FileReviewStatus.ASSIGNED],
                   refusal="该案卷尚未分配评查人或已评分。", on=on, on_label="评分日期", after="assigned_on") as s:  # fmt: skip
        f = s.obj
        f.scores, f.total, f.scored_on, f.status = rows, total, on, FileReviewStatus.SCORED
        f.grade = grade_for(total, vetoed, f.body_id, on)
        s.changed("scores", "total", "scored_on", "status", "grade")
        s.new(total=str(total), grade=f.grade, scores={r["key"]: r["score"] for r in rows})
    if f.grade == Grade.FAIL and open_matter:
        supervisor = f.round.created_by
        matter = services.open_matter(
            actor=supervisor, body=f.body, source="file_review", title=f"案卷评查不合格：{f.case}",
            facts=f"{f.round.name}评查得分 {total} 分，等次不合格。" + "；".join(
                f"{r['title']} {r['score']}/{r['points']}" + (f"（{r['note']}）" if r["note"] else "") for r in rows),
            on=on, record_url=f"/audit/review/files/{f.pk}/",
        )  # fmt: skip
        FileReview.objects.filter(pk=f.pk).update(matter=matter)
        f.matter = matter
    return f
