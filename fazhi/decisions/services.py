"""Writes for major administrative decisions. Every step is one ``fazhi.core.steps`` block: role and scope, the row
lock, the transition table (with refusals that name the article), the date, one chain entry, deadlines on the shared
table, all or nothing. The legality review runs through the review app (kind 重大行政决策合法性审查); its conclusion
comes back through ``on_review_concluded`` inside the reviewer's transaction."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from django.db.models import Max

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role, require
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import rule_for
from fazhi.core.steps import Workflow, check_date
from fazhi.core.validation import service_text
from fazhi.counsel import selectors as counsel
from fazhi.counsel.rules import DOC_30
from fazhi.decisions import rules
from fazhi.decisions.models import (
    Catalogue,
    CatalogueItem,
    CatalogueStatus,
    Category,
    Decision,
    MeetingKind,
    Position,
    RiskLevel,
    Status,
    View,
)
from fazhi.review import selectors as review_selectors
from fazhi.review import services as review
from fazhi.review.models import ReviewKind, ReviewState

DECISION_TYPE = "decisions.decision"

LEADERS = (Role.LEADER,)
CATALOGUE_EDITORS = (Role.LEADER, Role.ADMIN)
UNIT = (Role.LEADER, Role.DISCLOSURE_CLERK, Role.OFFICER)  # the 决策承办单位's staff
PUBLISHERS = (Role.LEADER, Role.DISCLOSURE_CLERK)

CATALOGUE_MOVES = {
    CatalogueStatus.DRAFT: {CatalogueStatus.APPROVED},
    CatalogueStatus.APPROVED: {CatalogueStatus.PUBLISHED},
}
MOVES = {
    Status.DRAFTING: {Status.CONSULTING},
    Status.CONSULTING: {Status.IN_REVIEW},
    Status.RETURNED: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.REVIEWED, Status.RETURNED},
    Status.REVIEWED: {Status.DECIDED, Status.RETURNED},
    Status.DECIDED: {Status.REPORTED},
    Status.REPORTED: {Status.PUBLISHED},
    Status.PUBLISHED: {Status.EXECUTING, Status.EVALUATED},
    Status.EXECUTING: {Status.EVALUATED},
}
# Why a move is refused, in the 条例's words (the step names the article).
WHY = {
    Status.IN_REVIEW: f"须先完成公众参与（公开征求意见并归纳意见，{rules.COMMENT_CITATION}、第十八条）才能送请合法性审查",
    Status.DECIDED: f"决策草案未经合法性审查或者审查未通过，不得提交集体讨论（{rules.REVIEW_CITATION}）",
    Status.REPORTED: f"须先经集体讨论决定（{rules.MEETING_CITATION}）",
    Status.PUBLISHED: f"未向同级党委请示报告并记录党委研究意见的，不得公布（{rules.PARTY_CITATION}）",
    Status.EVALUATED: "决策公布并执行后方可进行后评估（第三十六条）",
    Status.EXECUTING: "决策公布后方可执行（第三十二条、第三十四条）",
}


def _check_catalogue(old, new):
    if new not in CATALOGUE_MOVES.get(old, set()):
        if new == CatalogueStatus.PUBLISHED:
            raise InvalidTransition(f"决策事项目录须经同级党委同意后方可公布（{rules.CATALOGUE_CITATION}）。")
        raise InvalidTransition(f"目录当前为“{CatalogueStatus(old).label}”，不能改为“{CatalogueStatus(new).label}”。")


def _check(old, new):
    if new not in MOVES.get(old, set()):
        reason = WHY.get(new, "")
        raise InvalidTransition(
            f"决策当前处于“{Status(old).label}”，不能进入“{Status(new).label}”" + (f"：{reason}。" if reason else "。")
        )


CATALOGUE = Workflow(model=Catalogue, check=_check_catalogue)
DECISION = Workflow(model=Decision, check=_check, related=("body", "item__catalogue"))


_text = partial(service_text, max_length=8000)


# --- the catalogue (第三条第三款) ------------------------------------------------------------------------------------


def create_catalogue(*, actor, body, year: int, on: date) -> Catalogue:
    if not isinstance(year, int) or not 2019 <= year <= 2100:
        raise InvalidInput("请填写有效的年度（2019 年起，条例自 2019-09-01 施行）。", field="year")
    require(actor, *CATALOGUE_EDITORS, body=body, what="编制决策事项目录")
    with CATALOGUE.step(actor, None, "编制决策事项目录", Event.DECISION_CATALOGUE_CREATED, roles=CATALOGUE_EDITORS,
                        on=on, on_label="编制日期") as s:  # fmt: skip
        if Catalogue.objects.filter(body=body, year=year).exists():
            raise InvalidInput(f"{year}年的决策事项目录已经编制。", field="year")
        catalogue = s.created(Catalogue.objects.create(body=body, year=year, created_on=on, created_by=actor))
        s.new(year=year, created_on=on)
    return catalogue


def add_item(*, actor, catalogue: Catalogue | int, title: str, category: str, lead_unit: str, planned: str = ""):
    title = _text(title, "title", "决策事项", max_length=200)
    lead_unit = _text(lead_unit, "lead_unit", "承办单位", max_length=100)
    planned = _text(planned, "planned", "计划时间", max_length=50, required=False)
    if category not in Category.values:
        raise InvalidInput(f"请选择事项类别（{rules.REG}第三条第一款）。", field="category")
    with CATALOGUE.step(actor, catalogue, "目录新增决策事项", Event.DECISION_CATALOGUE_ITEM_ADDED,
                        roles=CATALOGUE_EDITORS, allowed={CatalogueStatus.DRAFT}, dated=False,
                        refusal="目录已{status}，新增事项须重新报党委同意（第三条第三款：根据实际情况调整）。") as s:  # fmt: skip
        item = CatalogueItem.objects.create(
            catalogue=s.obj, title=title, category=category, lead_unit=lead_unit, planned=planned
        )
        s.new(item_id=item.pk, title=title, category=category, lead_unit=lead_unit)
    return item


def approve_catalogue(*, actor, catalogue: Catalogue | int, on: date, party_record: str) -> Catalogue:
    """登记同级党委同意 (第三条第三款): the party committee's record (会议纪要 etc.) is required."""
    party_record = _text(party_record, "party_record", "党委同意的记录（如党委会议纪要编号）", max_length=200)
    with CATALOGUE.step(actor, catalogue, "登记党委同意", Event.DECISION_CATALOGUE_APPROVED, roles=LEADERS,
                        to=CatalogueStatus.APPROVED, on=on, on_label="党委同意日期", after="created_on") as s:  # fmt: skip
        catalogue = s.obj
        if not catalogue.items.exists():
            raise InvalidInput("目录中尚无决策事项。", field="party_record")
        catalogue.approved_on, catalogue.party_record = on, party_record
        s.changed("approved_on", "party_record")
        s.new(approved_on=on, party_record=party_record, items=catalogue.items.count())
    return catalogue


