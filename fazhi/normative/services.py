"""Writes for 行政规范性文件: every step a service on the step helper (one transaction, one chain entry each).

Order of the procedure (国办发〔2018〕37号 (三)): 起草 → 评估论证 → 公开征求意见 → 合法性审核 → 集体审议决定 → 公布 →
备案 → 执行/评估 → 修改/废止/清理. Each refusal names its rule and article.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role, require
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.numbering import issue_number, last_issued
from fazhi.core.rules import amount_for, compute_for_rule, rule_for
from fazhi.core.steps import Workflow, check_date, today
from fazhi.law import selectors as law_selectors
from fazhi.law import services as law_services
from fazhi.law.models import LawLevel
from fazhi.normative import rules
from fazhi.normative.models import (
    CleanupDecision,
    CleanupItem,
    CleanupRound,
    Comment,
    DocumentVersion,
    FilingResult,
    NormativeDocument,
    Status,
    SubjectKind,
)
from fazhi.normative.workflow import DISTRICT, DOC, DRAFTERS, LEADERS
from fazhi.org.models import BodyKind
from fazhi.review import selectors as review_selectors
from fazhi.review import services as review_services
from fazhi.review.models import ReviewKind, ReviewState

SERIES = "政规"
MAX_TITLE = 200
MAX_TEXT = 50_000

# The kinds of issuing body that may issue (天津 2019 第六条第（四）项: 乡镇人民政府; the district government above it).
ISSUING_KINDS = (BodyKind.TOWN, BodyKind.DISTRICT)


# --- small input helpers -------------------------------------------------------------------------------------------


def _text(value, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not value:
        raise InvalidInput(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{label}不能超过{max_length}个字（现有{len(value)}个字）。", field=field)
    if "\x00" in value:
        raise InvalidInput(f"{label}含有无效字符。", field=field)
    return value


def _articles_problem(text: str) -> str | None:
    """The text must be written in articles (第一条 …, numbered without gaps): it goes into the law library."""
    from fazhi.law.parsing import ARTICLE_RE, cn_to_int

    numbers = []
    for line in text.splitlines():
        m = ARTICLE_RE.match(line.strip().replace("\u3000", " "))
        if m and not m.group(2):
            numbers.append(cn_to_int(m.group(1)))
    if not numbers:
        return "正文应按条文书写：每条另起一行，以“第一条”加空格开头。"
    if numbers != list(range(1, len(numbers) + 1)):
        return "条文序号应从第一条起连续编排。"
    return None


def is_provisional(title: str) -> bool:
    return bool(rules.PROVISIONAL_RE.search(title or ""))


def content_flags(text: str) -> list[dict]:
    """Passages that may set a penalty, licence, coercive measure or fee, or add conditions: highlighted for the
    reviewer as suggestions (never a verdict: 设定 is a legal judgement the reviewer makes)."""
    flags = []
    for pattern in rules.CONTENT_PATTERNS:
        for m in re.finditer(pattern.pattern, text or ""):
            start = max(0, m.start() - 20)
            flags.append(
                {
                    "key": pattern.key,
                    "label": pattern.label,
                    "match": m.group(0),
                    "context": (text[start : m.end() + 20]).replace("\n", " "),
                    "citation": pattern.citation,
                }
            )
            if sum(1 for f in flags if f["key"] == pattern.key) >= 5:
                break
    return flags


def check_basis(lines: str, *, on: date) -> list[dict]:
    """Each line one citation (《法律名称》第X条…) resolved in the law library on the drafting day. A normative document
    is in the library only once published, so an unpublished one cannot be a basis (国发〔2008〕17号 (十三))."""
    out = []
    for raw in [x.strip() for x in (lines or "").replace("；", "\n").splitlines() if x.strip()]:
        citation = law_selectors.parse_citation(raw, on=on)
        if not citation.resolved:
            raise InvalidInput(
                f"制定依据“{raw}”无法在法规库中找到：{citation.error}（{rules.PUBLISH_CITATION}）。",
                field="basis",
            )
        out.append({"key": citation.key, "display": citation.display})
    if not out:
        raise InvalidInput("请填写制定依据（至少一条法律、法规、规章或上级文件的条文）。", field="basis")
    return out


def issuer_refusal(body) -> str | None:
    if body.kind not in ISSUING_KINDS:
        return f"“{body.name}”是{body.get_kind_display()}，不得以其名义制发行政规范性文件（{rules.ISSUER_CITATION}）。"
    return None


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


# --- 公布: 统一登记、统一编号、统一印发 (shared step) ------------------------------------------------------------------


def number_text(body, year: int, seq: int) -> str:
    """辛口镇 → 辛政规〔2019〕1号 (GB/T 9704: 机关代字 + 〔年份〕 + 顺序号, no 第, no padding)."""
    short = (body.short_name or body.name).removeprefix("西青区")
    prefix = short[:1] if short else ""
    return f"{prefix}{SERIES}〔{year}〕{seq}号"


def validity_years(doc, body_id: int, on: date, given: int | None) -> int:
    if given:
        if not 1 <= int(given) <= 10:
            raise InvalidInput("有效期应为1至10年（有效期一般为5年，最长不超过10年）。", field="validity_years")
        return int(given)
    key = rules.VALIDITY_PROVISIONAL if is_provisional(doc.title) else rules.VALIDITY
    return int(amount_for(key, on).amount(body_id))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def law_text(doc, version: DocumentVersion) -> str:
    """The document in the law library's Markdown form (so its articles resolve as citations once published)."""
    return (
        f"# {version.title}\n\n{doc.number}\n{version.published_on:%Y年%m月%d日}公布\n"
        f"自{version.effective_from:%Y年%m月%d日}起施行\n<!-- INFO END -->\n\n{version.text}\n"
    )


