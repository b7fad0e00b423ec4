"""起草, 评估论证 and 公开征求意见 (国办发〔2018〕37号 (三)、(四); 国办发〔2018〕115号 (五))."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core.access import require
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.rules import compute_for_rule, rule_for
from fazhi.core.steps import Workflow, today
from fazhi.normative import rules
from fazhi.normative.models import Comment, NormativeDocument, Status, SubjectKind
from fazhi.normative.services._common import (
    MAX_TEXT,
    MAX_TITLE,
    _articles_problem,
    _text,
    check_basis,
    content_flags,
    issuer_refusal,
)
from fazhi.normative.workflow import DOC, DRAFTERS

# --- 起草 -----------------------------------------------------------------------------------------------------------


def draft(
    *,
    actor,
    body,
    title: str,
    text: str,
    basis: str,
    on: date,
    kind: str = SubjectKind.NORMATIVE,
    market_related: bool = False,
    explanation: str = "",
    workflow: Workflow = DOC,
) -> NormativeDocument:
    """起草: the issuing body may issue, the paper is a normative document, the basis resolves in the law library,
    the text is in articles; the content check's flags travel with the draft for the reviewer."""
    require(actor, *DRAFTERS, body=body, what="起草行政规范性文件")
    title = _text(title, "title", "文件名称", max_length=MAX_TITLE)
    text = _text(text, "text", "正文", max_length=MAX_TEXT)
    explanation = _text(explanation, "explanation", "起草说明", max_length=5000, required=False)
    refusal = issuer_refusal(body)
    if refusal:
        raise NotPermitted(refusal)
    if kind not in SubjectKind.values:
        raise InvalidInput("请选择有效的文件类别。", field="kind")
    if kind != SubjectKind.NORMATIVE:
        raise InvalidInput(
            f"“{SubjectKind(kind).label}”不属于行政规范性文件，不按本程序制发（{rules.SCOPE_CITATION}）。", field="kind"
        )
    problem = _articles_problem(text)
    if problem:
        raise InvalidInput(problem, field="text")
    with workflow.step(actor, None, "起草行政规范性文件", Event.NORMATIVE_DRAFTED, roles=DRAFTERS, on=on,
                       on_label="起草日期") as s:  # fmt: skip
        cited = check_basis(basis, on=on)
        doc = s.created(
            NormativeDocument.objects.create(
                body=body,
                title=title,
                kind=kind,
                market_related=bool(market_related),
                draft_text=text,
                explanation=explanation,
                basis=cited,
                content_flags=content_flags(text),
                drafter=actor,
                drafted_on=on,
            )
        )
        s.new(title=title, basis=[c["key"] for c in cited], market_related=bool(market_related))
        if doc.content_flags:
            s.note(content_flags=[f"{f['label']}：{f['match']}" for f in doc.content_flags])
    return doc


# --- 评估论证 ---------------------------------------------------------------------------------------------------------


def assess(*, actor, document, on: date, assessment: str, workflow: Workflow = DOC) -> NormativeDocument:
    assessment = _text(assessment, "assessment", "评估论证意见", max_length=5000)
    with workflow.step(actor, document, "评估论证", Event.NORMATIVE_ASSESSED, roles=DRAFTERS, to=Status.ASSESSED,
                       on=on, on_label="评估论证日期", after="drafted_on") as s:  # fmt: skip
        doc = s.obj
        doc.assessed_on, doc.assessment = on, assessment
        s.changed("assessed_on", "assessment")
        s.new(assessed_on=on)
    return doc


# --- 公开征求意见 (shared step) -----------------------------------------------------------------------------------------


def comment_rule_key(doc) -> str:
    return rules.COMMENT_MARKET if doc.market_related else rules.COMMENT


def earliest_close(doc, start: date) -> tuple[date, str]:
    """The earliest last day of a comment window opened on ``start`` (the rule in force that day, with settings)."""
    rule = rule_for(comment_rule_key(doc), on=start)
    result = compute_for_rule(rule, start, body_id=doc.body_id, estimate=True)
    return result.due, rule


def open_comments(*, actor, document, on: date, closes_on: date, workflow: Workflow = DOC) -> NormativeDocument:
    """公开征求意见: the window must run at least 7 working days, or 30 days for a document tied to market activity."""
    if closes_on is None:
        raise InvalidInput("请填写征求意见截止日期。", field="closes_on")
    with workflow.step(actor, document, "公开征求意见", Event.NORMATIVE_COMMENT_OPENED, roles=DRAFTERS,
                       to=Status.COMMENTING, on=on, on_label="征求意见开始日期", after="assessed_on") as s:  # fmt: skip
        doc = s.obj
        minimum, rule = earliest_close(doc, on)
        if closes_on < minimum:
            raise InvalidInput(
                f"征求意见截止日期 {closes_on} 早于规定的最短期间：自 {on} 起{rule.period(doc.body_id).label}"
                f"应至 {minimum}（{rule.citation}）。",
                field="closes_on",
            )
        doc.comment_opened_on, doc.comment_closes_on = on, closes_on
        s.changed("comment_opened_on", "comment_closes_on")
        s.open(rule.key, on)
        s.new(comment_opened_on=on, comment_closes_on=closes_on, minimum=minimum)
    return doc