def publish_catalogue(*, actor, catalogue: Catalogue | int, on: date) -> Catalogue:
    with CATALOGUE.step(actor, catalogue, "公布决策事项目录", Event.DECISION_CATALOGUE_PUBLISHED, roles=PUBLISHERS,
                        to=CatalogueStatus.PUBLISHED, on=on, on_label="公布日期", after="approved_on") as s:  # fmt: skip
        catalogue = s.obj
        catalogue.published_on = on
        s.changed("published_on")
        s.new(published_on=on)
    return catalogue


# --- the decision --------------------------------------------------------------------------------------------------


def start(*, actor, item: CatalogueItem, title: str, draft: str, on: date, lead_unit: str = "") -> Decision:
    """启动决策程序 (第十条、第十一条) for an item of a published catalogue (第三条第三款)."""
    if item is None:
        raise InvalidInput("请选择目录中的决策事项。", field="item")
    title = _text(title, "title", "决策名称", max_length=200)
    draft = _text(draft, "draft", "决策草案及说明")
    lead_unit = _text(lead_unit or item.lead_unit, "lead_unit", "承办单位", max_length=100)
    catalogue = item.catalogue
    require(actor, *LEADERS, body=catalogue.body_id, what="启动重大行政决策程序")
    check_date(on, label="启动日期")
    if catalogue.status != CatalogueStatus.PUBLISHED or catalogue.published_on is None or on < catalogue.published_on:
        raise InvalidTransition(
            f"“{item.title}”所在的{catalogue}尚未经党委同意并公布（{catalogue.get_status_display()}），不能据以启动决策"
            f"（{rules.CATALOGUE_CITATION}）。"
        )
    if on < rules.IN_FORCE:
        raise InvalidInput(f"{rules.REG}自 {rules.IN_FORCE} 起施行。", field="on")
    with DECISION.step(actor, None, "启动重大行政决策程序", Event.DECISION_STARTED, roles=LEADERS, on=on,
                       on_label="启动日期") as s:  # fmt: skip
        decision = s.created(
            Decision.objects.create(
                body=catalogue.body, item=item, title=title, lead_unit=lead_unit, started_on=on, draft=draft,
                started_by=actor,
            )
        )  # fmt: skip
        s.new(title=title, item=item.title, lead_unit=lead_unit, started_on=on)
    return decision


