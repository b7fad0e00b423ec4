"""Writes for publicity: open a publication record when a case is decided, adjust the redaction, block, approve and
publish, record a revocation, withdraw, and take records off the portal when their period ends.

国办发〔2018〕118号 (六): penalties within 7 working days, other results within 20; 行政处罚法 第四十八条: withdrawal
within 3 working days with a public statement of reasons; 第五十条 and 个人信息保护法: private data stays private.
"""

from __future__ import annotations

import calendar
import io
from datetime import date
from decimal import Decimal

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.hashing import sm3_hex
from fazhi.audit.services import record
from fazhi.core import clock, deadlines
from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import DeadlineState
from fazhi.core.rules import UnknownRule, rule_for
from fazhi.core.selectors import get_setting
from fazhi.enforcement import rules as enforcement_rules
from fazhi.enforcement import selectors as enforcement
from fazhi.enforcement.models import PartyKind
from fazhi.enforcement.workflow import Outcome
from fazhi.org.selectors import visible_body_ids
from fazhi.publicity import redaction
from fazhi.publicity.models import Publication, PublicationState, ResultKind
from fazhi.publicity.rules import (
    PUBLISH_WARNING_ONLY,
    RETENTION_PERSON_MONTHS,
    RETENTION_SHORT_MONTHS,
    RETENTION_YEARS,
    SMALL_FINE_MAX,
)

DOC_118 = enforcement_rules.DOC_118
LAW = "《中华人民共和国行政处罚法》"
SUBJECT_TYPE = "publicity.publication"
SUMMARY_FIELDS = ("party_display", "violation_type", "penalty")


class PublicationRefused(DomainError):
    """A publicity step refused for a stated rule."""


# --- helpers --------------------------------------------------------------------------------------------------------


def _require_reviewer(actor, what: str) -> None:
    if actor is None:
        return
    if not (has_role(actor, Role.LEGAL_REVIEWER) or has_role(actor, Role.LEADER)):
        raise NotPermitted(f"{what}须由具有“法制审核人员”或“负责人”角色的人员办理。")


def _in_scope(actor, body_id: int) -> None:
    if actor is None or actor.is_superuser:
        return
    if body_id not in visible_body_ids(actor):
        raise NotPermitted("该记录不在您的管辖范围内。")


def _lock(publication: Publication | int) -> Publication:
    pk = publication.pk if isinstance(publication, Publication) else publication
    return Publication.objects.select_for_update().select_related("case", "body").get(pk=pk)


def _record(actor, pub: Publication, event: Event, payload: dict) -> None:
    record(actor=actor, event=event, subject=pub, payload=payload, body_id=pub.body_id)


def _close(actor, pub: Publication, rule_key: str, on: date) -> list:
    """Close the record's live deadlines of ``rule_key`` (a row the sweep marked missed included) on ``on``."""
    return [deadlines.close_deadline(actor=actor, deadline=d, on=on) for d in deadlines.live(pub, rule_key)]


def publish_rule_key(pub: Publication) -> str:
    if pub.kind == ResultKind.PENALTY:
        return enforcement_rules.PUBLISH_PERMIT_OR_PENALTY
    return enforcement_rules.PUBLISH_OTHER_DECISION


# --- the text of the decision ---------------------------------------------------------------------------------------


def decision_text(case) -> str:
    """The served decision (决定书) as plain text, built from the record by enforcement's document builder."""
    from docx import Document

    doc = Document(io.BytesIO(enforcement.decision_docx(case)))
    lines = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append("　".join(dict.fromkeys(cells)))
    return "\n".join(lines)


def _person_like(name: str) -> bool:
    name = (name or "").strip()
    return 2 <= len(name) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in name)


