"""Writes for legal review (法制审核): submit a round, give the written opinion.

The gate is generic: any app submits a subject (a model instance or a (type, id, label) tuple) and asks
``selectors.has_passed`` before deciding. An app that must react when a round concludes (the enforcement case goes
back for correction or on to decision) registers a handler for its subject type; the handler runs inside the same
transaction and its payload joins the one chain entry of the step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Min

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core import clock, deadlines
from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.selectors import get_setting
from fazhi.org.selectors import visible_body_ids
from fazhi.review.models import Conclusion, ReviewKind, ReviewRequest, ReviewState
from fazhi.review.rules import (
    FIRST_REVIEWER_CITATION,
    FIRST_REVIEWER_FROM,
    FIRST_REVIEWER_SETTING,
    GATE_CITATION,
    POINT_KEYS,
    REVIEW_CITATION,
    REVIEW_POINTS,
)


class ReviewError(DomainError):
    """A refused review step; the message names the rule (118号, 行政处罚法 第五十八条)."""


@dataclass(frozen=True)
class SubjectHandler:
    """How the review app talks back to the app owning a subject type (registered in that app's ready())."""

    on_concluded: Callable[..., dict] | None = None  # (request=, actor=) -> extra chain payload
    url: Callable[[str], str] | None = None  # subject_id -> page of the subject
    summary: Callable[[str], list[tuple[str, str]]] | None = None  # subject_id -> what the reviewer must read


_handlers: dict[str, SubjectHandler] = {}


def register_subject(subject_type: str, *, on_concluded=None, url=None, summary=None) -> None:
    _handlers[subject_type] = SubjectHandler(on_concluded=on_concluded, url=url, summary=summary)


def handler_for(subject_type: str) -> SubjectHandler:
    return _handlers.get(subject_type, SubjectHandler())


def _subject_parts(subject) -> tuple[str, str, str]:
    if isinstance(subject, tuple):
        subject_type, subject_id, *rest = subject
        return str(subject_type), str(subject_id), (rest[0] if rest else f"{subject_type}#{subject_id}")
    return subject._meta.label_lower, str(subject.pk), str(subject)


def open_round(
    *,
    actor,
    subject,
    body,
    kind: str,
    summary: str,
    submitted_on: date,
    reasons: list[str] | None = None,
    excluded_reviewer_ids: list[int] | None = None,
    rule_key: str | None = None,
) -> ReviewRequest:
    """Open a new round of review for a subject, without a chain entry: for a caller whose own step writes the one
    entry (``review_payload`` gives what it must carry). Refused while a round is pending or after one passed.

    ``excluded_reviewer_ids``: people who may not review this subject (for a case, its investigators: 118号 (十一)
    separates review from handling). ``rule_key``: the period rule whose deadline the review runs against.
    """
    subject_type, subject_id, label = _subject_parts(subject)
    if kind not in ReviewKind.values:
        raise InvalidInput(f"“{kind}”不是有效的审核类别。", field="kind")
    if not (summary or "").strip():
        raise InvalidInput(
            "请填写送审材料与说明（国办发〔2018〕118号第（十四）项：承办机构对送审材料的真实性、完整性负责）。",
            field="summary",
        )
    with transaction.atomic():
        existing = list(
            ReviewRequest.objects.select_for_update()
            .filter(subject_type=subject_type, subject_id=subject_id)
            .order_by("round")
        )
        if any(r.state == ReviewState.PENDING for r in existing):
            raise InvalidTransition(f"“{label}”已有一轮法制审核尚未出具意见，不能重复送审（{REVIEW_CITATION}）。")
        if existing and existing[-1].state == ReviewState.PASSED:
            raise InvalidTransition(f"“{label}”的法制审核已经通过，无需再次送审。")
        request = ReviewRequest.objects.create(
            body=body,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=label[:255],
            kind=kind,
            round=len(existing) + 1,
            summary=summary.strip(),
            reasons=list(reasons or []),
            excluded_reviewer_ids=sorted({int(i) for i in excluded_reviewer_ids or []}),
            submitted_by=actor,
            submitted_on=submitted_on,
        )
        if rule_key:
            deadlines.open_deadline(
                actor=actor,
                subject=request,
                body=body,
                rule_key=rule_key,
                start_date=submitted_on,
                subject_label=f"{label} 第{request.round}轮法制审核",
            )
    return request


def review_payload(request: ReviewRequest) -> dict:
    """What the chain entry of a submission carries about the round."""
    return {"review_id": request.pk, "round": request.round, "kind": request.kind, "reasons": request.reasons}


def submit(
    *,
    actor,
    subject,
    body,
    kind: str,
    summary: str,
    submitted_on: date,
    reasons: list[str] | None = None,
    excluded_reviewer_ids: list[int] | None = None,
    rule_key: str | None = None,
    payload_extra: dict | None = None,
) -> ReviewRequest:
    """Open a new round of review for a subject and write its chain entry (``review.submitted``).

    ``payload_extra`` joins the chain entry (the owning app's old/new state), so the step writes one entry.
    """
    subject_type, subject_id, label = _subject_parts(subject)
    with transaction.atomic():
        request = open_round(
            actor=actor,
            subject=subject,
            body=body,
            kind=kind,
            summary=summary,
            submitted_on=submitted_on,
            reasons=reasons,
            excluded_reviewer_ids=excluded_reviewer_ids,
            rule_key=rule_key,
        )
        payload = review_payload(request)
        payload.update(payload_extra or {})
        record(
            actor=actor,
            event=Event.REVIEW_SUBMITTED,
            subject=(subject_type, subject_id, label),
            payload=payload,
            body_id=body.pk,
        )
    return request


def _check_reviewer(actor, request: ReviewRequest, on: date) -> None:
    if actor is None or not has_role(actor, Role.LEGAL_REVIEWER):
        raise NotPermitted(f"只有具有“法制审核人员”角色的人员可以出具法制审核意见（{DOC_REVIEWER}）。")
    if not actor.is_superuser and request.body_id not in visible_body_ids(actor):
        raise NotPermitted("该审核事项不在您的管辖范围内。")
    if actor.pk in request.excluded_reviewer_ids:
        raise NotPermitted(
            f"{actor.get_full_name() or actor.username}参与了本案调查或承办，不得担任本案法制审核人员"
            f"（{DOC_REVIEWER}；《中华人民共和国行政处罚法》第四十三条）。"
        )
    if on < request.submitted_on:
        raise InvalidInput(f"审核日期 {on} 早于送审日期 {request.submitted_on}。", field="on")


def first_reviewer_gap(actor, request: ReviewRequest, on: date) -> str | None:
    """行政处罚法 第五十八条第二款: a person whose first review of a penalty decision falls on or after 2021-07-15 must
    hold a 法律职业资格. Returns the gap (naming the article) or None."""
    if actor is None or request.kind != ReviewKind.ENFORCEMENT_DECISION or on < FIRST_REVIEWER_FROM:
        return None
    earlier = (
        ReviewRequest.objects.filter(reviewer_id=actor.pk, kind=ReviewKind.ENFORCEMENT_DECISION)
        .exclude(reviewed_on__isnull=True)
        .aggregate(first=Min("reviewed_on"))["first"]
    )
    if earlier is not None and earlier < FIRST_REVIEWER_FROM:
        return None  # reviewing since before the 2021 text: not 初次
    number, obtained_on = (
        get_user_model()
        .objects.filter(pk=actor.pk)
        .values_list("legal_qualification_number", "legal_qualified_on")
        .get()
    )  # read from the record, not from a user object that may predate the qualification
    if number and (obtained_on is None or obtained_on <= on):
        return None
    name = actor.get_full_name() or actor.get_username()
    return f"{name}未登记法律职业资格，不能初次从事行政处罚决定法制审核（{FIRST_REVIEWER_CITATION}）。"


DOC_REVIEWER = "国办发〔2018〕118号第（十一）项：法制审核机构应当配备专门人员"


def clean_points(points: dict) -> list[dict]:
    """{key: (ok, note)} for all seven points of 118号 (十三) → the stored list, in the document's order."""
    missing = [p.text for p in REVIEW_POINTS if p.key not in points]
    if missing:
        raise InvalidInput(f"请逐项填写审核意见，尚缺：{'；'.join(missing)}（{REVIEW_CITATION}）。", field="points")
    unknown = set(points) - set(POINT_KEYS)
    if unknown:
        raise InvalidInput(f"未知的审核项：{'、'.join(sorted(unknown))}。", field="points")
    rows = []
    for point in REVIEW_POINTS:
        ok, note = points[point.key]
        rows.append({"key": point.key, "text": point.text, "ok": bool(ok), "note": (note or "").strip()})
    return rows


def give_opinion(
    *,
    actor,
    request: ReviewRequest | int,
    points: dict,
    conclusion: str,
    opinion: str,
    on: date | None = None,
) -> ReviewRequest:
    """The reviewer's written opinion: 同意, or 存在问题 with reasons (118号 (十三)). Closes the round's deadline and
    lets the subject's app react (a failed round sends the case back for correction)."""
    on = on or clock.today()
    if conclusion not in Conclusion.values:
        raise InvalidInput("审核结论应为“同意”或“存在问题”。", field="conclusion")
    rows = clean_points(points)
    failing = [r for r in rows if not r["ok"]]
    opinion = (opinion or "").strip()
    if conclusion == Conclusion.AGREE and failing:
        raise InvalidInput(
            f"有审核项不符合（{'；'.join(r['text'] for r in failing)}），不能出具“同意”意见（{REVIEW_CITATION}）。",
            field="conclusion",
        )
    if conclusion == Conclusion.PROBLEMS:
        if not failing:
            raise InvalidInput("出具“存在问题”意见时，请至少标明一项不符合的审核内容。", field="points")
        if not opinion and not any(r["note"] for r in failing):
            raise InvalidInput(f"“存在问题”意见须写明问题和理由（{REVIEW_CITATION}）。", field="opinion")
    if not opinion:
        opinion = (
            "经审核，同意。" if conclusion == Conclusion.AGREE else "；".join(r["note"] for r in failing if r["note"])
        )
    pk = request.pk if isinstance(request, ReviewRequest) else request
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update().get(pk=pk)
        if request.state != ReviewState.PENDING:
            raise InvalidTransition(f"该轮法制审核已{request.get_state_display()}，不能再次出具意见。")
        _check_reviewer(actor, request, on)
        gap = first_reviewer_gap(actor, request, on)
        if gap and get_setting(FIRST_REVIEWER_SETTING, body_id=request.body_id, default="refuse") != "flag":
            raise NotPermitted(gap)
        old = {"state": request.state}
        request.state = ReviewState.PASSED if conclusion == Conclusion.AGREE else ReviewState.FAILED
        request.conclusion = conclusion
        request.reviewer = actor
        request.reviewed_on = on
        request.points = rows
        request.opinion = opinion
        request.save(update_fields=["state", "conclusion", "reviewer", "reviewed_on", "points", "opinion"])
        # Every live clock of the round (a row the sweep marked missed is closed late, like any late close).
        for deadline in deadlines.live(request, lock=True):
            deadlines.close_deadline(actor=actor, deadline=deadline, on=on)
        payload = {
            "review_id": request.pk,
            "round": request.round,
            "old": old,
            "new": {"state": request.state, "conclusion": conclusion},
            "points": rows,
            "opinion": opinion,
        }
        if gap:
            payload["warnings"] = [gap]
        handler = handler_for(request.subject_type)
        if handler.on_concluded is not None:
            payload.update(handler.on_concluded(request=request, actor=actor) or {})
        record(
            actor=actor,
            event=Event.REVIEW_PASSED if request.state == ReviewState.PASSED else Event.REVIEW_FAILED,
            subject=(request.subject_type, request.subject_id, request.subject_label),
            payload=payload,
            body_id=request.body_id,
        )
    return request


__all__ = ["GATE_CITATION", "ReviewError", "give_opinion", "register_subject", "submit"]