def open_comment(*, actor, decision, on: date, ends_on: date, channel: str, short_reason: str = "") -> Decision:
    """公开征求意见 (第十五条): the draft and its explanation published, a window of at least 30 days; a shorter one
    only with its reason published with the draft."""
    channel = _text(channel, "channel", "征求意见途径（政府网站、政务新媒体等）", max_length=100)
    short_reason = _text(short_reason, "short_reason", "缩短期限的说明", max_length=1000, required=False)
    with DECISION.step(actor, decision, "公开征求意见", Event.DECISION_COMMENT_OPENED, roles=UNIT,
                       to=Status.CONSULTING, on=on, on_label="公开征求意见日期", after="started_on") as s:  # fmt: skip
        decision = s.obj
        if ends_on is None or ends_on <= on:
            raise InvalidInput("征求意见截止日期应晚于公开征求意见日期。", field="ends_on")
        minimum = rule_for(rules.COMMENT_MIN, on=on)
        days = (ends_on - on).days
        need = minimum.period(decision.body_id).count
        if days < need and not short_reason:
            raise InvalidInput(
                f"征求意见期限为{days}日，少于{need}日；因情况紧急等原因缩短期限的，须在公开征求意见时说明理由"
                f"（{minimum.citation}）。",
                field="short_reason",
            )
        decision.comment_published_on, decision.comment_ends_on = on, ends_on
        decision.comment_channel, decision.comment_short_reason = channel, short_reason if days < need else ""
        s.changed("comment_published_on", "comment_ends_on", "comment_channel", "comment_short_reason")
        deadlines.open_deadline(
            actor=actor, subject=decision, body=decision.body, rule_key=rules.COMMENT_WINDOW, start_date=on,
            due_date=ends_on, reason=f"公开征求意见{days}日，截止 {ends_on}。",
        )  # fmt: skip
        s.new(published_on=on, ends_on=ends_on, days=days, channel=channel)
        if days < need:
            s.note(short_reason=short_reason)
    return decision


def close_comment(*, actor, decision, on: date, summary: str) -> Decision:
    """归纳公众意见及采纳情况 (第十八条), once the comment period has run out."""
    summary = _text(summary, "summary", "公众意见及采纳情况")
    with DECISION.step(actor, decision, "归纳公众意见", Event.DECISION_COMMENT_CLOSED, roles=UNIT,
                       allowed={Status.CONSULTING}, on=on, on_label="归纳日期", after="comment_ends_on") as s:  # fmt: skip
        decision = s.obj
        if decision.comment_closed_on is not None:
            raise InvalidTransition(f"公众意见已于 {decision.comment_closed_on} 归纳。")
        if on < decision.comment_ends_on:
            raise InvalidInput(
                f"征求意见期限至 {decision.comment_ends_on} 届满，期满前不能结束征求意见（{rules.COMMENT_CITATION}）。",
                field="on",
            )
        decision.comment_closed_on, decision.comment_summary = on, summary
        s.changed("comment_closed_on", "comment_summary")
        s.close_window(rules.COMMENT_WINDOW, on)
        s.new(closed_on=on)
    return decision