def known_from_case(case) -> redaction.Known:
    """What the record knows about the people in the case: the party's private details and third parties' names."""
    person = case.party_kind == PartyKind.PERSON
    third: set[str] = set()
    named = enforcement.named_people(case)
    for name in named.act_persons:
        for part in (name or "").replace("，", "、").replace(",", "、").split("、"):
            third.add(part.strip())
    for recipient, witnesses in named.services:
        third.add(recipient.strip())
        for part in (witnesses or "").replace("，", "、").split("、"):
            third.add(part.strip())
    if _person_like(case.reporter):
        third.add(case.reporter.strip())
    if person and case.party_representative:
        third.add(case.party_representative.strip())  # an agent or guardian of a natural person
    third = {n for n in third if _person_like(n) and n != case.party_name}
    return redaction.Known(
        party_name=case.party_name,
        party_is_person=person,
        id_numbers=(case.party_id_number,) if person and case.party_id_number else (),
        phones=(case.party_phone,) if case.party_phone else (),
        addresses=(case.party_address,) if case.party_address else (),
        third_party_names=tuple(sorted(third)),
    )


def _profile(body_id: int) -> redaction.Profile:
    return redaction.Profile(publish_warning_only=bool(get_setting(PUBLISH_WARNING_ONLY, body_id, default=False)))


def _warning_only(case) -> bool:
    kinds = [k.strip() for k in (case.penalty_kinds or "").replace(",", "、").split("、") if k.strip()]
    return case.outcome == Outcome.PENALTY and kinds == ["警告"] and not case.fine_amount


def act_description(case) -> str:
    """违法行为 as the facts word it (the first sentence of 违法事实), not the power item's name; the 案由 when the
    case has no facts (a 不予处罚 or 移送 outcome decided before they were written)."""
    facts = (case.facts or "").strip()
    if facts:
        first = facts.replace("\n", "。").split("。")[0].strip("，；、 ")
        return first[:200]
    return (case.title or "")[:200]


def summary_from_case(case) -> dict[str, str]:
    """The 信息摘要 before masking (总局令第45号 第四条第三款): 当事人, 违法行为, 处罚内容."""
    return {
        "party_display": case.party_name[:200],
        "violation_type": act_description(case),
        "penalty": (case.decision_text or case.get_outcome_display())[:500],
    }


def _apply_redaction(pub: Publication, case) -> None:
    """One set of masks per record (docs/decisions/0056): the full text's masks, the reviewer's and the record's known
    private details apply to the full text and to every summary field alike."""
    known = known_from_case(case)
    known = redaction.Known(
        **{**known.__dict__, "extra": tuple((m["text"], m.get("reason", "")) for m in pub.extra_masks)}
    )
    profile = _profile(pub.body_id)
    result = redaction.redact(pub.original_text, known, profile)
    pub.redacted_text = result.text
    pub.spans = [s.as_dict() for s in result.spans]
    pub.suspects = [s.as_dict() for s in result.suspects]
    for name, value in summary_from_case(case).items():
        setattr(pub, name, redaction.mask_everywhere(value, result, known, profile))


def _block_reasons(pub: Publication, case) -> list[str]:
    return redaction.block_reasons(
        party_is_person=case.party_kind == PartyKind.PERSON,
        party_id_number=case.party_id_number,
        decided_on=case.decided_on,
        minor_flag=pub.party_minor,
        privacy_centred=pub.privacy_centred,
        warning_only=_warning_only(case),
        profile=_profile(pub.body_id),
    )


def open_suspects(pub: Publication) -> list[dict]:
    """Suspect patterns the reviewer has neither masked nor cleared."""
    cleared = set(pub.cleared)
    return [s for s in pub.suspects if s["text"] not in cleared]


# --- services -------------------------------------------------------------------------------------------------------


