"""Every write of the mediation module.

The registry writes (村/社区, committees and their roll, 排查 rounds, a recorded read of a case file) are one
transaction and one chain entry each. The steps on a dispute go through core's step helper (``DISPUTE``): role and
scope, the row lock, the transition table (``rules.TRANSITIONS``), the step date, one chain entry with the step's own
event code. No chain payload carries a party's personal data: parties are named by id and side only (ADR 0052).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core import deadlines
from fazhi.core.access import has_any_role, require
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.numbering import issue_number
from fazhi.core.steps import Workflow, check_date
from fazhi.core.validation import service_text
from fazhi.mediation import rules
from fazhi.mediation.models import (
    COMMITTEE_ROLES,
    OPEN_STATUSES,
    Agreement,
    AgreementForm,
    Committee,
    CommitteeKind,
    Community,
    Consent,
    Dispute,
    DisputeKind,
    DisputeStatus,
    FollowUp,
    FollowUpKind,
    Gender,
    Member,
    MemberRole,
    Party,
    Performance,
    Recusal,
    Risk,
    Screening,
    Session,
    Side,
    Source,
)
from fazhi.mediation.permissions import FILE_READERS, HANDLERS, REGISTRARS

SERIES_DISPUTE = "调登"
SERIES_AGREEMENT = "调协"


def check_transition(old: str, new: str) -> None:
    if (old, new) not in rules.TRANSITIONS:
        labels = dict(DisputeStatus.choices)
        raise InvalidTransition(f"纠纷当前“{labels.get(old, old)}”，不能改为“{labels.get(new, new)}”。")


DISPUTE = Workflow(model=Dispute, check=check_transition, related=("body", "committee", "mediator", "community"))


# --- input cleaning ------------------------------------------------------------------------------------------------


_text = service_text  # every call names its max_length


def _choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise InvalidInput(f"请选择{label}。", field=field)
    return value


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _record(actor, event, subject, body_id, **payload) -> None:
    record(actor=actor, event=event, subject=subject, payload=payload, body_id=body_id)


# --- communities and committees ------------------------------------------------------------------------------------


def add_community(*, actor, body, name: str, kind: str = "village") -> Community:
    require(actor, *REGISTRARS, body=body, what="登记村/社区")
    name = _text(name, "name", "村/社区名称", max_length=60)
    with transaction.atomic():
        if Community.objects.filter(body=body, name=name).exists():
            raise InvalidInput(f"“{name}”已登记。", field="name")
        community = Community.objects.create(body=body, name=name, kind=kind)
        _record(actor, Event.MEDIATION_COMMUNITY_ADDED, community, body.pk, new={"name": name, "kind": kind})
    return community


def composition_refusal(members: list[dict]) -> tuple[str, str] | None:
    """Why a committee's members break 人民调解法 第九条 (field, message), or None.

    Members are the 主任, 副主任 and 委员: 三至九人, with a woman among them and one 主任 (hired mediators, 第十三条,
    are on the roll but not members of the committee)."""
    seated = [m for m in members if m.get("role") in COMMITTEE_ROLES]
    if len(seated) < rules.MIN_MEMBERS:
        return "members", f"人民调解委员会由委员三至九人组成（{rules.ART_COMPOSITION}），现只有{len(seated)}人。"
    if len(seated) > rules.MAX_MEMBERS:
        return (
            "members",
            f"人民调解委员会由委员三至九人组成（{rules.ART_COMPOSITION}），现有{len(seated)}人，超过九人。",
        )
    if not any(m.get("gender") == Gender.FEMALE for m in seated):
        return "members", f"人民调解委员会应当有妇女成员（{rules.ART_COMPOSITION}），所填委员中没有女性。"
    chairs = sum(1 for m in seated if m.get("role") == MemberRole.CHAIR)
    if chairs != 1:
        return "members", f"人民调解委员会设主任一人（{rules.ART_COMPOSITION}），现填了{chairs}名主任。"
    return None


def _clean_member(raw: dict, n: int) -> dict:
    label = f"第{n}名成员"
    name = _text(raw.get("name"), "members", f"{label}的姓名", max_length=40)
    if raw.get("gender") not in Gender.values:
        raise InvalidInput(f"请填写{label}（{name}）的性别。", field="members")
    if raw.get("role") not in MemberRole.values:
        raise InvalidInput(f"请填写{label}（{name}）的职务。", field="members")
    return {
        "name": name,
        "gender": raw["gender"],
        "role": raw["role"],
        "ethnic_minority": bool(raw.get("ethnic_minority")),
        "phone": _text(raw.get("phone"), "members", f"{label}的电话", max_length=30, required=False),
        "user": raw.get("user"),
    }


def register_committee(
    *, actor, body, name: str, kind: str, term_start: date, members: list[dict], community=None, address: str = "",
    on: date | None = None,
) -> Committee:  # fmt: skip
    """Register a committee with its members for a three-year term (第九条); all or nothing."""
    require(actor, *REGISTRARS, body=body, what="登记人民调解委员会")
    name = _text(name, "name", "调解委员会名称", max_length=100)
    _choice(kind, CommitteeKind, "kind", "调解委员会类别")
    term_start = check_date(term_start, field="term_start", label="本届任期起始日")
    on = check_date(on or term_start, field="on", label="登记日期")
    if community is not None and community.body_id != body.pk:
        raise InvalidInput("所选村/社区不属于本镇街。", field="community")
    cleaned = [_clean_member(m, n) for n, m in enumerate(members, start=1)]
    refusal = composition_refusal(cleaned)
    if refusal:
        raise InvalidInput(refusal[1], field=refusal[0])
    for m in cleaned:
        if m["user"] is not None and getattr(m["user"], "body_id", None) is not None:
            require(actor, body=m["user"].body_id, what="关联调解员账号")
    with transaction.atomic():
        if Committee.objects.filter(body=body, name=name).exists():
            raise InvalidInput(f"“{name}”已登记。", field="name")
        committee = Committee.objects.create(
            body=body, name=name, kind=kind, community=community, address=address.strip(), registered_on=on,
            term_start=term_start, term_end=add_years(term_start, rules.TERM_YEARS) - _one_day(),
        )  # fmt: skip
        Member.objects.bulk_create([Member(committee=committee, **m) for m in cleaned])
        _record(
            actor, Event.MEDIATION_COMMITTEE_REGISTERED, committee, body.pk,
            new={"name": name, "kind": kind, "term_start": term_start, "term_end": committee.term_end,
                 "members": len([m for m in cleaned if m["role"] in COMMITTEE_ROLES]),
                 "women": len([m for m in cleaned if m["gender"] == Gender.FEMALE and m["role"] in COMMITTEE_ROLES])},
        )  # fmt: skip
    return committee


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)


def hire_mediator(*, actor, committee: Committee, name: str, gender: str, phone: str = "", user=None) -> Member:
    """A hired mediator (第十三条): on the roll, not a member of the committee (not counted in 第九条's 3–9)."""
    require(actor, *REGISTRARS, body=committee.body_id, what="聘任调解员")
    cleaned = _clean_member({"name": name, "gender": gender, "role": MemberRole.HIRED, "phone": phone, "user": user}, 1)
    with transaction.atomic():
        member = Member.objects.create(committee=committee, **cleaned)
        _record(actor, Event.MEDIATION_MEDIATOR_HIRED, member, committee.body_id,
                new={"committee_id": committee.pk, "role": MemberRole.HIRED})  # fmt: skip
    return member


# --- registering a dispute -----------------------------------------------------------------------------------------


def _clean_party(raw: dict, n: int) -> dict:
    side = raw.get("side")
    if side not in Side.values:
        raise InvalidInput(f"请选择第{n}名当事人是哪一方。", field="parties")
    label = f"{Side(side).label}当事人"
    return {
        "side": side,
        "name": _text(raw.get("name"), "parties", f"{label}的姓名或名称", max_length=80),
        "id_number": _text(raw.get("id_number"), "parties", f"{label}的身份证件号码", max_length=30, required=False),
        "phone": _text(raw.get("phone"), "parties", f"{label}的联系电话", max_length=30, required=False),
        "address": _text(raw.get("address"), "parties", f"{label}的住址", max_length=200, required=False),
    }


def register_dispute(
    *, actor, body, registered_on: date | None, kind: str | None, source: str | None, community, summary: str,
    parties: list[dict], risk: str = Risk.LOW, occurred_on: date | None = None,
) -> Dispute:  # fmt: skip
    """一门受理登记 (天津条例 第十条、第十二条): every matter is registered, with both sides' parties."""
    require(actor, *HANDLERS, body=body, what="登记矛盾纠纷")
    if registered_on is None:
        raise InvalidInput(f"请填写登记日期（{rules.ART_REGISTER}：纠纷一律登记）。", field="registered_on")
    if not kind:
        raise InvalidInput("请选择纠纷类型（邻里、婚姻家庭、劳动报酬、土地……）。", field="kind")
    _choice(kind, DisputeKind, "kind", "纠纷类型")
    _choice(source, Source, "source", "纠纷来源")
    _choice(risk, Risk, "risk", "风险等级")
    if community is None or community.body_id != body.pk:
        raise InvalidInput("请选择本镇街的村/社区。", field="community")
    summary = _text(summary, "summary", "纠纷简要情况", max_length=4000)
    if occurred_on is not None:
        check_date(occurred_on, field="occurred_on", label="纠纷发生日期")
        if occurred_on > registered_on:
            raise InvalidInput(f"纠纷发生日期 {occurred_on} 晚于登记日期 {registered_on}。", field="occurred_on")
    cleaned = [_clean_party(p, n) for n, p in enumerate(parties, start=1) if p and (p.get("name") or "").strip()]
    sides = {p["side"] for p in cleaned}
    if sides != {Side.APPLICANT, Side.RESPONDENT}:
        raise InvalidInput("纠纷须登记双方当事人（申请方和被申请方各至少一人）。", field="parties")
    with DISPUTE.step(actor, None, "登记矛盾纠纷", Event.MEDIATION_DISPUTE_REGISTERED, roles=HANDLERS,
                      on=registered_on, on_field="registered_on", on_label="登记日期") as s:  # fmt: skip
        year = registered_on.year
        number = issue_number(body=body, series=SERIES_DISPUTE, year=year).number
        label = body.short_name or body.name
        dispute = s.created(
            Dispute.objects.create(
                body=body,
                number=f"{label}调登〔{year}〕{number}号",
                registered_on=registered_on,
                occurred_on=occurred_on,
                kind=kind,
                source=source,
                community=community,
                risk=risk,
                summary=summary,
            )  # fmt: skip
        )
        Party.objects.bulk_create([Party(dispute=dispute, **p) for p in cleaned])
        s.new(number=dispute.number, kind=kind, source=source, community_id=community.pk, risk=risk,
              registered_on=registered_on, parties={"a": sum(p["side"] == "a" for p in cleaned),
                                                    "b": sum(p["side"] == "b" for p in cleaned)})  # fmt: skip
    return dispute


# --- consent, acceptance, mediator ---------------------------------------------------------------------------------


def pending_consent(dispute: Dispute) -> list[Party]:
    return [p for p in dispute.parties.all() if p.consent != Consent.AGREED]


def acceptance_refusal(dispute: Dispute) -> str | None:
    """The guard of 受理调解: every party has agreed (第十七条)."""
    waiting = pending_consent(dispute)
    if waiting:
        sides = "、".join(sorted({p.get_side_display() for p in waiting}))
        return f"{rules.ART_CONSENT}：调解须经双方当事人同意；{sides}尚有当事人未表示同意，不能开始调解。"
    return None


def record_consent(*, actor, dispute, party: Party, consent: str, on: date) -> Dispute:
    """A party agrees to or refuses mediation. A refusal ends the matter: no mediation (第十七条)."""
    if consent not in (Consent.AGREED, Consent.REFUSED):
        raise InvalidInput("请选择当事人是否同意调解。", field="consent")
    refused = consent == Consent.REFUSED
    with DISPUTE.step(
        actor, dispute, "记录当事人意见", Event.MEDIATION_REFUSED if refused else Event.MEDIATION_CONSENT_RECORDED,
        roles=HANDLERS, to=DisputeStatus.REFUSED if refused else None,
        allowed=None if refused else (DisputeStatus.REGISTERED,),
        refusal="纠纷当前“{status}”，不能再记录当事人是否同意调解。", on=on, after="registered_on", on_label="表态日期",
    ) as s:  # fmt: skip
        dispute = s.obj
        party = Party.objects.select_for_update().get(pk=getattr(party, "pk", party))
        if party.dispute_id != dispute.pk:
            raise InvalidInput("所选当事人不属于本纠纷。", field="party")
        if party.consent != Consent.PENDING:
            raise InvalidInput("该当事人已经表态。", field="party")
        party.consent, party.consent_on = consent, on
        party.save(update_fields=["consent", "consent_on"])
        s.note(party_id=party.pk, side=party.side, consent=consent)
        if refused:
            dispute.closed_on = on
            dispute.end_reason = f"{party.get_side_display()}当事人明确拒绝调解，依照{rules.ART_CONSENT}不予调解。"
            s.changed("closed_on", "end_reason")
            s.new(closed_on=on)
    return dispute


def _active_member(committee: Committee, member, field: str) -> Member:
    if member is None:
        raise InvalidInput("请选择调解员。", field=field)
    if member.committee_id != committee.pk or not member.active:
        raise InvalidInput("所选调解员不是该调解委员会在任的调解员。", field=field)
    return member


def accept(*, actor, dispute, on: date, committee: Committee, mediator: Member, mediator_choice: str = "当事人共同选择",
           public_session: bool = False) -> Dispute:  # fmt: skip
    """受理调解: both parties agree (第十七条); the mediator is the parties' choice or the committee's (第二十条、
    第二十三条); the parties choose a public or private mediation (第二十三条)."""
    with DISPUTE.step(actor, dispute, "受理调解", Event.MEDIATION_ACCEPTED, roles=HANDLERS, to=DisputeStatus.MEDIATING,
                      on=on, on_label="受理日期", after="registered_on") as s:  # fmt: skip
        dispute = s.obj
        refusal = acceptance_refusal(dispute)
        if refusal:
            raise InvalidInput(refusal, field="on")
        if committee is None or committee.body_id != dispute.body_id:
            raise InvalidInput("请选择本镇街的人民调解委员会。", field="committee")
        _active_member(committee, mediator, "mediator")
        dispute.committee, dispute.mediator, dispute.accepted_on = committee, mediator, on
        dispute.mediator_choice = _text(mediator_choice, "mediator_choice", "调解员产生方式", max_length=20)
        dispute.public_session = bool(public_session)
        s.changed("committee", "mediator", "accepted_on", "mediator_choice", "public_session")
        s.new(committee_id=committee.pk, mediator_id=mediator.pk, accepted_on=on, mediator_choice=dispute.mediator_choice,
              public_session=dispute.public_session)  # fmt: skip
    return dispute


def recuse(*, actor, dispute, replacement: Member, reason: str, on: date) -> Dispute:
    """A mediator steps aside (a party asks for another, 第二十三条; or a conflict of interest) and is replaced."""
    reason = _text(reason, "reason", "回避理由", max_length=200)
    with DISPUTE.step(actor, dispute, "调解员回避", Event.MEDIATION_MEDIATOR_RECUSED, roles=HANDLERS,
                      allowed=(DisputeStatus.MEDIATING,), on=on, on_label="更换日期", after="accepted_on") as s:  # fmt: skip
        dispute = s.obj
        _active_member(dispute.committee, replacement, "replacement")
        if replacement.pk == dispute.mediator_id:
            raise InvalidInput("更换后的调解员与回避的调解员是同一人。", field="replacement")
        Recusal.objects.create(dispute=dispute, mediator=dispute.mediator, replacement=replacement, decided_on=on,
                               reason=reason)  # fmt: skip
        s.old(mediator_id=dispute.mediator_id)
        dispute.mediator = replacement
        s.changed("mediator")
        s.new(mediator_id=replacement.pk)
        s.note(reason=reason)
    return dispute


def record_session(*, actor, dispute, held_on: date, place: str, record_text: str) -> Session:
    """A session and its record (调解工作记录, 第二十七条)."""
    place = _text(place, "place", "调解地点", max_length=100)
    record_text = _text(record_text, "record_text", "调解记录", max_length=8000)
    with DISPUTE.step(actor, dispute, "记录调解", Event.MEDIATION_SESSION_RECORDED, roles=HANDLERS,
                      allowed=(DisputeStatus.MEDIATING,), on=held_on, on_field="held_on", on_label="调解日期",
                      after="accepted_on") as s:  # fmt: skip
        session = Session.objects.create(dispute=s.obj, held_on=held_on, place=place, mediator=s.obj.mediator,
                                         record=record_text)  # fmt: skip
        s.new(session_id=session.pk, held_on=held_on, mediator_id=s.obj.mediator_id)
    return session


def report_to_police(*, actor, dispute, on: date, station: str, reason: str) -> Dispute:
    """A possible public-order or criminal case: report it to the police (第二十五条; 天津条例 第四十条)."""
    station = _text(station, "station", "报告的公安机关", max_length=100)
    reason = _text(reason, "reason", "报告事由", max_length=1000)
    with DISPUTE.step(actor, dispute, "报告公安机关", Event.MEDIATION_REPORTED_TO_POLICE, roles=HANDLERS,
                      allowed=OPEN_STATUSES, refusal="纠纷已办结（{status}），不能再报告。", on=on,
                      on_label="报告日期", after="registered_on") as s:  # fmt: skip
        dispute = s.obj
        s.old(risk=dispute.risk, reported_on=dispute.reported_on)
        dispute.reported_on, dispute.risk = on, Risk.HIGH
        s.changed("reported_on", "risk")
        s.new(reported_on=on, risk=Risk.HIGH)
        s.note(station=station, reason=reason)
    return dispute


# --- ending: agreement, failure, referral --------------------------------------------------------------------------


def agreement_refusal(dispute: Dispute, *, form: str, facts: str, responsibilities: str, terms: str,
                      performance_method: str, performance_due, signed: bool) -> tuple[str, str] | None:  # fmt: skip
    """What a written 调解协议书 lacks of 第二十九条 (field, message), or None. An oral agreement (第二十八条) needs
    only its content, recorded by the mediator."""
    if not (terms or "").strip():
        return "terms", f"请填写达成协议的内容（{rules.ART_CONTENT}第一款第（三）项）。"
    if form == AgreementForm.ORAL:
        return None
    for party in dispute.parties.all():
        if not party.name or not (party.id_number or party.address):
            return "parties", (
                f"调解协议书应当载明当事人的基本情况（{rules.ART_CONTENT}第一款第（一）项）：{party.get_side_display()}"
                "当事人缺少身份证件号码或住址，请先补全。"
            )
    if not (facts or "").strip():
        return "facts", f"调解协议书应当载明纠纷的主要事实、争议事项（{rules.ART_CONTENT}第一款第（二）项）。"
    if not (responsibilities or "").strip():
        return "responsibilities", f"调解协议书应当载明各方当事人的责任（{rules.ART_CONTENT}第一款第（二）项）。"
    if not (performance_method or "").strip():
        return "performance_method", f"调解协议书应当载明履行的方式（{rules.ART_CONTENT}第一款第（三）项）。"
    if performance_due is None:
        return "performance_due", f"调解协议书应当载明履行的期限（{rules.ART_CONTENT}第一款第（三）项）。"
    if not signed:
        return "signed", (
            f"调解协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效"
            f"（{rules.ART_CONTENT}第二款）：请确认已签名盖章。"
        )
    return None


def agree(
    *, actor, dispute, form: str, on: date, terms: str, facts: str = "", responsibilities: str = "",
    performance_method: str = "", performance_due: date | None = None, performance_place: str = "",
    signed: bool = False,
) -> Agreement:  # fmt: skip
    """The mediation succeeds: a written 调解协议书 (第二十九条) or an oral agreement recorded (第二十八条). It takes
    effect on ``on`` (第二十九条第二款, 第三十条), which opens the parties' 30-day window to apply jointly for
    judicial confirmation (第三十三条) — their time, which lapses, never an overdue task."""
    if form not in AgreementForm.values:
        raise InvalidInput("请选择协议形式（书面调解协议书或口头协议）。", field="form")
    with DISPUTE.step(actor, dispute, "达成调解协议", Event.MEDIATION_AGREED, roles=HANDLERS, to=DisputeStatus.AGREED,
                      on=on, on_label="协议生效日期", after="accepted_on") as s:  # fmt: skip
        dispute = s.obj
        refusal = agreement_refusal(dispute, form=form, facts=facts, responsibilities=responsibilities, terms=terms,
                                    performance_method=performance_method, performance_due=performance_due,
                                    signed=signed)  # fmt: skip
        if refusal:
            raise InvalidInput(refusal[1], field=refusal[0])
        if performance_due is not None and performance_due < on:
            raise InvalidInput(f"履行期限 {performance_due} 早于协议生效日期 {on}。", field="performance_due")
        written = form == AgreementForm.WRITTEN
        number = ""
        if written:
            n = issue_number(body=dispute.body, series=SERIES_AGREEMENT, year=on.year).number
            number = f"{dispute.body.short_name or dispute.body.name}调协〔{on.year}〕{n}号"
        agreement = Agreement.objects.create(
            dispute=dispute, form=form, number=number, facts=facts.strip(), responsibilities=responsibilities.strip(),
            terms=terms.strip(), performance_method=performance_method.strip(), performance_due=performance_due,
            performance_place=performance_place.strip(), effective_on=on,
            copies=(dispute.parties.count() + 1) if written else 0,
        )  # fmt: skip
        dispute.closed_on = on
        s.changed("closed_on")
        s.open(rules.JUDICIAL_CONFIRMATION, on)
        s.new(agreement_id=agreement.pk, form=form, number=number, effective_on=on, performance_due=performance_due,
              copies=agreement.copies, closed_on=on)  # fmt: skip
    return agreement


def fail(*, actor, dispute, on: date, reason: str, routes: list[str]) -> Dispute:
    """调解不成: end it and tell the parties of the 仲裁, 行政, 司法 routes (第二十六条)."""
    reason = _text(reason, "reason", "调解不成的情况", max_length=2000)
    routes = [r for r in routes or [] if r in rules.FAILURE_ROUTES]
    if not routes:
        raise InvalidInput(
            f"调解不成的，应当告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（{rules.ART_FAILURE}）：请选择已告知的途径。",
            field="routes",
        )
    with DISPUTE.step(actor, dispute, "调解不成，终止调解", Event.MEDIATION_FAILED, roles=HANDLERS,
                      to=DisputeStatus.FAILED, on=on, on_label="终止日期", after="accepted_on") as s:  # fmt: skip
        dispute = s.obj
        dispute.closed_on, dispute.end_reason = on, reason
        dispute.routes_told = "、".join(rules.FAILURE_ROUTES[r] for r in routes)
        s.changed("closed_on", "end_reason", "routes_told")
        s.new(closed_on=on, routes_told=routes)
    return dispute


def refer(*, actor, dispute, on: date, to: str, reason: str) -> Dispute:
    """移交: to the court, the police, the 信访 office or an arbitration body (天津条例 第十二条、第二十六条)."""
    to = _text(to, "to", "移交单位", max_length=100)
    reason = _text(reason, "reason", "移交理由", max_length=1000)
    with DISPUTE.step(actor, dispute, "移交处理", Event.MEDIATION_REFERRED, roles=HANDLERS, to=DisputeStatus.REFERRED,
                      on=on, on_label="移交日期", after="registered_on") as s:  # fmt: skip
        dispute = s.obj
        dispute.closed_on, dispute.referred_to, dispute.end_reason = on, to, reason
        s.changed("closed_on", "referred_to", "end_reason")
        s.new(closed_on=on, referred_to=to)
    return dispute


# --- after the agreement -------------------------------------------------------------------------------------------


def follow_up(*, actor, dispute, kind: str, on: date, performance: str, note: str = "") -> FollowUp:
    """The committee supervises performance (第三十一条第二款) and revisits the parties (回访)."""
    _choice(kind, FollowUpKind, "kind", "类别")
    _choice(performance, Performance, "performance", "履行情况")
    note = _text(note, "note", "情况说明", max_length=2000, required=False)
    with DISPUTE.step(actor, dispute, "履行情况检查与回访", Event.MEDIATION_FOLLOWED_UP, roles=HANDLERS,
                      allowed=(DisputeStatus.AGREED,), refusal="只有调解成功的纠纷才需检查履行和回访（当前：{status}）。",
                      on=on, on_label="日期", after="closed_on") as s:  # fmt: skip
        item = FollowUp.objects.create(dispute=s.obj, kind=kind, on=on, performance=performance, note=note)
        s.close_window(rules.JUDICIAL_CONFIRMATION, on, only_lapsed=True)  # a lapsed window ends on its last day
        s.new(follow_up_id=item.pk, kind=kind, performance=performance)
    return item


def confirmation_refusal(dispute: Dispute) -> str | None:
    """The guard of 登记申请司法确认: within the 30 days of 第三十三条."""
    if dispute.confirmation_applied_on:
        return f"已于 {dispute.confirmation_applied_on} 登记申请司法确认。"
    window = deadlines.latest(dispute, rules.JUDICIAL_CONFIRMATION)
    if window is None:
        return "本纠纷没有生效的调解协议。"
    return None


def apply_for_confirmation(*, actor, dispute, on: date, court: str) -> Dispute:
    """The parties jointly applied to the court for 司法确认 within 30 days of the agreement taking effect (第三十三条)."""
    court = _text(court, "court", "受理法院", max_length=100)
    with DISPUTE.step(actor, dispute, "登记共同申请司法确认", Event.MEDIATION_CONFIRMATION_APPLIED, roles=HANDLERS,
                      allowed=(DisputeStatus.AGREED,), refusal="只有达成调解协议的纠纷可以申请司法确认（当前：{status}）。",
                      on=on, on_label="申请日期", after="closed_on") as s:  # fmt: skip
        dispute = s.obj
        refusal = confirmation_refusal(dispute)
        if refusal:
            raise InvalidInput(refusal, field="on")
        window = deadlines.latest(dispute, rules.JUDICIAL_CONFIRMATION)
        if on > window.due_date:
            raise InvalidInput(
                f"申请日期 {on} 已超过三十日期间（届满日 {window.due_date}，{rules.ART_CONFIRMATION}）：当事人可就调解协议"
                "的履行或者内容向人民法院提起诉讼。", field="on",
            )  # fmt: skip
        dispute.confirmation_applied_on, dispute.confirmation_court = on, court
        s.changed("confirmation_applied_on", "confirmation_court")
        s.close_window(rules.JUDICIAL_CONFIRMATION, on)
        s.new(confirmation_applied_on=on, confirmation_court=court)
    return dispute


# --- 排查 and reads -------------------------------------------------------------------------------------------------


RISK_ORDER = {Risk.HIGH: 0, Risk.MEDIUM: 1, Risk.LOW: 2}


def screen(*, actor, body, on: date, scope: str, findings: str = "") -> Screening:
    """An 排查 round (天津条例 第十九条、第二十条): the open disputes and their risk on that day, highest first."""
    require(actor, *HANDLERS, body=body, what="矛盾纠纷排查")
    on = check_date(on, field="held_on", label="排查日期")
    scope = _text(scope, "scope", "排查范围", max_length=200)
    findings = _text(findings, "findings", "研判意见", max_length=4000, required=False)
    with transaction.atomic():
        rows = list(
            Dispute.objects.filter(body=body, status__in=OPEN_STATUSES, registered_on__lte=on).values(
                "id", "number", "risk", "kind", "community__name", "registered_on"
            )
        )
        rows.sort(key=lambda r: (RISK_ORDER.get(r["risk"], 9), r["registered_on"], r["id"]))
        risks = [{"dispute_id": r["id"], "number": r["number"], "risk": r["risk"], "kind": r["kind"],
                  "community": r["community__name"]} for r in rows]  # fmt: skip
        item = Screening.objects.create(body=body, held_on=on, scope=scope, findings=findings, risks=risks)
        _record(actor, Event.MEDIATION_SCREENED, item, body.pk,
                new={"held_on": on, "scope": scope, "open": len(risks),
                     "high": sum(r["risk"] == Risk.HIGH for r in risks)})  # fmt: skip
    return item


def note_file_read(*, actor, dispute: Dispute, what: str = "查阅调解卷宗") -> bool:
    """Open a case file: a 调解员 reads their own town's files freely; anyone else allowed to (负责人, 监督人员) leaves
    a chain entry for every read (ADR 0052). Returns whether an entry was written."""
    require(actor, *FILE_READERS, body=dispute.body_id, what=what)
    if has_any_role(actor, *HANDLERS):
        return False
    _record(actor, Event.MEDIATION_FILE_READ, dispute, dispute.body_id, what=what, number=dispute.number)
    return True


def note_export(*, actor, body_id: int | None, rows: int) -> None:
    """An export with parties' data (调解员 only) is itself on the chain."""
    if not has_any_role(actor, *HANDLERS):
        raise NotPermitted("导出含当事人信息的台账须由具有“调解员”角色的人员办理。")
    record(actor=actor, event=Event.MEDIATION_EXPORTED, subject=("mediation.dispute", "export", "矛盾纠纷台账"),
           payload={"rows": rows}, body_id=body_id)  # fmt: skip