PREPARING = {Status.DRAFTING, Status.CONSULTING, Status.RETURNED}


def hold_hearing(*, actor, decision, on: date, materials_sent_on: date, record: str, signed: bool) -> Decision:
    """听证会 (第十六条、第十七条): materials reach the participants 7 days before; the record confirmed and signed."""
    record = _text(record, "record", "听证会记录")
    with DECISION.step(actor, decision, "召开听证会", Event.DECISION_HEARING_HELD, roles=UNIT, allowed=PREPARING,
                       on=on, on_label="听证会日期", after="started_on") as s:  # fmt: skip
        decision = s.obj
        if materials_sent_on is None:
            raise InvalidInput("请填写听证会材料送达日期。", field="materials_sent_on")
        rule = rule_for(rules.HEARING_MATERIALS, on=on)
        latest = on - timedelta(days=rule.period(decision.body_id).count)
        if materials_sent_on > latest:
            raise InvalidInput(
                f"听证会材料于 {materials_sent_on} 送达，晚于听证会（{on}）前7日的 {latest}（{rules.HEARING_CITATION}）。",
                field="materials_sent_on",
            )
        if not signed:
            raise InvalidInput(f"听证参加人须确认听证会记录并签字（{rules.REG}第十七条第（三）项）。", field="signed")
        decision.hearing_held_on, decision.hearing_materials_sent_on, decision.hearing_record = (
            on,
            materials_sent_on,
            record,
        )
        s.changed("hearing_held_on", "hearing_materials_sent_on", "hearing_record")
        s.new(held_on=on, materials_sent_on=materials_sent_on)
    return decision


def hear_experts(*, actor, decision, on: date, experts, unit: str, opinion: str, signed: bool) -> Decision:
    """专家论证 (第十九条至第二十一条): written opinions signed or sealed."""
    if isinstance(experts, str):
        experts = experts.replace("，", ",").replace("、", ",").split(",")
    names = [n.strip() for n in experts or [] if n and n.strip()]
    if not names:
        raise InvalidInput("请填写论证专家（至少一名）。", field="experts")
    unit = _text(unit, "unit", "组织论证的单位", max_length=100)
    opinion = _text(opinion, "opinion", "专家论证意见及采纳情况")
    if not signed:
        raise InvalidInput(f"专家、专业机构应当对论证意见签字或者盖章（{rules.REG}第二十条）。", field="signed")
    with DECISION.step(actor, decision, "专家论证", Event.DECISION_EXPERTS_HEARD, roles=UNIT, allowed=PREPARING,
                       on=on, on_label="论证日期", after="started_on") as s:  # fmt: skip
        decision = s.obj
        decision.experts, decision.expert_unit, decision.experts_on, decision.expert_opinion = names, unit, on, opinion
        s.changed("experts", "expert_unit", "experts_on", "expert_opinion")
        s.new(experts=names, unit=unit, on=on)
    return decision


def assess_risk(*, actor, decision, on: date, assessor: str, level: str, report: str) -> Decision:
    """风险评估 (第二十二条至第二十四条)."""
    assessor = _text(assessor, "assessor", "风险评估单位", max_length=100)
    report = _text(report, "report", "风险评估报告")
    if level not in RiskLevel.values:
        raise InvalidInput("请选择评估结论。", field="level")
    with DECISION.step(actor, decision, "风险评估", Event.DECISION_RISK_ASSESSED, roles=UNIT, allowed=PREPARING,
                       on=on, on_label="评估日期", after="started_on") as s:  # fmt: skip
        decision = s.obj
        decision.risk_assessor, decision.risk_on, decision.risk_level, decision.risk_report = (
            assessor,
            on,
            level,
            report,
        )
        s.changed("risk_assessor", "risk_on", "risk_level", "risk_report")
        s.new(assessor=assessor, level=level, on=on)
    return decision


# --- the gates, written once: the service raises them, the page shows them --------------------------------------------