def open_publication_for_case(*, actor, case) -> Publication:
    """A decided case gets its publication record and deadline: 7 working days for penalties, 20 for other results
    (国办发〔2018〕118号 第（六）项). Idempotent: a case that already has a record returns it unchanged.

    Blocked cases (minor party, 警告-only when not published by setting) are recorded as 不予公开 with the reason, and
    their deadline is closed on the decision date, since the obligation is fulfilled by the decision not to publish.
    """
    existing = Publication.objects.filter(case_id=case.pk).first()
    if existing is not None:
        return existing
    case = enforcement.case_for_publication(case.pk)
    if not case.decided_on or not case.decision_number or not case.outcome:
        raise InvalidTransition("案件尚未作出决定，不能建立公开记录。")
    kind = ResultKind.PENALTY if case.outcome == Outcome.PENALTY else ResultKind.OTHER
    person = case.party_kind == PartyKind.PERSON
    original = decision_text(case)
    with transaction.atomic():
        pub = Publication(
            case=case,
            body=case.body,
            kind=kind,
            decision_number=case.decision_number,
            party_is_person=person,
            fine_amount=case.fine_amount if kind == ResultKind.PENALTY else None,
            decided_on=case.decided_on,
            original_text=original,
            original_sm3=sm3_hex(original.encode()),
        )
        _apply_redaction(pub, case)
        blocked = _block_reasons(pub, case)
        if blocked:
            pub.state = PublicationState.BLOCKED
            pub.block_reason = "；".join(blocked)
        pub.save()
        rule_key = publish_rule_key(pub)
        try:
            rule_for(rule_key, on=case.decided_on)
        except UnknownRule:
            deadline = None  # decided before 118号 (2018-12-05): no publication period applied
        else:
            deadline = deadlines.open_deadline(
                actor=actor,
                subject=pub,
                body=case.body,
                rule_key=rule_key,
                start_date=case.decided_on,
                subject_label=f"{case.decision_number} {case.party_name}（执法决定公开）",
            )
        _record(
            actor,
            pub,
            Event.PUBLICATION_OPENED,
            {
                "old": {},
                "new": {
                    "state": pub.state,
                    "kind": pub.kind,
                    "case_id": case.pk,
                    "due_date": deadline.due_date if deadline else None,
                },
                "original_sm3": pub.original_sm3,
                "spans": len(pub.spans),
                "block_reason": pub.block_reason,
            },
        )
        if blocked and deadline is not None:
            deadlines.close_deadline(actor=actor, deadline=deadline, on=case.decided_on)
    return pub


def mask_more(*, actor, publication: Publication, text: str, reason: str = "") -> Publication:
    """The reviewer masks a further stretch (every occurrence of ``text``), with a reason."""
    _require_reviewer(actor, "补充屏蔽")
    text = (text or "").strip()
    if not text:
        raise InvalidInput("请填写需要屏蔽的文字。", field="text")
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        if pub.state != PublicationState.PENDING:
            raise InvalidTransition(f"该记录状态为“{pub.get_state_display()}”，只有待审核的记录可以调整屏蔽内容。")
        if text not in pub.original_text:
            raise InvalidInput(f"决定书原文中没有“{text}”，请复制原文中的文字。", field="text")
        old = {"spans": len(pub.spans), "extra_masks": list(pub.extra_masks)}
        pub.extra_masks = [*pub.extra_masks, {"text": text, "reason": (reason or "").strip()}]
        _apply_redaction(pub, pub.case)
        pub.save(update_fields=["extra_masks", "redacted_text", "spans", "suspects", *SUMMARY_FIELDS])
        _record(actor, pub, Event.PUBLICATION_MASKED, {"old": old, "new": {"spans": len(pub.spans), "added": text}})
    return pub


def clear_suspect(*, actor, publication: Publication, text: str) -> Publication:
    """The reviewer confirms that a suspect pattern (e.g. a receipt number) is not personal data."""
    _require_reviewer(actor, "确认待定内容")
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        if pub.state != PublicationState.PENDING:
            raise InvalidTransition(f"该记录状态为“{pub.get_state_display()}”，不能再调整。")
        if text not in {s["text"] for s in pub.suspects}:
            raise InvalidInput("该内容不在待确认清单中。", field="text")
        if text not in pub.cleared:
            pub.cleared = [*pub.cleared, text]
            pub.save(update_fields=["cleared"])
            _record(actor, pub, Event.PUBLICATION_MASKED, {"old": {}, "new": {"cleared": text}})
    return pub


