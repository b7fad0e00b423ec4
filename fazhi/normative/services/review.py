"""提请合法性审核 (the review app's gate) and 集体审议 (国办发〔2018〕37号 (六)、(七); 国办发〔2018〕115号)."""

from __future__ import annotations

import re
from datetime import date

from fazhi.audit.events import Event
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import compute_for_rule
from fazhi.core.steps import Workflow
from fazhi.normative import rules
from fazhi.normative.models import NormativeDocument, Status
from fazhi.normative.services._common import MAX_TEXT, _articles_problem, _text, content_flags
from fazhi.normative.workflow import DOC, DRAFTERS, LEADERS
from fazhi.review import selectors as review_selectors
from fazhi.review import services as review_services
from fazhi.review.models import ReviewKind, ReviewState

# --- 合法性审核 (shared step: the review app's gate) ----------------------------------------------------------------


def subject_of(doc) -> tuple[str, str, str]:
    return (doc._meta.label_lower, str(doc.pk), doc.title)


def _review_summary(doc) -> str:
    parts = [f"送审稿：《{doc.title}》", f"起草说明：{doc.explanation or '（无）'}"]
    parts.append("制定依据：" + "；".join(b["display"] for b in doc.basis))
    comments = list(doc.comments.all())
    adopted = sum(1 for c in comments if c.adopted)
    parts.append(
        f"公开征求意见：{doc.comment_opened_on} 至 {doc.comment_closes_on}，收到意见{len(comments)}条，采纳{adopted}条。"
    )
    if doc.content_flags:
        parts.append(
            "内容提示（供审核参考，非结论）：" + "；".join(f"{f['label']}“{f['match']}”" for f in doc.content_flags)
        )
    if doc.non_adoption:
        parts.append(f"对上一轮审核意见未采纳部分的说明：{doc.non_adoption}")
    return "\n".join(parts)