def counsel_missing(decision) -> str | None:
    """第二十八条 and 中办发〔2016〕30号: counsel's written opinion is attached; one finding the draft unlawful stops it."""
    subject = (DECISION_TYPE, decision.pk)
    if not counsel.has_answered_opinion(subject):
        return f"决策草案尚无法律顾问出具的法律意见，不得提交（{rules.COUNSEL_CITATION}；{DOC_30}）。请先“征求法律顾问意见”。"
    if counsel.found_unlawful(subject):
        return f"法律顾问认为决策草案不合法，不得提交讨论、作出决定（{DOC_30}）；请修改草案后重新征求意见。"
    return None


def comment_not_closed(decision) -> str | None:
    if decision.comment_closed_on is None:
        return WHY[Status.IN_REVIEW] + "。"
    return None


def review_not_passed(decision) -> str | None:
    if decision.status != Status.REVIEWED or not review_selectors.has_passed(DECISION_TYPE, decision.pk):
        return WHY[Status.DECIDED] + "。"
    return None


def risk_uncontrolled(decision) -> str | None:
    if decision.risk_level == RiskLevel.UNCONTROLLABLE:
        return f"风险评估认为风险不可控，须调整决策草案、确保风险可控后方可作出决策（{rules.RISK_CITATION}）。"
    return None


def submit_blocked(decision) -> str | None:
    return comment_not_closed(decision) or counsel_missing(decision)


def table_blocked(decision) -> str | None:
    return review_not_passed(decision) or counsel_missing(decision) or risk_uncontrolled(decision)


def submit_review(*, actor, decision, on: date, summary: str) -> Decision:
    """送请合法性审查 (第二十五条、第二十六条): the draft, its legal basis and the procedures followed; at least 7
    working days for the review; counsel's opinion attached (第二十八条)."""
    summary = _text(summary, "summary", "送审材料（草案、依据、履行程序的说明）")
    with DECISION.step(actor, decision, "送请合法性审查", Event.DECISION_REVIEW_SUBMITTED, roles=UNIT,
                       to=Status.IN_REVIEW, on=on, on_label="送审日期",
                       after=("comment_closed_on", "started_on")) as s:  # fmt: skip
        decision = s.obj
        refusal = submit_blocked(decision)
        if refusal:
            raise InvalidTransition(refusal)
        opinion = counsel.opinion_for((DECISION_TYPE, decision.pk))
        request = review.open_round(
            actor=actor, subject=decision, body=decision.body, kind=ReviewKind.MAJOR_DECISION, summary=summary,
            submitted_on=on, reasons=[f"{rules.REG}第二十五条"], rule_key=rules.LEGALITY_REVIEW,
        )  # fmt: skip
        decision.review_submitted_on = on
        s.changed("review_submitted_on")
        s.new(submitted_on=on)
        s.note(**review.review_payload(request), counsel_opinion_id=opinion.pk)
    return decision


def on_review_concluded(*, request, actor) -> dict:
    """The review app's callback (inside the reviewer's transaction): 同意 → 待集体讨论; 存在问题 → 退回修改. A review
    concluded before the 7 working days of 第二十六条第二款 ran out is noted on the reviewer's chain entry."""
    decision = DECISION.lock(int(request.subject_id))
    target = Status.REVIEWED if request.state == ReviewState.PASSED else Status.RETURNED
    old = decision.status
    _check(old, target)
    decision.status = target
    decision.save(update_fields=["status"])
    payload: dict = {"decision": {"old": {"status": old}, "new": {"status": target}}}
    window = deadlines.latest(request, rules.LEGALITY_REVIEW)
    if window is not None and request.reviewed_on is not None and request.reviewed_on < window.due_date:
        payload["warnings"] = [
            f"合法性审查于 {request.reviewed_on} 出具意见，早于 {window.due_date}（{window.rule_citation}：一般不少于7个工作日）。"
        ]
    return payload