def set_flags(*, actor, publication: Publication, minor: bool, privacy_centred: bool, on: date | None = None):
    """Mark the party as a minor or the case as privacy-centred: either blocks publication (DOMAIN.md §12)."""
    _require_reviewer(actor, "认定不予公开情形")
    on = on or clock.today()
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        if pub.state != PublicationState.PENDING:
            raise InvalidTransition(f"该记录状态为“{pub.get_state_display()}”，不能再调整。")
        old = {"party_minor": pub.party_minor, "privacy_centred": pub.privacy_centred, "state": pub.state}
        pub.party_minor, pub.privacy_centred = bool(minor), bool(privacy_centred)
        blocked = _block_reasons(pub, pub.case)
        if blocked:
            pub.state = PublicationState.BLOCKED
            pub.block_reason = "；".join(blocked)
        pub.save(update_fields=["party_minor", "privacy_centred", "state", "block_reason"])
        new = {"party_minor": pub.party_minor, "privacy_centred": pub.privacy_centred, "state": pub.state}
        _record(
            actor, pub, Event.PUBLICATION_BLOCKED if blocked else Event.PUBLICATION_MASKED, {"old": old, "new": new}
        )
        if blocked:
            _close(actor, pub, publish_rule_key(pub), max(on, pub.decided_on))
    return pub


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retire_date(pub: Publication, published_on: date) -> date:
    """When the record leaves the portal (总局令第45号 第十三条 as the model; the numbers are settings)."""
    case = pub.case
    kinds = case.penalty_kinds or ""
    short = int(get_setting(RETENTION_SHORT_MONTHS, pub.body_id, default=3))
    small = Decimal(str(get_setting(SMALL_FINE_MAX, pub.body_id, default=1000)))
    years = int(get_setting(RETENTION_YEARS, pub.body_id, default=3))
    months = years * 12
    only_light = set(k.strip() for k in kinds.replace(",", "、").split("、") if k.strip()) <= {
        "通报批评",
        "警告",
        "罚款",
    }
    if only_light and ("通报批评" in kinds or (pub.fine_amount is not None and pub.fine_amount <= small)):
        months = short
    if pub.party_is_person:
        months = min(months, int(get_setting(RETENTION_PERSON_MONTHS, pub.body_id, default=6)))
    return _add_months(published_on, months)


def publish(*, actor, publication: Publication, on: date | None = None) -> Publication:
    """Put an approved record on the portal. Refused before approval, for blocked records, and while a suspect
    pattern is neither masked nor cleared."""
    on = on or clock.today()
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        _check_publishable(pub)
        if pub.reviewed_by_id is None:
            raise PublicationRefused(
                "未经审核人员核对原文与脱敏文本并批准，不得公开（国办发〔2018〕118号 二：作适当处理后公开）。"
            )
        return _publish(actor, pub, on)


def _check_publishable(pub: Publication) -> None:
    if pub.state == PublicationState.BLOCKED:
        raise PublicationRefused(f"该决定不予公开：{pub.block_reason}")
    if pub.state != PublicationState.PENDING:
        raise InvalidTransition(f"该记录状态为“{pub.get_state_display()}”，不能公开。")
    remaining = open_suspects(pub)
    if remaining:
        shown = "、".join(s["text"] for s in remaining[:3])
        raise PublicationRefused(
            f"脱敏文本中仍有未处理的疑似个人信息（{shown}），请屏蔽或确认后再公开（《中华人民共和国行政处罚法》第五十条）。"
        )