def submit_for_review(*, actor, document, on: date, text: str = "", non_adoption: str = "",
                      workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """提请合法性审核 (115号 (五): 5–15 working days). After a failed round the drafter may revise the text; where it
    does not adopt the opinion it states why, and the statement travels with the draft to review and deliberation."""
    text = _text(text, "text", "修改后的送审稿", max_length=MAX_TEXT, required=False)
    non_adoption = _text(non_adoption, "non_adoption", "未采纳审核意见的说明", max_length=5000, required=False)
    with workflow.step(actor, document, "提请合法性审核", Event.NORMATIVE_REVIEW_SUBMITTED, roles=DRAFTERS,
                       to=Status.REVIEWING, on=on, on_label="送审日期",
                       after=("comment_closed_on",)) as s:  # fmt: skip
        doc = s.obj
        subject = subject_of(doc)
        previous = review_selectors.latest_round(*subject[:2])
        if previous is not None and previous.state == ReviewState.FAILED:
            if not text and not non_adoption:
                raise InvalidInput(
                    f"上一轮合法性审核意见为“{previous.get_conclusion_display()}”：请提交修改后的送审稿，"
                    f"或说明不采纳审核意见的理由（{rules.NON_ADOPTION_CITATION}）。",
                    field="non_adoption",
                )
        if text:
            problem = _articles_problem(text)
            if problem:
                raise InvalidInput(problem, field="text")
            s.old(text_changed=False)
            doc.draft_text = text
            doc.content_flags = content_flags(text)
            s.changed("draft_text", "content_flags")
        if non_adoption:
            doc.non_adoption = non_adoption
            s.changed("non_adoption")
        doc.review_submitted_on = on
        s.changed("review_submitted_on")
        request = review_services.open_round(
            actor=actor,
            subject=subject,
            body=doc.body,
            kind=ReviewKind.NORMATIVE_DOCUMENT,
            summary=_review_summary(doc),
            submitted_on=on,
            reasons=[f"{rules.DOC_115}第（三）项：应审必审"],
            excluded_reviewer_ids=[doc.drafter_id],
            rule_key=rules.REVIEW,
        )
        s.new(review_submitted_on=on, text_changed=bool(text))
        s.note(**review_services.review_payload(request))
    return doc


def on_review_concluded(*, request, actor) -> dict:
    """The review app's callback (registered in ready()): a passed round lets the document go to deliberation, a
    failed one sends it back to the drafter. Runs in the review step's transaction; its payload joins that entry."""
    doc = NormativeDocument.objects.select_for_update().get(pk=int(request.subject_id))
    old = doc.status
    if doc.status != Status.REVIEWING:
        return {}
    doc.status = Status.REVIEWED if request.state == ReviewState.PASSED else Status.COMMENTED
    doc.save(update_fields=["status"])
    return {"document": {"old": {"status": old}, "new": {"status": doc.status}}}


def review_refusal(doc) -> str | None:
    """The gate: not reviewed, or not passed → no deliberation (37号 (六), 115号 (七))."""
    if not review_selectors.has_passed(*subject_of(doc)[:2]):
        return f"“{doc.title}”未经合法性审核或者审核未通过，不得提交集体审议（{rules.GATE_CITATION}）。"
    return None


# --- 集体审议 (shared step) ------------------------------------------------------------------------------------------

VIEWS = ("同意", "反对", "弃权")


def parse_views(text: str) -> list[dict]:
    """One line per speaker in speaking order: “姓名：同意/反对/弃权：理由”. The head (主要负责人) speaks last."""
    out = []
    for n, line in enumerate([x.strip() for x in (text or "").splitlines() if x.strip()], start=1):
        parts = [p.strip() for p in re.split(r"[:：]", line, maxsplit=2)]
        if len(parts) < 2 or not parts[0] or parts[1] not in VIEWS:
            raise InvalidInput(f"审议意见第{n}行“{line}”应写作“姓名：同意/反对/弃权：理由”。", field="views")
        out.append({"name": parts[0][:30], "view": parts[1], "remarks": (parts[2] if len(parts) > 2 else "")[:500]})
    return out


def deliberate(*, actor, document, on: date, meeting: str, attendees: str, views: str, head: str,
               decision: str, head_explanation: str = "", workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """集体审议: a meeting (常务会议 or 全体会议) with its attendees and every view in speaking order, dissent included;
    the head speaks last and explains a decision against the majority (参照 重大行政决策程序暂行条例 第三十条)."""
    meeting = _text(meeting, "meeting", "会议名称", max_length=100)
    head = _text(head, "head", "主持会议的主要负责人", max_length=30)
    head_explanation = _text(head_explanation, "head_explanation", "主要负责人的说明", max_length=3000, required=False)
    people = [x.strip() for x in re.split(r"[，,、\s]+", attendees or "") if x.strip()]
    if len(people) < 3:
        raise InvalidInput(f"请填写出席人员（集体审议至少3人出席；现有{len(people)}人）。", field="attendees")
    spoken = parse_views(views)
    if not spoken:
        raise InvalidInput("请逐人记录审议意见（包括不同意见）。", field="views")
    if spoken[-1]["name"] != head:
        raise InvalidInput(f"主要负责人{head}应当最后发表意见（{rules.DELIBERATION_CITATION}）。", field="views")
    unknown = [v["name"] for v in spoken if v["name"] not in people]
    if unknown:
        raise InvalidInput(f"发表意见的{'、'.join(unknown)}不在出席人员中。", field="views")
    if decision not in ("adopt", "send_back"):
        raise InvalidInput("请选择审议结论：通过，或退回修改。", field="decision")
    others = spoken[:-1]
    agree = sum(1 for v in others if v["view"] == "同意")
    against = sum(1 for v in others if v["view"] == "反对")
    majority = "adopt" if agree > against else ("send_back" if against > agree else "")
    if majority and decision != majority and not head_explanation:
        raise InvalidInput(
            f"主要负责人的决定与多数意见（同意{agree}人、反对{against}人）不一致，应当在会上说明理由"
            f"（{rules.DELIBERATION_CITATION}）。",
            field="head_explanation",
        )
    target = Status.ADOPTED if decision == "adopt" else Status.COMMENTED
    with workflow.step(actor, document, "集体审议", Event.NORMATIVE_DELIBERATED, roles=LEADERS, on=on,
                       on_label="审议日期", after="review_submitted_on") as s:  # fmt: skip
        doc = s.obj
        refusal = review_refusal(doc)
        if refusal:
            raise InvalidTransition(refusal)
        s.move(target)
        latest = review_selectors.latest_round(*subject_of(doc)[:2])
        minimum = compute_for_rule(rules.REVIEW_MIN, latest.submitted_on, body_id=doc.body_id, estimate=True).due
        if latest.reviewed_on < minimum:
            s.warn(
                f"合法性审核用时短于一般不少于5个工作日的要求（{latest.submitted_on} 送审，{latest.reviewed_on} 出具意见；"
                f"{rules.DOC_115}第（五）项）。"
            )
        doc.deliberated_on = on
        doc.meeting = {
            "meeting": meeting,
            "attendees": people,
            "views": spoken,
            "head": head,
            "decision": decision,
            "majority": majority,
            "head_explanation": head_explanation,
            "non_adoption": doc.non_adoption,
            "review_opinion": latest.opinion,
        }
        s.changed("deliberated_on", "meeting")
        s.new(
            deliberated_on=on,
            decision=decision,
            majority=majority,
            dissent=[v["name"] for v in spoken if v["view"] != "同意"],
        )
    return doc