def _parse_views(lines) -> list[dict]:
    """Members' views, in the order spoken: each line ``姓名｜职务｜同意/不同意/保留意见｜意见`` (or a list of dicts)."""
    if isinstance(lines, str):
        lines = [line for line in lines.splitlines() if line.strip()]
    positions = {p.label: p.value for p in Position} | {p.value: p.value for p in Position}
    rows = []
    for n, line in enumerate(lines or [], start=1):
        if isinstance(line, dict):
            parts = [line.get("name", ""), line.get("post", ""), line.get("position", ""), line.get("text", "")]
        else:
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
        if len(parts) != 4 or not parts[0] or parts[2] not in positions or not parts[3]:
            raise InvalidInput(
                f"第{n}行格式应为“姓名｜职务｜同意/不同意/保留意见｜发表的意见”，每人一行（{rules.MEETING_CITATION}第三款：如实记录）。",
                field="views",
            )
        rows.append({"name": parts[0][:30], "post": parts[1][:50], "position": positions[parts[2]], "text": parts[3]})
    return rows


def deliberate(
    *, actor, decision, on: date, meeting_kind: str, views, head_name: str, head_post: str, head_position: str,
    head_view: str, decision_text: str, head_reason: str = "",
) -> Decision:  # fmt: skip
    """集体讨论决定 (第三十条): at a 常务会议 or 全体会议; the members speak, the head speaks last and decides; a
    decision against the majority is explained at the meeting; every view, dissent included, is recorded."""
    if meeting_kind not in MeetingKind.values:
        raise InvalidInput(
            f"请选择会议（常务会议或者全体会议，{rules.MEETING_CITATION}第一款）。", field="meeting_kind"
        )
    members = _parse_views(views)
    if len(members) < 2:
        raise InvalidInput(f"请逐人记录会议组成人员的意见（至少两人，{rules.MEETING_CITATION}第二款）。", field="views")
    head_name = _text(head_name, "head_name", "行政首长姓名", max_length=30)
    head_view = _text(head_view, "head_view", "行政首长的意见")
    if head_position not in (Position.AGREE, Position.DISAGREE):
        raise InvalidInput("请选择行政首长的决定（同意或者不同意）。", field="head_position")
    head_reason = _text(head_reason, "head_reason", "与多数意见不一致的理由", required=False)
    decision_text = _text(decision_text, "decision_text", "决定内容", required=head_position == Position.AGREE)
    agree = sum(1 for m in members if m["position"] == Position.AGREE)
    majority = Position.AGREE if agree * 2 > len(members) else Position.DISAGREE if agree * 2 < len(members) else ""
    against_majority = bool(majority) and head_position != majority
    if against_majority and not head_reason:
        raise InvalidInput(
            f"行政首长拟作出的决定与会议组成人员多数人的意见不一致，应当在会上说明理由（{rules.MEETING_CITATION}第二款）。",
            field="head_reason",
        )
    target = Status.DECIDED if head_position == Position.AGREE else Status.RETURNED
    with DECISION.step(actor, decision, "集体讨论决定", Event.DECISION_DELIBERATED, roles=LEADERS,
                       allowed={Status.REVIEWED}, refusal=lambda d: table_blocked(d) or WHY[Status.DECIDED] + "。",
                       on=on, on_label="集体讨论日期", after="review_submitted_on") as s:  # fmt: skip
        decision = s.obj
        refusal = table_blocked(decision)
        if refusal:
            raise InvalidTransition(refusal)
        s.move(target)
        # A draft returned by one meeting may come back to another: each meeting keeps its own record.
        meeting = (View.objects.filter(decision=decision).aggregate(m=Max("meeting"))["m"] or 0) + 1
        base = View.objects.filter(decision=decision).count()
        rows = [View(decision=decision, meeting=meeting, order=base + i, **m) for i, m in enumerate(members, start=1)]
        rows.append(
            View(decision=decision, meeting=meeting, order=base + len(members) + 1, name=head_name,
                 post=(head_post or "镇长")[:50], position=head_position, text=head_view, is_head=True)
        )  # fmt: skip
        View.objects.bulk_create(rows)
        decision.meeting_kind, decision.deliberated_on = meeting_kind, on
        decision.head_reason = head_reason if against_majority else ""
        decision.decision_text = decision_text
        s.changed("meeting_kind", "deliberated_on", "head_reason", "decision_text")
        s.new(meeting_kind=meeting_kind, deliberated_on=on, head_position=head_position, meeting=meeting)
        s.note(
            attendees=[m["name"] for m in members] + [head_name],
            dissent=[m["name"] for m in members if m["position"] != Position.AGREE],
            majority=majority or "tie",
        )
        if against_majority:
            s.note(head_reason=head_reason)
    return decision