def _publish(actor, pub: Publication, on: date) -> Publication:
    if on < pub.decided_on:
        raise InvalidInput(f"公开日期 {on} 早于决定日期 {pub.decided_on}。", field="on")
    old = {"state": pub.state}
    pub.state = PublicationState.PUBLISHED
    pub.published_on = on
    pub.retire_on = retire_date(pub, on)
    pub.save(update_fields=["state", "published_on", "retire_on", "reviewed_by"])
    closed = _close(actor, pub, publish_rule_key(pub), on)
    _record(
        actor,
        pub,
        Event.PUBLICATION_PUBLISHED,
        {
            "old": old,
            "new": {"state": pub.state, "published_on": on, "retire_on": pub.retire_on},
            "original_sm3": pub.original_sm3,
            "redacted_sm3": sm3_hex(pub.redacted_text.encode()),
            "redacted_text": pub.redacted_text,
            "summary": {name: getattr(pub, name) for name in SUMMARY_FIELDS},
            "spans": [{k: s[k] for k in ("start", "end", "kind")} for s in pub.spans],
            "cleared_count": len(pub.cleared),
            "reviewer": (actor.get_full_name() or actor.get_username()) if actor else "系统",
            "in_time": all(d.state == DeadlineState.MET for d in closed),
        },
    )
    return pub


def check_approvable(*, actor, publication: Publication, on: date) -> None:
    """What ``approve`` would refuse, checked without writing (the confirm page is shown only for a record that may go
    public on ``on``)."""
    _require_reviewer(actor, "审核公开")
    if on > clock.today():
        raise InvalidInput(f"公开日期 {on} 晚于今天。", field="on")
    _in_scope(actor, publication.body_id)
    _check_publishable(publication)
    if on < publication.decided_on:
        raise InvalidInput(f"公开日期 {on} 早于决定日期 {publication.decided_on}。", field="on")


def approve(*, actor, publication: Publication, on: date | None = None) -> Publication:
    """The reviewer, having compared original and redacted text, approves; the record is published at once."""
    _require_reviewer(actor, "审核公开")
    on = on or clock.today()
    if on > clock.today():
        raise InvalidInput(f"公开日期 {on} 晚于今天。", field="on")
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        _check_publishable(pub)
        pub.reviewed_by = actor
        return _publish(actor, pub, on)


def record_revocation(*, actor, publication: Publication, on: date, cause: str) -> Publication:
    """The published decision was revoked, changed or confirmed unlawful: the 3-working-day withdrawal clock starts
    (行政处罚法 第四十八条第二款)."""
    _require_reviewer(actor, "登记决定被撤销、变更或确认违法")
    cause = (cause or "").strip()
    if not cause:
        raise InvalidInput("请填写撤销、变更或确认违法的情况。", field="cause")
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        if pub.state != PublicationState.PUBLISHED:
            raise InvalidTransition("只有已公开的决定需要撤回。")
        if pub.revoked_on is not None:
            raise InvalidTransition(f"已于 {pub.revoked_on} 登记。")
        pub.revoked_on, pub.revocation_cause = on, cause
        pub.save(update_fields=["revoked_on", "revocation_cause"])
        try:
            rule_for(enforcement_rules.WITHDRAW_PUBLICATION, on=on)
        except UnknownRule:
            # Before 2021-07-15 no fixed period: 118号 (六) asks for withdrawal "及时"; no deadline row is opened.
            due_note = f"{DOC_118}第（六）项：及时撤下（当时未规定具体期限）"
        else:
            deadline = deadlines.open_deadline(
                actor=actor,
                subject=pub,
                body=pub.body,
                rule_key=enforcement_rules.WITHDRAW_PUBLICATION,
                start_date=on,
                subject_label=f"{pub.decision_number}（撤回公开）",
            )
            due_note = f"应于 {deadline.due_date} 前撤回（{deadline.rule_citation}）"
        _record(
            actor,
            pub,
            Event.PUBLICATION_REVOKED,
            {"old": {}, "new": {"revoked_on": on, "cause": cause}, "due": due_note},
        )
    return pub