def _register_in_library(actor, doc, version: DocumentVersion) -> None:
    law_services.load_texts(
        actor=actor,
        sources=[
            law_services.SourceText(
                text=law_text(doc, version),
                source_name=f"规范性文件/{doc.number}/第{version.version}版",
                level=LawLevel.OTHER,
                category="行政规范性文件",
                region=(doc.body.province or "")[:50] if hasattr(doc.body, "province") else "",
                version_date=version.published_on,
            )
        ],
    )


def _retire_in_library(actor, doc, on: date) -> None:
    law = law_selectors.find_law(doc.law_title) if doc.law_title else None
    if law is None:
        return
    current = law_selectors.version_on(law)
    if current is not None:
        law_services.repeal_version(actor=actor, version=current, on=on)


def publish(*, actor, document, on: date, effective_from: date, validity_years: int | None = None,
            workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """公布: the next number of the body's series (gap-free, never reused), the text as version 1 with its 有效期, the
    document in the law library (from now on it may be cited as a basis), and the 备案 clock."""
    if effective_from is None:
        raise InvalidInput("请填写施行日期。", field="effective_from")
    if effective_from < on:
        raise InvalidInput(f"施行日期 {effective_from} 早于公布日期 {on}。", field="effective_from")
    with workflow.step(actor, document, "公布", Event.NORMATIVE_PUBLISHED, roles=LEADERS, to=Status.PUBLISHED,
                       on=on, on_label="公布日期", after="deliberated_on") as s:  # fmt: skip
        doc = s.obj
        if law_selectors.find_law(doc.title) is not None:
            raise InvalidInput(f"法规库中已有名为《{doc.title}》的文件，请修改文件名称后再公布。", field="title")
        years = validity_years_for = validity_years_value(doc, on, validity_years)
        issued = issue_number(body=doc.body, series=SERIES, year=on.year)
        _assign_number(doc, on.year, issued.number)
        _publish_version(s, actor, doc, on, effective_from, years, note="首次公布")
        s.new(number=doc.number, published_on=on, effective_from=effective_from, valid_until=doc.valid_until,
              validity_years=validity_years_for)  # fmt: skip
    return doc


def validity_years_value(doc, on: date, given) -> int:
    return validity_years(doc, doc.body_id, on, given)


def _assign_number(doc, year: int, seq: int) -> None:
    doc.number_year, doc.number_seq = year, seq
    doc.number = number_text(doc.body, year, seq)


def _publish_version(s, actor, doc, on: date, effective_from: date, years: int, *, note: str) -> DocumentVersion:
    version = DocumentVersion.objects.create(
        document=doc,
        version=1,
        title=doc.title,
        text=doc.draft_text,
        published_on=on,
        effective_from=effective_from,
        note=note,
    )
    doc.published_on, doc.effective_from, doc.validity_years = on, effective_from, years
    doc.valid_until = add_years(effective_from, years) - timedelta(days=1)
    doc.law_title = doc.title
    s.changed("number_year", "number_seq", "number", "published_on", "effective_from", "validity_years", "valid_until",
              "law_title")  # fmt: skip
    _register_in_library(actor, doc, version)
    if doc.body.kind == BodyKind.TOWN:  # a town files with the district government (备案)
        s.open(rules.FILING, on)
    return version


def register_existing(*, actor, body, title: str, text: str, year: int, seq: int, published_on: date,
                      effective_from: date, validity_years: int | None = None,
                      workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """登记 a document published before the register was kept (or on paper): it takes its number in the body's series,
    which must be the next one of that year — a number is never used twice nor skipped (37号 (八) 统一编号)."""
    require(actor, *LEADERS, body=body, what="登记既有行政规范性文件")
    title = _text(title, "title", "文件名称", max_length=MAX_TITLE)
    text = _text(text, "text", "正文", max_length=MAX_TEXT)
    refusal = issuer_refusal(body)
    if refusal:
        raise NotPermitted(refusal)
    problem = _articles_problem(text)
    if problem:
        raise InvalidInput(problem, field="text")
    check_date(published_on, field="published_on", label="公布日期")
    if effective_from is None or effective_from < published_on:
        raise InvalidInput("施行日期应不早于公布日期。", field="effective_from")
    if int(year) != published_on.year:
        raise InvalidInput(f"文号年份 {year} 与公布日期 {published_on} 不一致。", field="year")
    with workflow.step(actor, None, "登记既有行政规范性文件", Event.NORMATIVE_REGISTERED, roles=LEADERS,
                       on=published_on, on_label="公布日期") as s:  # fmt: skip
        used = last_issued(body=body, series=SERIES, year=int(year))
        if int(seq) <= used:
            raise InvalidInput(
                f"文号{number_text(body, year, seq)}已经使用，不得重复编号（{rules.NUMBER_CITATION}）。", field="seq"
            )
        if int(seq) != used + 1:
            raise InvalidInput(
                f"{year}年的下一个文号应为{number_text(body, year, used + 1)}，编号应连续（{rules.NUMBER_CITATION}）。",
                field="seq",
            )
        if law_selectors.find_law(title) is not None:
            raise InvalidInput(f"法规库中已有名为《{title}》的文件。", field="title")
        doc = s.created(
            NormativeDocument.objects.create(
                body=body, title=title, draft_text=text, basis=[], content_flags=content_flags(text), drafter=actor
                if actor is not None else _system_user(), drafted_on=published_on, status=Status.PUBLISHED,
            )
        )  # fmt: skip
        issued = issue_number(body=body, series=SERIES, year=int(year))
        _assign_number(doc, int(year), issued.number)
        doc.status = Status.PUBLISHED
        years = validity_years_value(doc, published_on, validity_years)
        _publish_version(s, actor, doc, published_on, effective_from, years, note="登记既有文件")
        s.new(number=doc.number, published_on=published_on, valid_until=doc.valid_until)
    return doc


def _system_user():
    raise InvalidInput("登记既有文件须由负责人办理。", field="actor")


# --- 备案 ------------------------------------------------------------------------------------------------------------


def filing_due(doc):
    row = deadlines.latest(doc, rules.FILING)
    return row.due_date if row is not None else None


def file_with_district(*, actor, document, on: date, late_reason: str = "", workflow: Workflow = DOC):
    """报送备案: within the period in force on the publication day (20 days under the 2007 Tianjin rule; the current
    period a setting). After it, only with a reason, which goes on the record and the report."""
    late_reason = _text(late_reason, "late_reason", "逾期报送的理由", max_length=2000, required=False)
    with workflow.step(actor, document, "报送备案", Event.NORMATIVE_FILED, roles=DRAFTERS,
                       allowed=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED),
                       on=on, on_label="报送日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        if doc.filed_on is not None:
            raise InvalidTransition(f"“{doc.title}”已于 {doc.filed_on} 报送备案。")
        if doc.body.kind != BodyKind.TOWN:
            raise InvalidTransition("区人民政府的规范性文件向市人民政府备案，不在本系统办理。")
        due = filing_due(doc)
        rule = rule_for(rules.FILING, on=doc.published_on)
        if due is not None and on > due and not late_reason:
            raise InvalidInput(
                f"报送备案期限已于 {due} 届满（自公布之日起{rule.period(doc.body_id).label}，{rule.citation}）；"
                "逾期报送须说明理由。",
                field="late_reason",
            )
        doc.filed_on, doc.filing_late_reason = on, late_reason
        s.changed("filed_on", "filing_late_reason")
        s.close(rules.FILING, on)
        s.new(filed_on=on, due=due)
        if late_reason:
            s.note(late_reason=late_reason)
    return doc


def answer_filing(*, actor, document, on: date, result: str, opinion: str = "", workflow: Workflow = DOC):
    """The district's 备案审查 answer (监督人员 of the district's 司法局)."""
    opinion = _text(opinion, "opinion", "审查意见", max_length=3000, required=result == FilingResult.CORRECT)
    if result not in FilingResult.values:
        raise InvalidInput("请选择备案审查结果。", field="result")
    with workflow.step(actor, document, "备案审查答复", Event.NORMATIVE_FILING_ANSWERED, roles=DISTRICT,
                       allowed=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED), on=on, on_label="答复日期",
                       after="filed_on") as s:  # fmt: skip
        doc = s.obj
        if doc.filed_on is None:
            raise InvalidTransition("文件尚未报送备案。")
        if doc.filing_answered_on is not None:
            raise InvalidTransition(f"已于 {doc.filing_answered_on} 答复备案审查。")
        doc.filing_result, doc.filing_answered_on, doc.filing_opinion = result, on, opinion
        s.changed("filing_result", "filing_answered_on", "filing_opinion")
        s.new(filing_result=result, filing_answered_on=on)
    return doc


# --- 有效期 and evaluation --------------------------------------------------------------------------------------------


def evaluation_start(doc) -> date | None:
    if doc.valid_until is None:
        return None
    months = int(amount_for(rules.EVALUATION_AHEAD, doc.valid_until).amount(doc.body_id))
    y, m = divmod(doc.valid_until.month - 1 - months, 12)
    year, month = doc.valid_until.year + y, m + 1
    day = min(doc.valid_until.day, 28)
    return date(year, month, day)


def open_due_evaluations(*, on: date | None = None, actor=None) -> list[NormativeDocument]:
    """The sweep: every document in force whose 有效期 ends within the set months gets an evaluation deadline (due on
    its last valid day) and a notice to its drafter and leader; a document past its 有效期 lapses."""
    from fazhi.core import inbox
    from fazhi.org.selectors import people_with_role_in

    on = on or today()
    opened = []
    candidates = NormativeDocument.objects.filter(status=Status.PUBLISHED, evaluation_opened_on__isnull=True,
                                                  valid_until__isnull=False).select_related("body")  # fmt: skip
    for doc in candidates:
        start = evaluation_start(doc)
        if start is None or start > on:
            continue
        with DOC.step(actor, doc, "有效期届满前启动评估", Event.NORMATIVE_EVALUATION_OPENED, on=on, allowed=(Status.PUBLISHED,),
                      dated=False) as s:  # fmt: skip
            d = s.obj
            d.evaluation_opened_on = on
            s.changed("evaluation_opened_on")
            deadlines.open_deadline(actor=actor, subject=d, body=d.body, rule_key=rules.EVALUATION, start_date=on,
                                    due_date=d.valid_until, subject_label=str(d),
                                    reason=f"有效期至 {d.valid_until}，届满前完成评估")  # fmt: skip
            s.new(evaluation_opened_on=on, valid_until=d.valid_until)
            recipients = [d.drafter, *people_with_role_in(d.body, Role.LEADER)]
            s.after_commit(lambda d=d, r=recipients: inbox.notify(
                recipients=r, kind="normative.evaluation", subject=d,
                title=f"《{d.title}》有效期至 {d.valid_until}，请在届满前完成评估", url=f"/normative/{d.pk}/",
                body_id=d.body_id))  # fmt: skip
        opened.append(doc)
    return opened


def evaluate(*, actor, document, on: date, conclusion: str, workflow: Workflow = DOC) -> NormativeDocument:
    conclusion = _text(conclusion, "conclusion", "评估结论", max_length=3000)
    with workflow.step(actor, document, "评估", Event.NORMATIVE_EVALUATED, roles=DRAFTERS, allowed=(Status.PUBLISHED,),
                       on=on, on_label="评估日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        doc.evaluated_on, doc.evaluation = on, conclusion
        s.changed("evaluated_on", "evaluation")
        s.close(rules.EVALUATION, on)
        s.new(evaluated_on=on)
    return doc


# --- 修改 / 废止 / 失效 -------------------------------------------------------------------------------------------------


def amend(*, actor, document, on: date, effective_from: date, text: str, note: str = "",
          workflow: Workflow = DOC) -> DocumentVersion:  # fmt: skip
    """修改: a new text in force from ``effective_from``; the old one ends the day before (its text stays, so a past
    day still shows it). The law library gets a new version. The amendment itself went through the procedure on paper;
    its deliberation date is the step date."""
    text = _text(text, "text", "修改后的正文", max_length=MAX_TEXT)
    note = _text(note, "note", "修改说明", max_length=200, required=False)
    problem = _articles_problem(text)
    if problem:
        raise InvalidInput(problem, field="text")
    if effective_from is None or effective_from < on:
        raise InvalidInput("修改后文本的施行日期应不早于公布日期。", field="effective_from")
    with workflow.step(actor, document, "修改", Event.NORMATIVE_AMENDED, roles=LEADERS, allowed=(Status.PUBLISHED,),
                       on=on, on_label="修改公布日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        versions = list(DocumentVersion.objects.select_for_update().filter(document=doc).order_by("version"))
        last = versions[-1]
        if effective_from <= last.effective_from:
            raise InvalidInput(f"施行日期应晚于现行文本的施行日期 {last.effective_from}。", field="effective_from")
        last.effective_to = effective_from
        last.save(update_fields=["effective_to"])
        version = DocumentVersion.objects.create(
            document=doc, version=last.version + 1, title=doc.title, text=text, published_on=on,
            effective_from=effective_from, note=note or "修改",
        )  # fmt: skip
        doc.draft_text = text
        s.changed("draft_text")
        law = law_selectors.find_law(doc.law_title)
        if law is not None and law_selectors.version_on(law) is None:
            pass  # retired in a 清理 (修改 list): the new version brings it back
        _register_in_library(actor, doc, version)
        s.new(version=version.version, effective_from=effective_from)
    return version


def end(*, actor, document, on: date, how: str, reason: str, workflow: Workflow = DOC, roles=LEADERS):
    """废止 or 宣布失效 from ``on``: the text stops being in force and stops resolving as a basis in the law library."""
    reason = _text(reason, "reason", "理由", max_length=2000)
    if how not in ("repeal", "lapse"):
        raise InvalidInput("请选择废止或宣布失效。", field="how")
    target = Status.REPEALED if how == "repeal" else Status.LAPSED
    with workflow.step(actor, document, "废止或宣布失效", Event.NORMATIVE_ENDED, roles=roles, to=target, on=on,
                       on_label="废止/失效日期", after="published_on", dated=False) as s:  # fmt: skip
        doc = s.obj
        _end_document(s, actor, doc, on, reason)
        s.new(ended_on=on)
        s.note(reason=reason)
    return doc


def _end_document(s, actor, doc, on: date, reason: str) -> None:
    doc.ended_on, doc.end_reason = on, reason
    s.changed("ended_on", "end_reason")
    DocumentVersion.objects.filter(document=doc, effective_to__isnull=True).update(effective_to=on)
    _retire_in_library(actor, doc, on)
    for row in deadlines.live(doc, rules.EVALUATION, lock=True):
        deadlines.close_deadline(actor=actor, deadline=row, on=max(on, row.start_date))


# --- 清理 ------------------------------------------------------------------------------------------------------------

CLEANUP = Workflow(model=CleanupRound, check=lambda old, new: None)


def open_cleanup(*, actor, body, title: str, on: date) -> CleanupRound:
    require(actor, Role.SUPERVISOR, Role.LEADER, body=body, what="启动规范性文件清理")
    title = _text(title, "title", "清理名称", max_length=200)
    with CLEANUP.step(actor, None, "启动规范性文件清理", Event.NORMATIVE_CLEANUP_OPENED, roles=(Role.SUPERVISOR, Role.LEADER),
                      on=on, on_label="开始日期") as s:  # fmt: skip
        cleanup = s.created(CleanupRound.objects.create(body=body, title=title, started_on=on))
        s.new(title=title, started_on=on)
    return cleanup


def cleanup_documents(cleanup):
    """Every document in force (or published and not ended before the round) in the organising body's tree."""
    from fazhi.org.selectors import subtree

    return NormativeDocument.objects.filter(body__in=subtree(cleanup.body), status=Status.PUBLISHED).select_related(
        "body"
    )


def decide_in_cleanup(*, actor, cleanup, document, decision: str, reason: str = "") -> CleanupItem:
    if decision not in CleanupDecision.values:
        raise InvalidInput("请选择清理意见：继续有效、修改、废止或宣布失效。", field="decision")
    reason = _text(reason, "reason", "理由", max_length=2000, required=decision != CleanupDecision.KEEP)
    cleanup_id = cleanup.pk if hasattr(cleanup, "pk") else int(cleanup)
    with CLEANUP.step(actor, cleanup_id, "提出清理意见", Event.NORMATIVE_CLEANUP_DECIDED,
                      roles=(Role.SUPERVISOR, Role.LEADER), allowed=("open",), refusal="清理结果已公布，不能再修改清理意见。",
                      dated=False) as s:  # fmt: skip
        c = s.obj
        doc_id = document.pk if hasattr(document, "pk") else int(document)
        if not cleanup_documents(c).filter(pk=doc_id).exists():
            raise InvalidInput(
                "该文件不在本次清理范围内（须为组织清理机关及其下级机关现行有效的文件）。", field="document"
            )
        item, _ = CleanupItem.objects.update_or_create(cleanup=c, document_id=doc_id,
                                                       defaults={"decision": decision, "reason": reason})  # fmt: skip
        s.new(document=doc_id, decision=decision)
    return item


def publish_cleanup(*, actor, cleanup, on: date) -> CleanupRound:
    """Publish the lists (继续有效 / 废止 / 失效, and 修改): every document in scope needs a decision; a document not on
    the 继续有效 list stops resolving as a basis from the publication day (国发〔2008〕17号 (十五))."""
    cleanup_id = cleanup.pk if hasattr(cleanup, "pk") else int(cleanup)
    with CLEANUP.step(actor, cleanup_id, "公布清理结果", Event.NORMATIVE_CLEANUP_PUBLISHED,
                      roles=(Role.SUPERVISOR, Role.LEADER), allowed=("open",), refusal="清理结果已公布。", on=on,
                      on_label="公布日期", after="started_on") as s:  # fmt: skip
        c = s.obj
        docs = list(cleanup_documents(c))
        items = {i.document_id: i for i in CleanupItem.objects.filter(cleanup=c)}
        missing = [d for d in docs if d.pk not in items]
        if missing:
            raise InvalidTransition(
                "以下文件尚无清理意见："
                + "、".join(f"《{d.title}》" for d in missing[:10])
                + f"（{rules.CLEANUP_CITATION}）。"
            )
        ended = {}
        for d in docs:
            item = items[d.pk]
            if item.decision == CleanupDecision.KEEP:
                continue
            _end_by_cleanup(actor, c, d, item, on)
            ended[d.number or str(d.pk)] = item.decision
        c.published_on, c.status = on, "published"
        s.changed("published_on", "status")
        s.new(published_on=on, kept=sum(1 for i in items.values() if i.decision == CleanupDecision.KEEP), ended=ended)
    return c


def _end_by_cleanup(actor, cleanup, doc, item, on: date) -> None:
    """废止 / 宣布失效 end the document; 修改 keeps it on the register but off the 继续有效 list, so it stops resolving
    as a basis until the amended text is published."""
    if item.decision == CleanupDecision.AMEND:
        _retire_in_library(actor, doc, on)
        return
    how = "repeal" if item.decision == CleanupDecision.REPEAL else "lapse"
    target = Status.REPEALED if how == "repeal" else Status.LAPSED
    with DOC.step(actor, doc, "废止或宣布失效", Event.NORMATIVE_ENDED, to=target, dated=False) as s:
        d = s.obj
        _end_document(s, actor, d, on, item.reason or f"{cleanup.title}：{item.get_decision_display()}")
        s.new(ended_on=on, cleanup=cleanup.pk)


__all__ = [
    "answer_comment",
    "answer_filing",
    "assess",
    "close_comments",
    "deliberate",
    "draft",
    "end",
    "file_with_district",
    "open_comments",
    "publish",
    "receive_comment",
    "submit_for_review",
]