def report_to_party(*, actor, decision, on: date, party_record: str) -> Decision:
    """向同级党委请示报告 (第三十一条): the committee's record (会议纪要 or 批复) is kept."""
    party_record = _text(party_record, "party_record", "党委研究意见（会议纪要或者批复编号）", max_length=200)
    with DECISION.step(actor, decision, "向党委请示报告", Event.DECISION_PARTY_REPORTED, roles=LEADERS,
                       to=Status.REPORTED, on=on, on_label="报告日期", after="deliberated_on") as s:  # fmt: skip
        decision = s.obj
        decision.party_reported_on, decision.party_record = on, party_record
        s.changed("party_reported_on", "party_record")
        s.new(reported_on=on, party_record=party_record)
    return decision


def publish(*, actor, decision, on: date, channel: str, text: str) -> Decision:
    """公布 (第三十二条), only after the party committee's record (第三十一条)."""
    channel = _text(channel, "channel", "公布途径", max_length=100)
    text = _text(text, "text", "公布文本")
    with DECISION.step(actor, decision, "公布重大行政决策", Event.DECISION_PUBLISHED, roles=PUBLISHERS,
                       allowed={Status.REPORTED}, refusal=lambda d: WHY[Status.PUBLISHED] + "。",
                       on=on, on_label="公布日期", after="party_reported_on") as s:  # fmt: skip
        decision = s.obj
        if not decision.party_record:
            raise InvalidTransition(WHY[Status.PUBLISHED] + "。")
        s.move(Status.PUBLISHED)
        decision.published_on, decision.publication_channel, decision.publication_text = on, channel, text
        s.changed("published_on", "publication_channel", "publication_text")
        s.new(published_on=on, channel=channel)
    return decision


def report_execution(*, actor, decision, on: date, unit: str, report: str) -> Decision:
    """决策执行单位报告执行情况 (第三十四条、第三十五条)."""
    unit = _text(unit, "unit", "决策执行单位", max_length=100)
    report = _text(report, "report", "执行情况")
    with DECISION.step(actor, decision, "报告执行情况", Event.DECISION_EXECUTION_REPORTED, roles=UNIT,
                       allowed={Status.PUBLISHED, Status.EXECUTING}, refusal=WHY[Status.EXECUTING] + "。",
                       on=on, on_label="报告日期", after="published_on") as s:  # fmt: skip
        decision = s.obj
        if decision.status == Status.PUBLISHED:
            s.move(Status.EXECUTING)
        decision.executing_unit = unit
        decision.execution_reports = [
            *decision.execution_reports,
            {"on": on.isoformat(), "unit": unit, "report": report},
        ]
        s.changed("executing_unit", "execution_reports")
        s.new(unit=unit, on=on)
    return decision


def _norm(name: str) -> str:
    return "".join((name or "").split())


def evaluate(*, actor, decision, on: date, evaluator: str, report: str) -> Decision:
    """决策后评估 (第三十六条), by a unit other than the one that did the main pre-decision assessment."""
    evaluator = _text(evaluator, "evaluator", "后评估单位", max_length=100)
    report = _text(report, "report", "后评估结论")
    with DECISION.step(actor, decision, "决策后评估", Event.DECISION_EVALUATED, roles=LEADERS, to=Status.EVALUATED,
                       on=on, on_label="评估日期", after="published_on") as s:  # fmt: skip
        decision = s.obj
        earlier = {_norm(decision.risk_assessor), _norm(decision.expert_unit)} - {""}
        if _norm(evaluator) in earlier:
            raise InvalidInput(
                f"{evaluator}在决策作出前承担了论证评估工作，不能承担决策后评估（{rules.EVALUATION_CITATION}）。",
                field="evaluator",
            )
        decision.evaluated_on, decision.evaluator, decision.evaluation_report = on, evaluator, report
        s.changed("evaluated_on", "evaluator", "evaluation_report")
        s.new(evaluated_on=on, evaluator=evaluator)
    return decision