def withdraw(*, actor, publication: Publication, on: date | None = None, reason: str) -> Publication:
    """Take a published decision off the portal; the public reason replaces it there (行政处罚法 第四十八条第二款)."""
    _require_reviewer(actor, "撤回已公开的决定")
    on = on or clock.today()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(f"撤回须公开说明理由（{LAW}第四十八条第二款），请填写撤回理由。", field="reason")
    with transaction.atomic():
        pub = _lock(publication)
        _in_scope(actor, pub.body_id)
        if pub.state != PublicationState.PUBLISHED:
            raise InvalidTransition(f"该记录状态为“{pub.get_state_display()}”，只有已公开的决定可以撤回。")
        pub.state, pub.withdrawn_on, pub.withdrawal_reason = PublicationState.WITHDRAWN, on, reason
        pub.save(update_fields=["state", "withdrawn_on", "withdrawal_reason"])
        _close(actor, pub, enforcement_rules.WITHDRAW_PUBLICATION, max(on, pub.revoked_on or on))
        _record(
            actor,
            pub,
            Event.PUBLICATION_WITHDRAWN,
            {"old": {"state": "published"}, "new": {"state": pub.state, "reason": reason}},
        )
    return pub


def sweep_expired(*, today: date | None = None, actor=None) -> int:
    """Take every published record whose period has ended off the portal. Set-based and idempotent: selects by state
    and ``retire_on <= today``, updates in one statement, writes one chain entry per body. Returns how many."""
    today = today or clock.today()
    with transaction.atomic():
        due = Publication.objects.select_for_update().filter(state=PublicationState.PUBLISHED, retire_on__lte=today)
        rows = list(due.values_list("id", "body_id"))
        if not rows:
            return 0
        ids = [pk for pk, _ in rows]
        count = Publication.objects.filter(id__in=ids, state=PublicationState.PUBLISHED).update(
            state=PublicationState.EXPIRED, expired_on=today
        )
        by_body: dict[int, list[int]] = {}
        for pk, body_id in rows:
            by_body.setdefault(body_id, []).append(pk)
        for body_id, pks in sorted(by_body.items()):
            record(
                actor=actor,
                event=Event.PUBLICATION_EXPIRED,
                subject=(SUBJECT_TYPE, f"body-{body_id}", f"公示期满下线 {len(pks)} 条"),
                payload={"old": {"state": "published"}, "new": {"state": "expired"}, "ids": pks, "on": today},
                body_id=body_id,
            )
    return count


def publish_statistics(*, actor, body, year: int, on: date | None = None):
    """Publish a body's 行政执法统计年报 for ``year`` (国办发〔2018〕118号 第（六）项: by 31 January of the next year).
    Only after the year has ended; once per body and year."""
    from fazhi.core.rules import annual_date_for
    from fazhi.publicity import statistics
    from fazhi.publicity.models import StatisticsReport

    if actor is not None and not (actor.is_superuser or has_role(actor, Role.LEADER)):
        raise NotPermitted("公开行政执法统计年报须由具有“负责人”角色的人员办理。")
    on = on or clock.today()
    if year >= on.year:
        raise InvalidInput(f"{year}年尚未结束，不能公开该年度的统计年报。", field="year")
    with transaction.atomic():
        _in_scope(actor, body.pk)
        if StatisticsReport.objects.select_for_update().filter(body=body, year=year).exists():
            raise InvalidTransition(f"{body.name}{year}年度统计年报已公开。")
        figures = statistics.to_jsonable(statistics.compute([body], year)[body.pk])
        report = StatisticsReport.objects.create(
            body=body, year=year, figures=figures, published_on=on, published_by=actor
        )
        rule = annual_date_for(enforcement_rules.ANNUAL_STATISTICS, on=date(year + 1, 1, 1))
        due = date(year + 1, rule.month, rule.day)
        record(
            actor=actor,
            event=Event.PUBLICATION_STATISTICS,
            subject=report,
            payload={
                "old": {},
                "new": {"year": year, "figures": figures, "published_on": on},
                "due": due,
                "in_time": on <= due,
            },
            body_id=body.pk,
        )
    return report