def comment_window_open(doc, on: date) -> bool:
    return (
        doc.status == Status.COMMENTING
        and doc.comment_opened_on is not None
        and doc.comment_opened_on <= on <= doc.comment_closes_on
    )


def receive_comment(*, actor, document, content: str, on: date | None = None, author: str = "",
                    channel: str = "网上", workflow: Workflow = DOC) -> Comment:  # fmt: skip
    """A comment in the window (the portal calls this with ``actor=None``; staff register letters)."""
    on = on or today()
    content = _text(content, "content", "意见内容", max_length=3000)
    author = _text(author, "author", "姓名或名称", max_length=60, required=False)
    channel = _text(channel, "channel", "渠道", max_length=20, required=False) or "网上"
    with workflow.step(actor, document, "收到公众意见", Event.NORMATIVE_COMMENT_RECEIVED,
                       roles=DRAFTERS if actor is not None else (), on=on, on_label="收到日期") as s:  # fmt: skip
        doc = s.obj
        if not comment_window_open(doc, on):
            raise InvalidTransition(
                f"“{doc.title}”不在公开征求意见期间，不能接收意见"
                + (
                    f"（征求意见期间：{doc.comment_opened_on} 至 {doc.comment_closes_on}）。"
                    if doc.comment_opened_on
                    else "。"
                )
            )
        comment = Comment.objects.create(document=doc, received_on=on, channel=channel, author=author, content=content)
        s.new(comment=comment.pk, channel=channel)
    return comment


def answer_comment(*, actor, comment, adopted: bool, answer: str, on: date, workflow: Workflow = DOC) -> Comment:
    """The drafter's answer to one comment: adopted or not, and why (公开征求意见 and 采纳情况 go to the reviewer, 115号 (五))."""
    answer = _text(answer, "answer", "采纳情况与理由", max_length=3000)
    comment_id = comment.pk if hasattr(comment, "pk") else int(comment)
    document_id = Comment.objects.filter(pk=comment_id).values_list("document_id", flat=True).first()
    if document_id is None:
        raise InvalidInput("意见不存在。", field="comment")
    with workflow.step(actor, document_id, "答复公众意见", Event.NORMATIVE_COMMENT_ANSWERED, roles=DRAFTERS,
                       allowed=(Status.COMMENTING, Status.COMMENTED), on=on, on_label="答复日期") as s:  # fmt: skip
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        if on < comment.received_on:
            raise InvalidInput(f"答复日期 {on} 早于收到日期 {comment.received_on}。", field="on")
        comment.adopted, comment.answer, comment.answered_on = bool(adopted), answer, on
        comment.save(update_fields=["adopted", "answer", "answered_on"])
        s.new(comment=comment.pk, adopted=bool(adopted))
    return comment


def close_comments_refusal(doc) -> str | None:
    if doc.status == Status.COMMENTING and doc.comment_closes_on and today() <= doc.comment_closes_on:
        return f"征求意见期间至 {doc.comment_closes_on} 届满，届满后方可结束征求意见。"
    if doc.status == Status.COMMENTING and doc.comments.filter(answered_on__isnull=True).exists():
        return "尚有公众意见未答复采纳情况（国办发〔2018〕115号第（五）项：送审材料应包括征求意见及采纳情况）。"
    return None


def close_comments(*, actor, document, on: date, summary: str = "", workflow: Workflow = DOC) -> NormativeDocument:
    summary = _text(summary, "summary", "意见汇总", max_length=5000, required=False)
    with workflow.step(actor, document, "结束征求意见", Event.NORMATIVE_COMMENT_CLOSED, roles=DRAFTERS,
                       to=Status.COMMENTED, on=on, on_label="结束日期", after="comment_opened_on") as s:  # fmt: skip
        doc = s.obj
        if on <= doc.comment_closes_on:
            raise InvalidInput(f"征求意见期间至 {doc.comment_closes_on} 届满，{on} 不能结束征求意见。", field="on")
        if doc.comments.filter(answered_on__isnull=True).exists():
            raise InvalidTransition(close_comments_refusal(doc) or "尚有公众意见未答复。")
        doc.comment_closed_on = on
        s.changed("comment_closed_on")
        s.close_window(comment_rule_key(doc), on)
        counts = {"received": doc.comments.count(), "adopted": doc.comments.filter(adopted=True).count()}
        s.new(comment_closed_on=on, **counts)
        if summary:
            s.note(summary=summary)
    return doc
