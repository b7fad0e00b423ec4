"""Every write of a penalty case: one function per step of the ordinary and summary procedures.

Each step takes keyword-only arguments and an explicit ``actor``, runs in one transaction with the case row locked,
checks its preconditions (order of steps, roles, certified officers, windows, the review gate) and raises a
``DomainError`` subclass naming the rule and its article, then writes, appends one chain entry about the case and
opens or closes the deadlines the step starts or ends. A refused step changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core import deadlines
from fazhi.core.access import Role, has_role
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.numbering import issue_number
from fazhi.core.rules import UnknownRule, amount_for, compute_for_rule, rule_for
from fazhi.core.selectors import get_setting
from fazhi.enforcement import hooks, rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, NotPermitted, RuleViolation
from fazhi.enforcement.files import RECORDING_EXTENSIONS, StoredFile, store_upload
from fazhi.enforcement.models import (
    RECORDING_ADVISED_SERVICE,
    RECORDING_REQUIRED,
    ActKind,
    Case,
    Deliberation,
    Evidence,
    EvidenceKind,
    Hearing,
    InvestigationAct,
    LeadSource,
    PartyKind,
    Payment,
    Preservation,
    Recusal,
    Remedy,
    RemedyKind,
    Service,
    ServiceMethod,
    Statement,
)
from fazhi.enforcement.workflow import BEFORE_DECISION, INVESTIGATION_OPEN, LAW, Outcome, Procedure, Status
from fazhi.enforcement.workflow import check_transition as _check
from fazhi.org.models import User
from fazhi.org.selectors import officers_certified_on, visible_body_ids

CASE_TYPE = "enforcement.case"
DOC_118 = "国办发〔2018〕118号"
HEARING_KINDS = ("吊销", "降低资质等级", "责令停产停业", "责令关闭", "限制从业")
PENALTY_KINDS = (
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
)
CENT = Decimal("0.01")


# --- helpers ------------------------------------------------------------------------------------------------------


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "系统"


def _in_scope(actor, case: Case) -> None:
    if actor is None or actor.is_superuser:
        return
    if case.body_id not in visible_body_ids(actor):
        raise NotPermitted("该案件不在您的管辖范围内。")


def _require(actor, *roles: Role, what: str) -> None:
    if actor is None:
        return
    if not any(has_role(actor, role) for role in roles):
        names = "或".join(f"“{r.label}”" for r in roles)
        raise NotPermitted(f"{what}须由具有{names}角色的人员办理。")


def _not_future(on: date, field: str, label: str) -> None:
    if on is None:
        raise InvalidInput(f"请填写{label}。", field=field)
    if on > timezone.localdate():
        raise InvalidInput(f"{label} {on} 晚于今天。", field=field)


def _text(value: str, field: str, label: str, *, why: str = "") -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"请填写{label}{f'（{why}）' if why else ''}。", field=field)
    return value


def _lock(case: Case | int) -> Case:
    pk = case.pk if isinstance(case, Case) else case
    return Case.objects.select_for_update().select_related("body").get(pk=pk)


def _move(case: Case, target: str) -> dict:
    """Check the transition table and change the status; returns the old/new pair for the chain."""
    _check(case.status, target)
    old = case.status
    case.status = target
    return {"status": [old, target]}


def _record(actor, case: Case, event: Event, payload: dict) -> None:
    record(actor=actor, event=event, subject=case, payload=payload, body_id=case.body_id)


def _open(actor, case: Case, rule_key: str, start: date, *, subject=None, label: str | None = None) -> Deadline:
    return deadlines.open_deadline(
        actor=actor,
        subject=subject or case,
        body=case.body,
        rule_key=rule_key,
        start_date=start,
        subject_label=label or case.label,
    )


def _open_deadlines(case: Case, rule_key: str, *, subject=None) -> list[Deadline]:
    subject = subject or case
    return list(
        Deadline.objects.filter(
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            rule_key=rule_key,
            state__in=[DeadlineState.OPEN, DeadlineState.PAUSED],
        ).order_by("id")
    )


def _close(actor, case: Case, rule_key: str, on: date, *, subject=None) -> list[Deadline]:
    return [
        deadlines.close_deadline(actor=actor, deadline=d, on=max(on, d.start_date))
        for d in _open_deadlines(case, rule_key, subject=subject)
    ]


def _finish_window(actor, case: Case, on: date) -> None:
    """The party's statement/hearing window is the party's time, not an obligation of the agency: it ends when the
    party acts (on that day) or when it runs out (on its due date), and is closed as met either way."""
    for key in (rules.HEARING_REQUEST, rules.STATEMENT):
        for d in _open_deadlines(case, key):
            deadlines.close_deadline(actor=actor, deadline=d, on=min(max(on, d.start_date), d.due_date))


def _close_lapsed_window(actor, case: Case, on: date) -> None:
    """When the next step is taken after the party's window has run out, close the window as met on its last day: it
    was the party's time, never an overdue obligation of the officer. A window still running stays open."""
    for key in (rules.HEARING_REQUEST, rules.STATEMENT):
        for d in _open_deadlines(case, key):
            if d.due_date < on:
                deadlines.close_deadline(actor=actor, deadline=d, on=d.due_date)


def _window(case: Case) -> Deadline | None:
    return (
        Deadline.objects.filter(
            subject_type=CASE_TYPE, subject_id=str(case.pk), rule_key__in=[rules.HEARING_REQUEST, rules.STATEMENT]
        )
        .order_by("-id")
        .first()
    )


def _certified_pair(officers, on: date, *, what: str) -> list[User]:
    """行政处罚法 第四十二条: at least two officers holding 行政执法资格 on that day."""
    people = list({o.pk: o for o in officers if o is not None}.values())
    if len(people) < 2:
        raise RuleViolation(f"{what}须由两名以上执法人员进行（{LAW}第四十二条），当前只有{len(people)}人。")
    certified = officers_certified_on([p.pk for p in people], on)
    lacking = [p for p in people if p.pk not in certified]
    if lacking:
        names = "、".join(_name(p) for p in lacking)
        raise RuleViolation(f"{names}在 {on} 没有有效的行政执法证件，不得参与{what}（{LAW}第四十二条、第五十五条）。")
    return people


def _recused_ids(case: Case) -> set[int]:
    return set(case.recusals.filter(granted=True).values_list("person_id", flat=True))


def investigator_ids(case: Case) -> set[int]:
    """Everyone who handled or investigated the case: they may neither review it nor preside over its hearing."""
    ids = set(case.officers.values_list("pk", flat=True))
    ids |= set(
        InvestigationAct.officers.through.objects.filter(investigationact__case=case).values_list("user_id", flat=True)
    )
    ids.add(case.registered_by_id)
    return ids


def prefix_for(body) -> str:
    """The 机关代字 of a body's enforcement documents (setting enforcement.number_prefix; default from its name)."""
    default = (body.short_name or body.name).replace("人民政府", "").removesuffix("镇").removesuffix("街道") + "综执"
    return str(get_setting("enforcement.number_prefix", body_id=body.pk, default=default))


def _number(case: Case, series: str, on: date) -> str:
    return issue_number(body=case.body, series=series, year=on.year, prefix=prefix_for(case.body)).text


def _money(value, field: str, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except ArithmeticError as exc:
        raise InvalidInput(f"{label}应为金额（元）。", field=field) from exc
    if amount < 0:
        raise InvalidInput(f"{label}不能为负数。", field=field)
    return amount


def _kinds(text: str) -> list[str]:
    import re

    return [k for k in re.split(r"[、，,；;\s]+", text or "") if k]


# --- 1. 案源 (lead) ------------------------------------------------------------------------------------------------


def register_lead(
    *,
    actor,
    body,
    source: str,
    title: str,
    description: str,
    place: str,
    discovered_on: date,
    act_date: date,
    party_kind: str,
    party_name: str,
    reporter: str = "",
    party_id_number: str = "",
    party_address: str = "",
    party_phone: str = "",
    party_representative: str = "",
    act_continuing: bool = False,
    life_or_finance_harm: bool = False,
) -> Case:
    """登记案源: source, what, where, when discovered, who reported. Starts the filing period (第五十四条 及时立案)."""
    _require(actor, Role.OFFICER, Role.LEADER, what="登记案源")
    if actor is not None and not actor.is_superuser and body.pk not in visible_body_ids(actor):
        raise NotPermitted("不能为管辖范围以外的机关登记案源。")
    if source not in LeadSource.values:
        raise InvalidInput("请选择案源类别（巡查、投诉举报、移送、上级交办、监督平台下派）。", field="source")
    if party_kind not in PartyKind.values:
        raise InvalidInput("请选择当事人类别（公民，或法人或者其他组织）。", field="party_kind")
    title = _text(title, "title", "案由")
    description = _text(description, "description", "案源情况")
    place = _text(place, "place", "地点")
    party_name = _text(party_name, "party_name", "当事人姓名或名称")
    _not_future(discovered_on, "discovered_on", "发现日期")
    if act_date is None:
        raise InvalidInput("请填写违法行为发生日期。", field="act_date")
    if act_date > discovered_on:
        raise InvalidInput(f"违法行为发生日期 {act_date} 晚于发现日期 {discovered_on}。", field="act_date")
    if source in (LeadSource.COMPLAINT, LeadSource.TRANSFER, LeadSource.ASSIGNED) and not reporter.strip():
        raise InvalidInput("投诉举报、移送或交办的案源须填写举报人或移送、交办单位。", field="reporter")
    with transaction.atomic():
        case = Case.objects.create(
            body=body,
            procedure=Procedure.ORDINARY,
            status=Status.LEAD,
            source=source,
            title=title,
            description=description,
            place=place,
            discovered_on=discovered_on,
            reporter=reporter.strip(),
            act_date=act_date,
            act_continuing=act_continuing,
            life_or_finance_harm=life_or_finance_harm,
            registered_by=actor,
            party_kind=party_kind,
            party_name=party_name,
            party_id_number=party_id_number.strip(),
            party_address=party_address.strip(),
            party_phone=party_phone.strip(),
            party_representative=party_representative.strip(),
        )
        _open(actor, case, rules.FILING, discovered_on, label=f"{party_name}{title}（立案）")
        _record(
            actor,
            case,
            Event.CASE_LEAD_REGISTERED,
            {
                "new": {
                    "status": case.status,
                    "source": source,
                    "title": title,
                    "place": place,
                    "discovered_on": discovered_on,
                    "act_date": act_date,
                    "party": party_name,
                    "reporter": case.reporter,
                }
            },
        )
    return case


# --- 2. 立案 (filing) ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limitation:
    lapsed: bool
    last_day: date
    years: int
    citation: str

    @property
    def message(self) -> str:
        return (
            f"违法行为自 {self.last_day - timedelta(days=1)} 前后起已超过{self.years}年未被发现，不再给予行政处罚"
            f"（{self.citation}），不能立案。"
        )


def limitation_for(case: Case) -> Limitation:
    """第三十六条: 2 years from the act (or its end); 5 years for life-health or financial safety with harm."""
    rule = rule_for(rules.LIMITATION, on=case.discovered_on)
    if case.life_or_finance_harm:
        try:
            rule = rule_for(rules.LIMITATION_LIFE_OR_FINANCE, on=case.discovered_on)
        except UnknownRule:
            pass  # the 5-year period is new in the 2021 text
    result = compute_for_rule(rule, case.act_date, body_id=case.body_id, estimate=True)
    return Limitation(
        lapsed=case.discovered_on > result.due,
        last_day=result.due,
        years=rule.period(case.body_id).count,
        citation=rule.citation,
    )


def request_filing(*, actor, case: Case, officers, on: date, opinion: str = "") -> Case:
    """提请立案: name the handling officers (≥ 2, certified on the day) and ask the leader to approve."""
    _require(actor, Role.OFFICER, what="提请立案审批")
    _not_future(on, "on", "提请日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.FILING)
        if on < case.discovered_on:
            raise InvalidInput(f"提请立案日期 {on} 早于发现日期 {case.discovered_on}。", field="on")
        people = _certified_pair(officers, on, what="承办案件")
        limitation = limitation_for(case)
        if limitation.lapsed:
            raise RuleViolation(limitation.message)
        case.filing_requested_on = on
        case.filing_opinion = opinion.strip()
        case.save(update_fields=["status", "filing_requested_on", "filing_opinion"])
        case.officers.set(people)
        _record(
            actor,
            case,
            Event.CASE_FILING_REQUESTED,
            {
                "old": {"status": change["status"][0]},
                "new": {"status": case.status, "on": on, "officers": [p.pk for p in people]},
            },
        )
    return case


def approve_filing(*, actor, case: Case, on: date, opinion: str = "") -> Case:
    """批准立案 (the responsible leader): limitation checked again, case number issued, 90-day clock started."""
    _require(actor, Role.LEADER, what="批准立案")
    _not_future(on, "on", "立案日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.INVESTIGATING)
        if on < case.filing_requested_on:
            raise InvalidInput(f"立案日期 {on} 早于提请日期 {case.filing_requested_on}。", field="on")
        limitation = limitation_for(case)
        if limitation.lapsed:
            raise RuleViolation(limitation.message)
        case.filed_on = on
        case.filing_approver = actor
        if opinion.strip():
            case.filing_opinion = opinion.strip()
        case.number = _number(case, "立", on)
        case.save(update_fields=["status", "filed_on", "filing_approver", "filing_opinion", "number"])
        _close(actor, case, rules.FILING, on)
        _open(actor, case, rules.DECISION, on)
        _record(
            actor,
            case,
            Event.CASE_FILED,
            {
                "old": {"status": change["status"][0]},
                "new": {"status": case.status, "filed_on": on, "number": case.number},
                "limitation_last_day": limitation.last_day,
            },
        )
    return case


def decline_filing(*, actor, case: Case, on: date, reason: str) -> Case:
    """不予立案 (lapsed, no violation, not our jurisdiction …), with the reason; the filing clock closes."""
    _require(actor, Role.LEADER, what="决定不予立案")
    reason = _text(reason, "reason", "不予立案理由")
    _not_future(on, "on", "决定日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.NOT_FILED)
        case.not_filed_reason = reason
        case.save(update_fields=["status", "not_filed_reason"])
        _close(actor, case, rules.FILING, on)
        _record(
            actor,
            case,
            Event.CASE_NOT_FILED,
            {"old": {"status": change["status"][0]}, "new": {"status": case.status, "reason": reason, "on": on}},
        )
    return case


# --- 3. 调查取证 (investigation) -----------------------------------------------------------------------------------


def _store_evidence(
    *,
    actor,
    case: Case,
    upload,
    kind: str,
    title: str,
    collected_on: date,
    proves: str = "",
    act=None,
    is_recording: bool = False,
    field: str = "file",
) -> tuple[Evidence, StoredFile]:
    if kind not in EvidenceKind.values:
        raise InvalidInput(
            f"证据种类应为{LAW}第四十六条规定的八类之一：{'、'.join(EvidenceKind.labels)}。", field="kind"
        )
    title = _text(title, "title", "证据名称")
    stored = store_upload(upload, folder="enforcement/evidence", body_id=case.body_id, field=field)
    if is_recording and not stored.name.endswith(tuple(RECORDING_EXTENSIONS)):
        raise InvalidInput(
            f"执法音像记录应为音频或视频文件（{'、'.join(sorted(e.lstrip('.') for e in RECORDING_EXTENSIONS))}）。",
            field=field,
        )
    evidence = Evidence.objects.create(
        case=case,
        act=act,
        kind=kind,
        title=title,
        proves=proves.strip(),
        collected_on=collected_on,
        is_recording=is_recording,
        file_name=stored.name,
        original_name=stored.original_name[:255],
        content_type=stored.content_type,
        size=stored.size,
        sm3=stored.sm3,
        added_by=actor,
    )
    return evidence, stored


def add_evidence(
    *,
    actor,
    case: Case,
    kind: str,
    title: str,
    collected_on: date,
    upload,
    proves: str = "",
    act=None,
    is_recording: bool = False,
) -> Evidence:
    """登记证据 of the eight statutory kinds (第四十六条), its file stored by SM3 and named on the chain."""
    _require(actor, Role.OFFICER, what="登记证据")
    _not_future(collected_on, "collected_on", "取得日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in INVESTIGATION_OPEN and case.status not in (Status.NOTIFIED, Status.HEARING):
            raise InvalidTransition(
                f"案件当前处于“{case.get_status_display()}”，不能再登记证据（证据应在立案后、作出决定前收集，{LAW}第五十四条）。"
            )
        if collected_on < case.discovered_on:
            raise InvalidInput(
                f"证据取得日期 {collected_on} 早于案源发现日期 {case.discovered_on}。", field="collected_on"
            )
        evidence, stored = _store_evidence(
            actor=actor,
            case=case,
            upload=upload,
            kind=kind,
            title=title,
            collected_on=collected_on,
            proves=proves,
            act=act,
            is_recording=is_recording,
        )
        _record(
            actor,
            case,
            Event.CASE_EVIDENCE_ADDED,
            {
                "new": {"evidence_id": evidence.pk, "kind": kind, "title": evidence.title, "size": stored.size},
                "files": [stored.chain_item()],
            },
        )
    return evidence


def record_act(
    *,
    actor,
    case: Case,
    kind: str,
    on: date,
    place: str,
    officers,
    content: str,
    person: str = "",
    certificates_shown: bool = True,
    signed: bool = True,
    refusal_note: str = "",
    recording=None,
) -> InvestigationAct:
    """询问、检查、勘验、取证: ≥ 2 officers certified on the day (第四十二条), certificates shown and a signed
    笔录 (第五十五条), no recused officer (第四十三条). 查封扣押 and 强制拆除 need an audio-video recording (118号 (八))."""
    _require(actor, Role.OFFICER, what="记录调查取证")
    if kind not in ActKind.values or kind == ActKind.PRESERVATION:
        raise InvalidInput("请选择调查取证类别（先行登记保存请使用专门的审批步骤）。", field="kind")
    _not_future(on, "on", "调查日期")
    place = _text(place, "place", "地点")
    content = _text(content, "content", "笔录内容", why=f"{LAW}第五十五条：询问或者检查应当制作笔录")
    if not certificates_shown:
        raise RuleViolation(
            f"执法人员应当主动向当事人或者有关人员出示执法证件；未出示的，当事人有权拒绝接受调查或者检查（{LAW}第五十五条）。"
        )
    if not signed and not refusal_note.strip():
        raise InvalidInput("当事人未签名的，请注明拒绝签名的情况（笔录须经当事人核对签名）。", field="refusal_note")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in INVESTIGATION_OPEN:
            raise InvalidTransition(
                f"案件当前处于“{case.get_status_display()}”，不能进行调查取证（应在立案后、调查终结前进行，{LAW}第五十四条、第五十五条）。"
            )
        if on < case.filed_on:
            raise InvalidInput(f"调查日期 {on} 早于立案日期 {case.filed_on}。", field="on")
        people = _certified_pair(officers, on, what=ActKind(kind).label)
        recused = _recused_ids(case) & {p.pk for p in people}
        if recused:
            names = "、".join(_name(p) for p in people if p.pk in recused)
            raise RuleViolation(f"{names}已决定回避，不得参与本案调查（{LAW}第四十三条）。")
        if kind in RECORDING_REQUIRED and recording is None:
            raise RuleViolation(
                f"{ActKind(kind).label}应当进行全程音像记录（{DOC_118}第（八）项），请上传录音录像后再保存。"
            )
        act = InvestigationAct.objects.create(
            case=case,
            kind=kind,
            on=on,
            place=place,
            person=person.strip(),
            content=content,
            certificates_shown=True,
            signed=signed,
            refusal_note=refusal_note.strip(),
            recorded_by=actor,
        )
        act.officers.set(people)
        files = []
        if recording is not None:
            _evidence, stored = _store_evidence(
                actor=actor,
                case=case,
                upload=recording,
                kind=EvidenceKind.AUDIOVISUAL,
                title=f"{on} {ActKind(kind).label}执法音像记录",
                collected_on=on,
                act=act,
                is_recording=True,
                field="recording",
            )
            files.append(stored.chain_item())
        payload = {
            "new": {
                "act_id": act.pk,
                "kind": kind,
                "on": on,
                "place": place,
                "officers": [p.pk for p in people],
                "signed": signed,
            }
        }
        if files:
            payload["files"] = files
        _record(actor, case, Event.CASE_ACT_RECORDED, payload)
    return act


def decide_recusal(
    *, actor, case: Case, person, applicant: str, reason: str, granted: bool, on: date, replacement=None
) -> Recusal:
    """回避 (第四十三条): the 负责人 decides; a recused officer leaves the case, and the case keeps ≥ 2 officers."""
    _require(actor, Role.LEADER, what="作出回避决定")
    applicant = _text(applicant, "applicant", "申请人")
    reason = _text(reason, "reason", "回避理由")
    _not_future(on, "on", "决定日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in BEFORE_DECISION and case.status != Status.FILING:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，已不能申请回避（{LAW}第四十三条）。")
        officers = list(case.officers.all())
        new_officers = officers
        if granted:
            new_officers = [o for o in officers if o.pk != person.pk]
            if replacement is not None and replacement.pk not in {o.pk for o in new_officers}:
                new_officers.append(replacement)
            if len(new_officers) < 2:
                raise RuleViolation(
                    f"{_name(person)}回避后本案承办人员不足两名，请同时指定替换的执法人员（{LAW}第四十二条）。"
                )
            if replacement is not None:
                _certified_pair(new_officers, on, what="承办案件")
        recusal = Recusal.objects.create(
            case=case,
            person=person,
            applicant=applicant,
            reason=reason,
            granted=granted,
            decided_by=actor,
            decided_on=on,
        )
        if granted:
            case.officers.set(new_officers)
        _record(
            actor,
            case,
            Event.CASE_RECUSAL_DECIDED,
            {
                "new": {"person": person.pk, "granted": granted, "reason": reason, "applicant": applicant, "on": on},
                "officers": {"old": [o.pk for o in officers], "new": [o.pk for o in new_officers]},
            },
        )
    return recusal


def preserve_evidence(*, actor, case: Case, items: str, on: date, approver, officers) -> Preservation:
    """先行登记保存 (第五十六条): evidence may be lost; the 负责人 approves; a handling decision within 7 working days."""
    _require(actor, Role.OFFICER, what="先行登记保存")
    items = _text(items, "items", "物品清单")
    _not_future(on, "on", "保存日期")
    if approver is None or not has_role(approver, Role.LEADER):
        raise RuleViolation(f"先行登记保存须经行政机关负责人批准（{LAW}第五十六条）。")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        _in_scope(approver, case)
        if case.status not in INVESTIGATION_OPEN:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，不能先行登记保存（{LAW}第五十六条）。")
        people = _certified_pair(officers, on, what="先行登记保存")
        preservation = Preservation.objects.create(case=case, items=items, on=on, approved_by=approver)
        act = InvestigationAct.objects.create(
            case=case,
            kind=ActKind.PRESERVATION,
            on=on,
            place=case.place,
            content=f"先行登记保存：{items}",
            recorded_by=actor,
        )
        act.officers.set(people)
        _open(
            actor,
            case,
            rules.EVIDENCE_PRESERVATION,
            on,
            subject=preservation,
            label=f"{case.label}（先行登记保存处理决定）",
        )
        _record(
            actor,
            case,
            Event.CASE_PRESERVATION_APPROVED,
            {"new": {"preservation_id": preservation.pk, "items": items, "on": on, "approver": approver.pk}},
        )
    return preservation


def handle_preservation(*, actor, preservation: Preservation, on: date, handling: str) -> Preservation:
    """The handling decision on preserved evidence (第五十六条: 七日内及时作出处理决定) closes its deadline."""
    _require(actor, Role.OFFICER, Role.LEADER, what="作出先行登记保存处理决定")
    handling = _text(handling, "handling", "处理决定")
    _not_future(on, "on", "处理日期")
    with transaction.atomic():
        case = _lock(preservation.case_id)
        _in_scope(actor, case)
        preservation = Preservation.objects.select_for_update().get(pk=preservation.pk)
        if preservation.handled_on:
            raise InvalidTransition(f"该先行登记保存已于 {preservation.handled_on} 作出处理决定。")
        if on < preservation.on:
            raise InvalidInput(f"处理日期 {on} 早于保存日期 {preservation.on}。", field="on")
        preservation.handled_on = on
        preservation.handling = handling
        preservation.save(update_fields=["handled_on", "handling"])
        closed = _close(actor, case, rules.EVIDENCE_PRESERVATION, on, subject=preservation)
        _record(
            actor,
            case,
            Event.CASE_PRESERVATION_HANDLED,
            {
                "new": {"preservation_id": preservation.pk, "handled_on": on, "handling": handling},
                "in_time": all(d.state == DeadlineState.MET for d in closed),
            },
        )
    return preservation


# --- 4. 调查终结、处理建议 (proposal) ------------------------------------------------------------------------------


def hearing_threshold(case: Case, on: date) -> Decimal:
    key = (
        rules.HEARING_LARGE_FINE_INDIVIDUAL
        if case.party_kind == PartyKind.PERSON
        else rules.HEARING_LARGE_FINE_ORGANISATION
    )
    return amount_for(key, on=on).amount(case.body_id)


def in_hearing_scope(case: Case, on: date) -> tuple[bool, str]:
    """第六十三条: large fines (regional setting), large confiscations, 吊销/降级/停产停业/关闭/限制从业."""
    threshold = hearing_threshold(case, on)
    if case.fine_amount is not None and case.fine_amount >= threshold:
        return True, f"罚款{case.fine_amount}元达到较大数额（{threshold}元）"
    if case.confiscation_amount is not None and case.confiscation_amount >= threshold:
        return True, f"没收{case.confiscation_amount}元达到较大数额（{threshold}元）"
    for kind in _kinds(case.penalty_kinds):
        if any(word in kind for word in HEARING_KINDS):
            return True, f"处罚种类含“{kind}”"
    return False, ""


def _check_penalty(case: Case, on: date) -> None:
    """The proposal must rest on an active penalty power with its provisions; the fine inside the statute."""
    from fazhi.law.models import FineUnit, PowerCategory, PowerState

    version = case.power_version
    if version is None:
        raise InvalidInput(
            f"给予行政处罚须选择权责事项及其违则、罚则（{LAW}第五十九条第（三）项）。", field="power_version"
        )
    if not _power_in_reach(case, version):
        raise RuleViolation(f"权责事项“{version.name}”不属于本机关，超越职权（{LAW}第三十八条）。")
    if version.category != PowerCategory.PENALTY:
        raise InvalidInput(f"“{version.name}”不是行政处罚事项。", field="power_version")
    if version.state != PowerState.ACTIVE:
        raise RuleViolation(
            f"权责事项“{version.name}”当前为“{version.get_state_display()}”，不能据以处罚（{LAW}第三十八条）。"
        )
    if not version.penalty_articles:
        raise RuleViolation(f"权责事项“{version.name}”未载明罚则条款，没有处罚依据的不得处罚（{LAW}第三十八条）。")
    kinds = _kinds(case.penalty_kinds)
    if not kinds:
        raise InvalidInput("请填写处罚种类（如：警告、罚款）。", field="penalty_kinds")
    unknown = [k for k in kinds if k not in PENALTY_KINDS]
    if unknown:
        raise InvalidInput(f"“{'、'.join(unknown)}”不是{LAW}第九条规定的处罚种类。", field="penalty_kinds")
    fine = case.fine_amount
    if "罚款" in kinds and not fine:
        raise InvalidInput("处罚种类含罚款时请填写罚款金额。", field="fine_amount")
    if fine and "罚款" not in kinds:
        raise InvalidInput("填写了罚款金额，处罚种类应包含“罚款”。", field="penalty_kinds")
    penalty_cite = "；".join(a.display for a in version.penalty_articles)
    if fine and version.statutory_fine_unit == FineUnit.YUAN:
        lo, hi = version.statutory_fine_min, version.statutory_fine_max
        above = hi is not None and fine > hi
        below = lo is not None and fine < lo
        # 第三十二条 allows a mitigated penalty (减轻) below the statutory minimum, with its grounds; never above.
        if above or (below and not case.lighter_grounds.strip()):
            range_text = f"{lo if lo is not None else '不限'}元至{hi if hi is not None else '不限'}元"
            raise RuleViolation(
                f"罚款{fine}元超出法定幅度（{range_text}，{penalty_cite}），不得作出"
                + ("。" if above else f"；确有减轻处罚情节的，请写明第三十二条规定的情节（{LAW}第三十二条）。")
            )
    if fine and version.statutory_fine_unit == FineUnit.NONE:
        raise RuleViolation(f"罚则（{penalty_cite}）未规定罚款，不得处以罚款（{LAW}第三十八条）。")
    level = case.benchmark_level
    if level is not None:
        if level.version_id != version.pk:
            raise InvalidInput("所选裁量档次不属于该权责事项。", field="benchmark_level")
        outside = fine is not None and (
            (level.fine_min is not None and fine < level.fine_min)
            or (level.fine_max is not None and fine > level.fine_max)
        )
        if outside and not case.outside_level_reason.strip():
            raise RuleViolation(
                f"罚款{fine}元不在“{level.name}”档次的裁量幅度（{level.fine_min}至{level.fine_max}元）内，"
                f"须书面说明理由（{LAW}第三十四条：裁量基准应当规范适用）。"
            )
    elif version.benchmark_levels.exists():
        raise InvalidInput(f"该事项设有裁量基准，请选择裁量档次（{LAW}第三十四条）。", field="benchmark_level")


def _power_in_reach(case: Case, version) -> bool:
    """A case may rest on a power item of its body, of a body above it, or of one of its units (综合执法大队)."""
    item_body = version.item.body
    return item_body.pk in {*case.body.ancestor_ids(), case.body_id} or item_body.path.startswith(case.body.path)


PROPOSAL_FIELDS = [
    "proposed_on",
    "facts",
    "evidence_summary",
    "proposed_outcome",
    "power_version",
    "benchmark_level",
    "penalty_kinds",
    "fine_amount",
    "confiscation_amount",
    "outside_level_reason",
    "lighter_grounds",
    "no_penalty_ground",
    "serious",
    "major_public_interest",
    "difficult",
    "hearing_eligible",
]


def _proposal_snapshot(case: Case) -> dict:
    return {
        "outcome": case.proposed_outcome,
        "power_version": case.power_version_id,
        "benchmark_level": case.benchmark_level_id,
        "penalty_kinds": case.penalty_kinds,
        "fine_amount": case.fine_amount,
        "confiscation_amount": case.confiscation_amount,
        "serious": case.serious,
        "hearing_eligible": case.hearing_eligible,
    }


def propose(
    *,
    actor,
    case: Case,
    on: date,
    facts: str,
    evidence_summary: str,
    outcome: str,
    power_version=None,
    benchmark_level=None,
    penalty_kinds: str = "",
    fine_amount=None,
    confiscation_amount=None,
    outside_level_reason: str = "",
    lighter_grounds: str = "",
    no_penalty_ground: str = "",
    serious: bool = False,
    major_public_interest: bool = False,
    difficult: bool = False,
) -> Case:
    """调查终结，提出处理建议 (or revise it after a review returned the case).

    A fine outside the level's range needs a written reason; outside the statutory range it is refused. 首违不罚
    (第三十三条) and 从轻/减轻 (第三十二条) are recorded with their facts. A revision after the party's statement may not
    be heavier (第四十五条); a changed penalty must be notified again (第四十四条).
    """
    _require(actor, Role.OFFICER, what="提出处理建议")
    _not_future(on, "on", "调查终结日期")
    facts = _text(facts, "facts", "违法事实")
    evidence_summary = _text(evidence_summary, "evidence_summary", "证据及证明事项")
    if outcome not in Outcome.values:
        raise InvalidInput(f"请选择处理建议（{LAW}第五十七条规定的四种之一）。", field="outcome")
    fine = _money(fine_amount, "fine_amount", "罚款金额")
    confiscation = _money(confiscation_amount, "confiscation_amount", "没收金额")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status == Status.RETURNED:
            change = _move(case, Status.PROPOSED)
        elif case.status == Status.PROPOSED:
            change = {"status": [case.status, case.status]}
        else:
            change = _move(case, Status.PROPOSED)
        if on < case.filed_on:
            raise InvalidInput(f"调查终结日期 {on} 早于立案日期 {case.filed_on}。", field="on")
        if not case.acts.exists():
            raise RuleViolation(
                f"本案尚无调查取证记录，不能调查终结（{LAW}第五十四条：全面、客观、公正地调查，收集有关证据）。"
            )
        open_preservations = case.preservations.filter(handled_on__isnull=True)
        if open_preservations.exists():
            raise RuleViolation(f"先行登记保存的证据尚未作出处理决定（{LAW}第五十六条），不能调查终结。")
        old = _proposal_snapshot(case)
        had_statement = case.statements.exists() or hasattr(case, "hearing")
        case.proposed_on = on
        case.facts = facts
        case.evidence_summary = evidence_summary
        case.proposed_outcome = outcome
        case.power_version = power_version
        case.benchmark_level = benchmark_level
        case.penalty_kinds = "、".join(_kinds(penalty_kinds)) if outcome == Outcome.PENALTY else ""
        case.fine_amount = fine if outcome == Outcome.PENALTY else None
        case.confiscation_amount = confiscation if outcome == Outcome.PENALTY else None
        case.outside_level_reason = outside_level_reason.strip()
        case.lighter_grounds = lighter_grounds.strip()
        case.no_penalty_ground = no_penalty_ground.strip()
        case.serious = serious
        case.major_public_interest = major_public_interest
        case.difficult = difficult
        if outcome == Outcome.PENALTY:
            _check_penalty(case, on)
        if outcome == Outcome.MINOR_NO_PENALTY and not case.no_penalty_ground:
            raise InvalidInput(
                f"不予处罚须写明情形和事实（{LAW}第三十三条：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚）。",
                field="no_penalty_ground",
            )
        if had_statement and old["fine_amount"] is not None and (case.fine_amount or 0) > old["fine_amount"]:
            raise RuleViolation(f"不得因当事人陈述、申辩而给予更重的处罚（{LAW}第四十五条第二款）。")
        case.hearing_eligible, _why = in_hearing_scope(case, on) if outcome == Outcome.PENALTY else (False, "")
        new = _proposal_snapshot(case)
        penalty_changed = any(
            old[k] != new[k] for k in ("outcome", "penalty_kinds", "fine_amount", "confiscation_amount")
        )
        if penalty_changed and case.notified_on:
            # The prior notice no longer matches the proposed penalty: it must be given again (第四十四条).
            case.notified_on = None
            case.rights_waived_on = None
        case.save(update_fields=["status", "notified_on", "rights_waived_on", *PROPOSAL_FIELDS])
        _record(
            actor,
            case,
            Event.CASE_PROPOSED,
            {"old": {"status": change["status"][0], **old}, "new": {"status": case.status, **new, "on": on}},
        )
    return case


def reopen_investigation(*, actor, case: Case, on: date, reason: str) -> Case:
    """补充调查: the proposal (or a returned review) sends the case back to investigation."""
    _require(actor, Role.OFFICER, Role.LEADER, what="补充调查")
    reason = _text(reason, "reason", "补充调查理由")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.INVESTIGATING)
        case.save(update_fields=["status"])
        _record(
            actor,
            case,
            Event.CASE_PROPOSED,
            {
                "old": {"status": change["status"][0]},
                "new": {"status": case.status, "reopened_on": on, "reason": reason},
            },
        )
    return case


# --- 5. 事先告知 (prior notice) -----------------------------------------------------------------------------------


def notify(*, actor, case: Case, on: date) -> Case:
    """事先告知 (第四十四条): facts, reasons, basis, proposed penalty, the rights of statement and defence, and the
    right to a hearing when the penalty is in hearing scope (第六十三条). Starts the party's window."""
    _require(actor, Role.OFFICER, what="事先告知")
    _not_future(on, "on", "告知日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.NOTIFIED)
        if case.proposed_outcome != Outcome.PENALTY:
            raise InvalidTransition(
                f"只有拟给予行政处罚的案件需要事先告知（{LAW}第四十四条）；本案建议“{case.get_proposed_outcome_display()}”。"
            )
        if on < case.proposed_on:
            raise InvalidInput(f"告知日期 {on} 早于调查终结日期 {case.proposed_on}。", field="on")
        case.hearing_eligible, why = in_hearing_scope(case, on)
        case.notified_on = on
        case.rights_waived_on = None
        case.notice_number = _number(case, "罚告", on)
        case.save(update_fields=["status", "hearing_eligible", "notified_on", "rights_waived_on", "notice_number"])
        _finish_window(actor, case, on)
        window = _open(actor, case, rules.HEARING_REQUEST if case.hearing_eligible else rules.STATEMENT, on)
        _record(
            actor,
            case,
            Event.CASE_NOTIFIED,
            {
                "old": {"status": change["status"][0]},
                "new": {
                    "status": case.status,
                    "notified_on": on,
                    "number": case.notice_number,
                    "hearing_eligible": case.hearing_eligible,
                    "hearing_reason": why,
                    "window_due": window.due_date,
                },
            },
        )
    return case


# --- 6. 陈述申辩、听证 ---------------------------------------------------------------------------------------------


def record_statement(*, actor, case: Case, on: date, content: str, adopted: bool, reply: str) -> Statement:
    """陈述、申辩 and the agency's 复核 (第四十五条: listen fully, adopt what is valid)."""
    _require(actor, Role.OFFICER, what="记录陈述申辩")
    content = _text(content, "content", "陈述申辩内容")
    reply = _text(reply, "reply", "复核意见", why=f"{LAW}第四十五条：应当进行复核")
    _not_future(on, "on", "陈述申辩日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in BEFORE_DECISION or case.notified_on is None:
            raise InvalidTransition(f"陈述申辩应在事先告知后、作出决定前记录（{LAW}第四十四条、第四十五条）。")
        if on < case.notified_on:
            raise InvalidInput(f"陈述申辩日期 {on} 早于告知日期 {case.notified_on}。", field="on")
        statement = Statement.objects.create(
            case=case, on=on, content=content, adopted=adopted, reply=reply, recorded_by=actor
        )
        _record(
            actor,
            case,
            Event.CASE_STATEMENT_RECORDED,
            {"new": {"statement_id": statement.pk, "on": on, "adopted": adopted}},
        )
    return statement


def waive_rights(*, actor, case: Case, on: date, note: str) -> Case:
    """The party expressly waives statement, defence and hearing (第六十二条): the decision need not wait."""
    _require(actor, Role.OFFICER, what="记录放弃陈述申辩")
    note = _text(note, "note", "放弃声明（当事人书面放弃的情况）")
    _not_future(on, "on", "放弃日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status != Status.NOTIFIED:
            raise InvalidTransition(
                f"案件当前处于“{case.get_status_display()}”，只有在陈述申辩期内可以记录放弃（{LAW}第六十二条）。"
            )
        if on < case.notified_on:
            raise InvalidInput(f"放弃日期 {on} 早于告知日期 {case.notified_on}。", field="on")
        case.rights_waived_on = on
        case.save(update_fields=["rights_waived_on"])
        _finish_window(actor, case, on)
        _record(actor, case, Event.CASE_RIGHTS_WAIVED, {"new": {"rights_waived_on": on, "note": note}})
    return case


def request_hearing(*, actor, case: Case, on: date) -> Hearing:
    """当事人要求听证: only in hearing scope (第六十三条), within the window (第六十四条第（一）项: 5 working days under
    the 2021 text; 3 days under the 2017 text)."""
    _require(actor, Role.OFFICER, what="登记听证申请")
    _not_future(on, "on", "申请日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.HEARING)
        if not case.hearing_eligible:
            raise RuleViolation(f"本案拟作出的处罚不属于听证范围（{LAW}第六十三条）。")
        window = _window(case)
        rule = rule_for(rules.HEARING_REQUEST, on=case.notified_on)
        if on < case.notified_on:
            raise InvalidInput(f"申请日期 {on} 早于告知日期 {case.notified_on}。", field="on")
        if window is not None and on > window.due_date:
            raise RuleViolation(
                f"当事人应当在告知后{rule.period(case.body_id).label}内提出听证要求，期限已于 {window.due_date} 届满"
                f"（{rule.citation}）。"
            )
        hearing = Hearing.objects.create(case=case, requested_on=on)
        case.save(update_fields=["status"])
        _finish_window(actor, case, on)
        _record(
            actor,
            case,
            Event.CASE_HEARING_REQUESTED,
            {"old": {"status": change["status"][0]}, "new": {"status": case.status, "requested_on": on}},
        )
    return hearing


def notify_hearing(
    *, actor, case: Case, on: date, scheduled_on: date, place: str, presiding, public: bool = True
) -> Hearing:
    """听证通知: at least 7 working days before the hearing (第六十四条第（二）项); the presiding officer is not an
    investigator (第六十四条第（四）项)."""
    _require(actor, Role.OFFICER, Role.LEADER, what="发出听证通知")
    place = _text(place, "place", "听证地点")
    _not_future(on, "on", "通知日期")
    if scheduled_on is None:
        raise InvalidInput("请填写听证日期。", field="scheduled_on")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status != Status.HEARING:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，不在听证程序中（{LAW}第六十四条）。")
        hearing = Hearing.objects.select_for_update().get(case=case)
        if hearing.held_on:
            raise InvalidTransition(f"听证已于 {hearing.held_on} 举行。")
        if on < hearing.requested_on:
            raise InvalidInput(f"通知日期 {on} 早于听证申请日期 {hearing.requested_on}。", field="on")
        rule = rule_for(rules.HEARING_NOTICE, on=on)
        latest = compute_for_rule(rule, scheduled_on, body_id=case.body_id, estimate=True)
        if on > latest.due:
            raise RuleViolation(
                f"应当在举行听证的{rule.period(case.body_id).label}前通知当事人：听证定于 {scheduled_on}，"
                f"最迟应于 {latest.due} 通知（{rule.citation}）。"
            )
        if presiding is None:
            raise InvalidInput("请指定听证主持人。", field="presiding")
        if presiding.pk in investigator_ids(case):
            raise RuleViolation(
                f"{_name(presiding)}是本案调查人员，不得主持听证（{LAW}第六十四条第（四）项：听证由行政机关指定的非本案调查人员主持）。"
            )
        _in_scope(presiding, case)
        hearing.notified_on = on
        hearing.scheduled_on = scheduled_on
        hearing.place = place
        hearing.public = public
        hearing.presiding = presiding
        hearing.notice_number = _number(case, "听通", on)
        hearing.save(update_fields=["notified_on", "scheduled_on", "place", "public", "presiding", "notice_number"])
        _record(
            actor,
            case,
            Event.CASE_HEARING_NOTIFIED,
            {
                "new": {
                    "notified_on": on,
                    "scheduled_on": scheduled_on,
                    "latest_notice_day": latest.due,
                    "presiding": presiding.pk,
                    "public": public,
                    "number": hearing.notice_number,
                }
            },
        )
    return hearing


def hold_hearing(
    *,
    actor,
    case: Case,
    held_on: date,
    record_text: str,
    party_attended: bool = True,
    party_signed: bool = True,
    refusal_note: str = "",
    presiding_opinion: str = "",
    recording=None,
) -> tuple[Hearing, list[str]]:
    """举行听证 and its signed record (第六十四条第（八）项). A recording is advised (118号 (八)): without one the step
    warns. A party who does not attend is taken to have waived the hearing (第六十四条第（七）项)."""
    _require(actor, Role.OFFICER, Role.LEADER, what="记录听证")
    record_text = _text(record_text, "record_text", "听证笔录")
    _not_future(held_on, "held_on", "听证日期")
    if party_attended and not party_signed and not refusal_note.strip():
        raise InvalidInput(f"当事人拒绝签字的，请在笔录中注明（{LAW}第六十四条第（八）项）。", field="refusal_note")
    warnings: list[str] = []
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status != Status.HEARING:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，不在听证程序中。")
        hearing = Hearing.objects.select_for_update().get(case=case)
        if hearing.scheduled_on is None:
            raise RuleViolation(f"尚未发出听证通知，不能举行听证（{LAW}第六十四条第（二）项）。")
        if hearing.held_on:
            raise InvalidTransition(f"听证已于 {hearing.held_on} 举行。")
        if held_on < hearing.scheduled_on:
            raise RuleViolation(
                f"听证日期 {held_on} 早于通知的日期 {hearing.scheduled_on}（{LAW}第六十四条第（二）项）。"
            )
        files = []
        if recording is not None:
            _ev, stored = _store_evidence(
                actor=actor,
                case=case,
                upload=recording,
                kind=EvidenceKind.AUDIOVISUAL,
                title=f"{held_on} 听证录音录像",
                collected_on=held_on,
                is_recording=True,
                field="recording",
            )
            files.append(stored.chain_item())
        else:
            warnings.append(f"听证未上传录音录像；举行听证宜进行音像记录（{DOC_118}第（八）项）。")
        hearing.held_on = held_on
        hearing.record = record_text
        hearing.party_attended = party_attended
        hearing.party_signed = party_signed and party_attended
        hearing.refusal_note = refusal_note.strip() if party_attended else "当事人无正当理由未到场，视为放弃听证"
        hearing.presiding_opinion = presiding_opinion.strip()
        hearing.save(
            update_fields=["held_on", "record", "party_attended", "party_signed", "refusal_note", "presiding_opinion"]
        )
        payload = {
            "new": {"held_on": held_on, "party_attended": party_attended, "party_signed": hearing.party_signed},
            "warnings": warnings,
        }
        if files:
            payload["files"] = files
        _record(actor, case, Event.CASE_HEARING_HELD, payload)
    return hearing, warnings


# --- 7. 法制审核 (legal review) ------------------------------------------------------------------------------------


def review_reasons(case: Case) -> list[str]:
    """Why the case needs legal review: 第五十八条, Tianjin's scope, and the body's own catalogue (review app)."""
    from fazhi.review.catalogue import catalogue_reasons

    reasons = []
    if case.major_public_interest:
        reasons.append(f"涉及重大公共利益（{LAW}第五十八条第一款第（一）项）")
    if hasattr(case, "hearing") and case.hearing.held_on:
        reasons.append(f"直接关系当事人重大权益，经过听证程序（{LAW}第五十八条第一款第（二）项）")
    if case.difficult:
        reasons.append(f"案件情况疑难复杂、涉及多个法律关系（{LAW}第五十八条第一款第（三）项）")
    if case.proposed_outcome == Outcome.PENALTY and case.hearing_eligible:
        reasons.append("拟作出的处罚属于听证范围（《天津市行政执法监督规定》第十四条）")
    reasons.extend(
        catalogue_reasons(
            body=case.body,
            kinds=_kinds(case.penalty_kinds),
            amount=max(case.fine_amount or 0, case.confiscation_amount or 0),
            field=(case.power_version.name if case.power_version_id else case.title),
        )
    )
    return reasons


def submit_for_review(*, actor, case: Case, on: date, summary: str) -> Case:
    """提交法制审核 (a new round each time). The reviewer may be none of the case's investigators."""
    from fazhi.review import services as review
    from fazhi.review.models import ReviewKind

    _require(actor, Role.OFFICER, what="提交法制审核")
    _not_future(on, "on", "送审日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.IN_REVIEW)
        if change["status"][0] == Status.HEARING and not case.hearing.held_on:
            raise RuleViolation(f"听证尚未举行，不能提交法制审核（{LAW}第六十五条：听证结束后依听证笔录作出决定）。")
        if on < (case.proposed_on or case.filed_on):
            raise InvalidInput(f"送审日期 {on} 早于调查终结日期 {case.proposed_on}。", field="on")
        reasons = review_reasons(case)
        case.save(update_fields=["status"])
        _close_lapsed_window(actor, case, on)
        review.submit(
            actor=actor,
            subject=case,
            body=case.body,
            kind=ReviewKind.ENFORCEMENT_DECISION,
            summary=summary,
            submitted_on=on,
            reasons=reasons or ["承办机构主动送审"],
            excluded_reviewer_ids=sorted(investigator_ids(case)),
            rule_key=rules.LEGAL_REVIEW,
            payload_extra={"old": {"status": change["status"][0]}, "new": {"status": case.status}},
        )
    return case


def on_review_concluded(*, request, actor) -> dict:
    """Called by the review app inside its transaction: 同意 → 待决定; 存在问题 → 退回 for correction."""
    from fazhi.review.models import ReviewState

    case = _lock(int(request.subject_id))
    target = Status.READY if request.state == ReviewState.PASSED else Status.RETURNED
    change = _move(case, target)
    case.save(update_fields=["status"])
    return {"case": {"old": {"status": change["status"][0]}, "new": {"status": case.status}}}


def review_passed(case: Case) -> bool:
    from fazhi.review.selectors import has_passed

    return has_passed(CASE_TYPE, case.pk)


def ready_for_decision(*, actor, case: Case, on: date) -> Case:
    """报请负责人决定, where no legal review is required (第五十八条 does not apply and the catalogue is silent)."""
    _require(actor, Role.OFFICER, what="报请作出决定")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.READY)
        reasons = review_reasons(case)
        if reasons and not review_passed(case):
            raise RuleViolation(
                f"本案须经法制审核（{'；'.join(reasons)}），未经法制审核或者审核未通过的，不得作出决定"
                f"（{LAW}第五十八条；{DOC_118}第四部分）。"
            )
        if change["status"][0] == Status.HEARING and not case.hearing.held_on:
            raise RuleViolation(f"听证尚未举行，不能报请作出决定（{LAW}第六十五条）。")
        case.save(update_fields=["status"])
        _close_lapsed_window(actor, case, on)
        _record(
            actor,
            case,
            Event.CASE_PROPOSED,
            {"old": {"status": change["status"][0]}, "new": {"status": case.status, "on": on}},
        )
    return case


# --- 8. 集体讨论 ---------------------------------------------------------------------------------------------------


def record_deliberation(
    *, actor, case: Case, held_on: date, attendees: list[str], opinions: list[dict], conclusion: str
) -> Deliberation:
    """集体讨论 (第五十七条第二款) for complex or serious cases: date, attendees, opinions including dissent, conclusion."""
    _require(actor, Role.OFFICER, Role.LEADER, what="记录集体讨论")
    conclusion = _text(conclusion, "conclusion", "讨论结论")
    _not_future(held_on, "held_on", "讨论日期")
    attendees = [a.strip() for a in attendees if a and a.strip()]
    if len(attendees) < 3:
        raise InvalidInput("集体讨论应由行政机关负责人集体进行，请填写至少三名参加人员。", field="attendees")
    clean = []
    for row in opinions:
        name, text = (row.get("name") or "").strip(), (row.get("opinion") or "").strip()
        if name and text:
            clean.append({"name": name, "opinion": text, "dissent": bool(row.get("dissent"))})
    if not clean:
        raise InvalidInput("请记录参加人员的讨论意见（含不同意见）。", field="opinions")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in BEFORE_DECISION or case.proposed_on is None:
            raise InvalidTransition(f"集体讨论应在调查终结后、作出决定前进行（{LAW}第五十七条第二款）。")
        deliberation = Deliberation.objects.create(
            case=case, held_on=held_on, attendees=attendees, opinions=clean, conclusion=conclusion, recorded_by=actor
        )
        _record(
            actor,
            case,
            Event.CASE_DELIBERATED,
            {
                "new": {
                    "deliberation_id": deliberation.pk,
                    "held_on": held_on,
                    "attendees": attendees,
                    "dissent": [r["name"] for r in clean if r["dissent"]],
                    "conclusion": conclusion,
                }
            },
        )
    return deliberation


def extend_decision_period(*, actor, case: Case, days: int, reason: str) -> Deadline:
    """延长办案期限 with the 负责人's approval, recorded on the deadline (第六十条; at most the rule's maximum)."""
    _require(actor, Role.LEADER, what="批准延长办案期限")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        open_rows = _open_deadlines(case, rules.DECISION)
        if not open_rows:
            raise InvalidTransition(f"本案没有进行中的办案期限可以延长（{LAW}第六十条）。")
        return deadlines.extend_deadline(actor=actor, deadline=open_rows[0], units=days, approver=actor, reason=reason)


# --- 9. 决定 --------------------------------------------------------------------------------------------------------


def _decision_checks(case: Case, on: date, outcome: str, late_reason: str = "") -> None:
    if outcome == Outcome.PENALTY:
        if case.notified_on is None:
            raise RuleViolation(
                f"作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利；"
                f"未告知的，不得作出行政处罚决定（{LAW}第四十四条、第六十二条）。"
            )
        window = _window(case)
        if (
            case.rights_waived_on is None
            and not hasattr(case, "hearing")
            and window is not None
            and on <= window.due_date
        ):
            raise RuleViolation(
                f"当事人陈述、申辩期限至 {window.due_date} 届满，期满前（当事人明确放弃的除外）不得作出行政处罚决定"
                f"（{LAW}第六十二条；{window.rule_citation}）。"
            )
        if hasattr(case, "hearing") and not case.hearing.held_on:
            raise RuleViolation(f"当事人要求听证，听证结束前不得作出决定（{LAW}第六十五条）。")
    reasons = review_reasons(case)
    if reasons and not review_passed(case):
        raise RuleViolation(
            f"本案须经法制审核（{'；'.join(reasons)}），未经法制审核或者审核未通过的，不得作出决定"
            f"（{LAW}第五十八条；{DOC_118}第四部分）。"
        )
    if case.serious and not case.deliberations.exists():
        raise RuleViolation(
            f"情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（{LAW}第五十七条第二款）。"
        )
    decision_rows = Deadline.objects.filter(
        subject_type=CASE_TYPE, subject_id=str(case.pk), rule_key=rules.DECISION
    ).order_by("-id")
    period = decision_rows.first()
    if period is not None and on > period.due_date and not late_reason.strip():
        extra = "（已延长）" if period.extension else "，且未经批准延长"
        raise RuleViolation(
            f"办案期限已于 {period.due_date} 届满{extra}，逾期作出决定须书面说明逾期理由（late_reason）"
            f"（{LAW}第六十条；{period.rule_citation}）。"
        )
    missing = []
    if not case.party_address:
        missing.append("当事人地址（第五十九条第一款第（一）项）")
    if outcome == Outcome.PENALTY and not case.power_version_id:
        missing.append("处罚依据（第五十九条第一款第（三）项）")
    if missing:
        raise RuleViolation(f"行政处罚决定书应当载明的事项不全：{'；'.join(missing)}（{LAW}第五十九条）。")


def decide(
    *, actor, case: Case, on: date, outcome: str | None = None, decision_text: str = "", late_reason: str = ""
) -> Case:
    """作出决定 (the 行政机关负责人): one of the four outcomes of 第五十七条, within the decision period (第六十条),
    after notice and the party's window (第六十二条), the hearing (第六十五条), a passed review where required
    (第五十八条) and the collective deliberation where required (第五十七条第二款).

    After the decision period (plus any approved extension) a decision is still made, but only with a written
    ``late_reason``: the decision deadline then closes as missed and the reason is on the chain entry."""
    _require(actor, Role.LEADER, what="作出行政处罚决定")
    _not_future(on, "on", "决定日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in (
            Status.PROPOSED,
            Status.NOTIFIED,
            Status.HEARING,
            Status.IN_REVIEW,
            Status.RETURNED,
            Status.READY,
        ):
            _check(case.status, Status.DECIDED)
        outcome = outcome or case.proposed_outcome
        if outcome not in Outcome.values:
            raise InvalidInput(f"请选择处理决定（{LAW}第五十七条）。", field="outcome")
        first_status = case.status
        if case.status in (Status.PROPOSED, Status.NOTIFIED, Status.HEARING, Status.IN_REVIEW, Status.RETURNED):
            # The table says READY → DECIDED; explain what is missing when the case is not there yet, and where
            # nothing is (no review required, window closed) pass through 待决定 in the same step.
            _decision_checks(case, on, outcome, late_reason)
            _move(case, Status.READY)
        change = _move(case, Status.DECIDED)
        change["status"][0] = first_status
        if outcome != case.proposed_outcome:
            raise RuleViolation(
                f"决定（{Outcome(outcome).label}）与经告知、审核的处理建议（{case.get_proposed_outcome_display()}）不一致，"
                f"请先修改处理建议并重新告知、审核（{LAW}第四十四条、第五十八条）。"
            )
        if on < (case.proposed_on or case.filed_on):
            raise InvalidInput(f"决定日期 {on} 早于调查终结日期。", field="on")
        _decision_checks(case, on, outcome, late_reason)
        case.outcome = outcome
        case.decided_on = on
        case.decided_by = actor
        case.decision_text = decision_text.strip() or decision_summary(case)
        series = {Outcome.PENALTY: "罚决", Outcome.TRANSFER: "移"}.get(outcome, "不罚决")
        case.decision_number = _number(case, series, on)
        case.save(update_fields=["status", "outcome", "decided_on", "decided_by", "decision_text", "decision_number"])
        _finish_window(actor, case, on)
        closed = _close(actor, case, rules.DECISION, on)
        if outcome != Outcome.TRANSFER:
            _open(actor, case, rules.SERVICE_ABSENT_PARTY, on)
        _record(
            actor,
            case,
            Event.CASE_DECIDED,
            {
                "old": {"status": change["status"][0]},
                "new": {
                    "status": case.status,
                    "outcome": outcome,
                    "decided_on": on,
                    "number": case.decision_number,
                    "fine_amount": case.fine_amount,
                    "penalty_kinds": case.penalty_kinds,
                },
                "in_time": all(d.state == DeadlineState.MET for d in closed),
                **({"late_reason": late_reason.strip()} if any(d.state != DeadlineState.MET for d in closed) else {}),
            },
        )
        # 118号 (六): the decision opens its publication deadline (7 working days for penalties) in the same step.
        hooks.case_decided(actor=actor, case=case)
    return case


def decision_summary(case: Case) -> str:
    if case.proposed_outcome == Outcome.PENALTY:
        parts = []
        for kind in _kinds(case.penalty_kinds):
            if kind == "罚款" and case.fine_amount:
                parts.append(f"罚款人民币{case.fine_amount}元")
            elif kind.startswith("没收") and case.confiscation_amount:
                parts.append(f"{kind}人民币{case.confiscation_amount}元")
            else:
                parts.append(kind)
        return "、".join(parts)
    return Outcome(case.proposed_outcome).label


# --- 10. 送达 -------------------------------------------------------------------------------------------------------


def serve(
    *,
    actor,
    case: Case,
    on: date,
    method: str,
    recipient: str,
    proof: str,
    place: str = "",
    consent: Evidence | None = None,
    witnesses: str = "",
    recording=None,
) -> tuple[Service, list[str]]:
    """送达 (第六十一条): on the spot, or within 7 working days; electronic only with the party's signed consent;
    留置 with witnesses. 留置送达 and 公告送达 warn without a recording (118号 (八)). A fine starts the 15-day payment
    period (第六十七条)."""
    _require(actor, Role.OFFICER, what="送达")
    if method not in ServiceMethod.values:
        raise InvalidInput("请选择送达方式。", field="method")
    recipient = _text(recipient, "recipient", "受送达人或签收人")
    proof = _text(proof, "proof", "送达回证或送达凭证")
    _not_future(on, "on", "送达日期")
    warnings: list[str] = []
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.SERVED)
        if on < case.decided_on:
            raise InvalidInput(f"送达日期 {on} 早于决定日期 {case.decided_on}。", field="on")
        if method == ServiceMethod.ON_THE_SPOT and on != case.decided_on:
            raise InvalidInput("当场交付只能在作出决定的当日；其他日期请选择直接送达等方式。", field="method")
        if method == ServiceMethod.ELECTRONIC:
            if consent is None or consent.case_id != case.pk:
                raise RuleViolation(
                    f"当事人同意并签订确认书的，方可采用传真、电子邮件等方式送达（{LAW}第六十一条第二款）。"
                )
        if method == ServiceMethod.LEFT and not witnesses.strip() and recording is None:
            raise RuleViolation(
                "留置送达须有见证人签名，或者以拍照、录像等方式记录送达过程（《中华人民共和国民事诉讼法》第八十九条）。"
            )
        files = []
        if recording is not None:
            _ev, stored = _store_evidence(
                actor=actor,
                case=case,
                upload=recording,
                kind=EvidenceKind.AUDIOVISUAL,
                title=f"{on} {ServiceMethod(method).label}音像记录",
                collected_on=on,
                is_recording=True,
                field="recording",
            )
            files.append(stored.chain_item())
        elif method in RECORDING_ADVISED_SERVICE:
            warnings.append(
                f"{ServiceMethod(method).label}未上传音像记录；该环节宜进行音像记录（{DOC_118}第（八）项）。"
            )
        service = Service.objects.create(
            case=case,
            method=method,
            served_on=on,
            recipient=recipient,
            place=place.strip(),
            consent=consent,
            proof=proof,
            witnesses=witnesses.strip(),
            warnings=warnings,
            recorded_by=actor,
        )
        case.served_on = on
        update = ["status", "served_on"]
        closed = _close(actor, case, rules.SERVICE_ABSENT_PARTY, on)
        if case.outcome == Outcome.PENALTY and case.fine_amount:
            payment = _open(actor, case, rules.PAYMENT, on)
            case.payment_due_on = payment.due_date
            update.append("payment_due_on")
        case.save(update_fields=update)
        payload = {
            "old": {"status": change["status"][0]},
            "new": {
                "status": case.status,
                "served_on": on,
                "method": method,
                "recipient": recipient,
                "payment_due_on": case.payment_due_on,
            },
            "in_time": all(d.state == DeadlineState.MET for d in closed),
            "warnings": warnings,
        }
        if files:
            payload["files"] = files
        _record(actor, case, Event.CASE_SERVED, payload)
    return service, warnings


# --- 11. 执行 -------------------------------------------------------------------------------------------------------


def _remedy_days(case: Case, first: date, last: date) -> set[date]:
    days = set()
    for remedy in case.remedies.all():
        end = remedy.ended_on or last
        day = max(remedy.started_on, first)
        while day <= min(end, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def surcharge_on(case: Case, on: date) -> tuple[Decimal, int]:
    """加处罚款 owed on ``on``: 3 % of the fine per day late (第七十二条第一款第（一）项), capped at the fine, the days of
    复议 or 诉讼 not counted (第七十三条第三款). Returns (amount, days counted)."""
    if not case.fine_amount or case.payment_due_on is None or on <= case.payment_due_on:
        return Decimal("0.00"), 0
    rate = amount_for(rules.LATE_SURCHARGE_RATE, on=case.served_on).amount(case.body_id) / Decimal(100)
    first = case.payment_due_on + timedelta(days=1)
    excluded = _remedy_days(case, first, on)
    days = (on - first).days + 1 - len(excluded)
    days = max(days, 0)
    amount = (case.fine_amount * rate * days).quantize(CENT)
    return min(amount, case.fine_amount), days


def approve_deferral(*, actor, case: Case, on: date, until: date, reason: str) -> Case:
    """暂缓或者分期缴纳 (第六十六条第二款) with the agency's approval: the payment clock stops until ``until``."""
    _require(actor, Role.LEADER, what="批准暂缓或分期缴纳罚款")
    reason = _text(reason, "reason", "当事人申请暂缓或分期缴纳的理由")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status != Status.SERVED:
            raise InvalidTransition(
                f"案件当前处于“{case.get_status_display()}”，不能批准暂缓或分期缴纳（{LAW}第六十六条）。"
            )
        rows = _open_deadlines(case, rules.PAYMENT)
        if not rows:
            raise InvalidTransition("本案没有进行中的缴款期限。")
        if until is None or until <= on:
            raise InvalidInput("暂缓至日期应晚于批准日期。", field="until")
        deadline = deadlines.pause_deadline(actor=actor, deadline=rows[0], on=on, reason=f"批准暂缓缴纳：{reason}")
        deadline = deadlines.resume_deadline(actor=actor, deadline=deadline, on=until)
        old_due = case.payment_due_on
        case.payment_due_on = deadline.due_date
        case.save(update_fields=["payment_due_on"])
        _record(
            actor,
            case,
            Event.CASE_DEFERRAL_APPROVED,
            {
                "old": {"payment_due_on": old_due},
                "new": {"payment_due_on": case.payment_due_on, "until": until},
                "reason": reason,
            },
        )
    return case


def record_remedy(*, actor, case: Case, kind: str, started_on: date) -> Remedy:
    """登记复议或诉讼: execution is not suspended, but the surcharge is not counted meanwhile (第七十三条)."""
    _require(actor, Role.OFFICER, Role.LEADER, what="登记复议诉讼")
    if kind not in RemedyKind.values:
        raise InvalidInput("请选择行政复议或行政诉讼。", field="kind")
    _not_future(started_on, "started_on", "申请或起诉日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.decided_on is None or started_on < case.decided_on:
            raise InvalidInput("复议或诉讼只能针对已作出的决定，日期不得早于决定日期。", field="started_on")
        if case.remedies.filter(ended_on__isnull=True).exists():
            raise InvalidTransition("本案已有进行中的复议或诉讼。")
        remedy = Remedy.objects.create(case=case, kind=kind, started_on=started_on)
        _record(
            actor,
            case,
            Event.CASE_REMEDY_RECORDED,
            {"new": {"remedy_id": remedy.pk, "kind": kind, "started_on": started_on}},
        )
    return remedy


def conclude_remedy(*, actor, remedy: Remedy, ended_on: date, result: str) -> Remedy:
    _require(actor, Role.OFFICER, Role.LEADER, what="登记复议诉讼结果")
    result = _text(result, "result", "复议或诉讼结果")
    with transaction.atomic():
        case = _lock(remedy.case_id)
        _in_scope(actor, case)
        remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
        if remedy.ended_on:
            raise InvalidTransition("该复议或诉讼已登记结果。")
        if ended_on < remedy.started_on:
            raise InvalidInput("终结日期早于开始日期。", field="ended_on")
        remedy.ended_on, remedy.result = ended_on, result
        remedy.save(update_fields=["ended_on", "result"])
        _record(
            actor,
            case,
            Event.CASE_REMEDY_CONCLUDED,
            {"new": {"remedy_id": remedy.pk, "ended_on": ended_on, "result": result}},
        )
    return remedy


def record_payment(*, actor, case: Case, paid_on: date, amount, receipt: str, surcharge=None) -> Payment:
    """缴纳罚款 at the designated bank (第六十七条). Paying the fine and the surcharge owed executes the decision."""
    _require(actor, Role.OFFICER, Role.LEADER, what="登记缴纳罚款")
    receipt = _text(receipt, "receipt", "缴款凭证号")
    amount = _money(amount, "amount", "缴款金额")
    if not amount:
        raise InvalidInput("请填写缴款金额。", field="amount")
    _not_future(paid_on, "paid_on", "缴款日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status not in (Status.SERVED, Status.COURT) or not case.fine_amount:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，没有待缴纳的罚款（{LAW}第六十七条）。")
        if paid_on < case.served_on:
            raise InvalidInput(f"缴款日期 {paid_on} 早于送达日期 {case.served_on}。", field="paid_on")
        outstanding = case.fine_amount - case.paid_amount
        if amount > outstanding:
            raise InvalidInput(f"缴款金额 {amount} 元超过未缴罚款 {outstanding} 元。", field="amount")
        owed, days = surcharge_on(case, paid_on)
        surcharge_paid = (
            _money(surcharge, "surcharge", "加处罚款")
            if surcharge not in (None, "")
            else (owed - case.surcharge_paid if amount == outstanding else Decimal("0.00"))
        )
        payment = Payment.objects.create(
            case=case, paid_on=paid_on, amount=amount, surcharge=surcharge_paid, receipt=receipt, recorded_by=actor
        )
        case.paid_amount += amount
        case.surcharge_paid += surcharge_paid
        update = ["paid_amount", "surcharge_paid"]
        done = case.paid_amount >= case.fine_amount and case.surcharge_paid >= owed
        old_status = case.status
        if done:
            _move(case, Status.EXECUTED)
            case.executed_on = paid_on
            update += ["status", "executed_on"]
            _close(actor, case, rules.PAYMENT, paid_on)
            _close(actor, case, rules.COURT_AFTER_DEMAND, paid_on)
        case.save(update_fields=update)
        _record(
            actor,
            case,
            Event.CASE_PAYMENT_RECORDED,
            {
                "old": {"status": old_status},
                "new": {
                    "payment_id": payment.pk,
                    "paid_on": paid_on,
                    "amount": amount,
                    "surcharge": surcharge_paid,
                    "surcharge_owed": owed,
                    "surcharge_days": days,
                    "status": case.status,
                },
            },
        )
    return payment


def issue_demand(*, actor, case: Case, on: date) -> Case:
    """催告 (行政强制法 第五十四条): before applying to court; the court may be applied to 10 working days after."""
    _require(actor, Role.OFFICER, Role.LEADER, what="催告")
    _not_future(on, "on", "催告日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status != Status.SERVED or not case.fine_amount:
            raise InvalidTransition(f"案件当前处于“{case.get_status_display()}”，无需催告。")
        if case.payment_due_on is None or on <= case.payment_due_on:
            raise RuleViolation(f"缴款期限至 {case.payment_due_on} 届满，期满前不得催告（{LAW}第七十二条）。")
        if _open_deadlines(case, rules.COURT_AFTER_DEMAND):
            raise InvalidTransition("本案已经催告。")
        demand = _open(actor, case, rules.COURT_AFTER_DEMAND, on)
        _record(actor, case, Event.CASE_DEMAND_ISSUED, {"new": {"on": on, "court_from": demand.due_date}})
    return case


def court_application_window(case: Case) -> tuple[date, date, str]:
    """行政强制法 第五十三条 (A16): where the party neither applied for 复议 nor sued within the statutory periods and
    did not perform, the agency may apply to the court within 3 months from the day those periods lapsed. The 诉讼
    period (行政诉讼法 第四十六条, 6 months from service) lapses last. Returns (first day, last day, citations)."""
    remedy = compute_for_rule(rules.LITIGATION_PERIOD, case.served_on, body_id=case.body_id, estimate=True)
    window = compute_for_rule(rules.COURT_APPLICATION, remedy.due, body_id=case.body_id, estimate=True)
    citations = (rule_for(rules.COURT_APPLICATION, on=remedy.due), rule_for(rules.LITIGATION_PERIOD, on=case.served_on))
    citation = "；".join(r.citation for r in citations)
    return remedy.due + timedelta(days=1), window.due, citation


def apply_to_court(*, actor, case: Case, on: date, court: str) -> Case:
    """申请人民法院强制执行 (第七十二条; 行政强制法 第五十三、五十四条): unpaid after the 催告 period, and — where the
    party brought no 复议 or 诉讼 — within 3 months after the 复议/诉讼 periods lapsed (第五十三条, A16)."""
    _require(actor, Role.LEADER, what="申请人民法院强制执行")
    court = _text(court, "court", "受理法院")
    _not_future(on, "on", "申请日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.COURT)
        demand = (
            Deadline.objects.filter(subject_type=CASE_TYPE, subject_id=str(case.pk), rule_key=rules.COURT_AFTER_DEMAND)
            .order_by("-id")
            .first()
        )
        if demand is None:
            raise RuleViolation(
                "申请人民法院强制执行前，应当催告当事人履行义务（《中华人民共和国行政强制法》第五十四条）。"
            )
        if on <= demand.due_date:
            raise RuleViolation(
                f"催告书送达十日后当事人仍未履行的，方可申请人民法院强制执行；最早 {demand.due_date} 之后（{demand.rule_citation}）。"
            )
        if case.remedies.filter(ended_on__isnull=True).exists():
            raise RuleViolation(
                "复议或诉讼尚未终结，暂不申请人民法院强制执行（《中华人民共和国行政强制法》第五十三条）。"
            )
        if not case.remedies.exists():
            first, last, citation = court_application_window(case)
            if on < first:
                raise RuleViolation(
                    f"当事人申请行政复议、提起行政诉讼的期限尚未届满，{first} 起方可申请人民法院强制执行（{citation}）。"
                )
            if on > last:
                raise RuleViolation(
                    f"申请人民法院强制执行应当自复议、诉讼期限届满之日起三个月内提出，已于 {last} 届满（{citation}）。"
                )
        case.court_applied_on = on
        case.save(update_fields=["status", "court_applied_on"])
        _close(actor, case, rules.COURT_AFTER_DEMAND, on)
        _record(
            actor,
            case,
            Event.CASE_COURT_APPLIED,
            {"old": {"status": change["status"][0]}, "new": {"status": case.status, "on": on, "court": court}},
        )
    return case


# --- 12. 结案、归档 -------------------------------------------------------------------------------------------------


def close_case(*, actor, case: Case, on: date, report: str) -> Case:
    """结案 with a closing report: the decision served and, for a fine, executed (or with the court)."""
    _require(actor, Role.OFFICER, Role.LEADER, what="结案")
    report = _text(report, "report", "结案报告")
    _not_future(on, "on", "结案日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.status == Status.DECIDED and case.outcome != Outcome.TRANSFER:
            raise RuleViolation(f"决定书尚未送达，不能结案（{LAW}第六十一条）。")
        change = _move(case, Status.CLOSED)
        if change["status"][0] == Status.SERVED and case.fine_amount and case.paid_amount < case.fine_amount:
            raise RuleViolation(
                f"罚款尚未缴清（已缴{case.paid_amount}元，应缴{case.fine_amount}元），不能结案（{LAW}第六十七条）。"
            )
        if case.procedure == Procedure.SUMMARY and case.filed_with_body_on is None:
            raise RuleViolation(f"当场作出的行政处罚决定应当报所属行政机关备案后结案（{LAW}第五十二条第三款）。")
        if on < (case.served_on or case.decided_on):
            raise InvalidInput("结案日期早于送达或决定日期。", field="on")
        case.closed_on = on
        case.closing_report = report
        case.save(update_fields=["status", "closed_on", "closing_report"])
        _record(
            actor,
            case,
            Event.CASE_CLOSED,
            {"old": {"status": change["status"][0]}, "new": {"status": case.status, "closed_on": on}},
        )
    return case


def archive_index(case: Case) -> list[dict]:
    """卷内目录: every document and evidence item with its hash, in procedural order (by date, documents first)."""
    rows = []
    for doc in case.documents.order_by("generated_at", "id"):
        rows.append(
            {
                "kind": "文书",
                "title": doc.title,
                "number": doc.number,
                "date": timezone.localtime(doc.generated_at).date().isoformat(),
                "file": doc.file_name,
                "sm3": doc.sm3,
            }
        )
    for ev in case.evidence.order_by("collected_on", "id"):
        rows.append(
            {
                "kind": f"证据（{ev.get_kind_display()}）",
                "title": ev.title,
                "number": "",
                "date": ev.collected_on.isoformat(),
                "file": ev.file_name,
                "sm3": ev.sm3,
            }
        )
    rows.sort(key=lambda r: (r["date"], 0 if r["kind"] == "文书" else 1))
    return [{"seq": i, **row} for i, row in enumerate(rows, start=1)]


def archive_case(*, actor, case: Case, on: date) -> Case:
    """归档: the case file lists every document and evidence item with its hash, in order, and prints as 卷内目录."""
    from fazhi.enforcement import documents

    _require(actor, Role.OFFICER, Role.LEADER, what="归档")
    _not_future(on, "on", "归档日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        change = _move(case, Status.ARCHIVED)
        if on < case.closed_on:
            raise InvalidInput("归档日期早于结案日期。", field="on")
        index = archive_index(case)
        case.archive_index = index
        case.archived_on = on
        case.save(update_fields=["status", "archive_index", "archived_on"])
        doc, stored = documents.build_and_store(case=case, kind="case_file_index", actor=actor)
        _record(
            actor,
            case,
            Event.CASE_ARCHIVED,
            {
                "old": {"status": change["status"][0]},
                "new": {"status": case.status, "archived_on": on, "items": len(index), "index_document": doc.pk},
                "files": [{"name": r["file"], "sm3": r["sm3"]} for r in index] + [stored.chain_item()],
            },
        )
    return case


# --- 简易程序 (summary procedure) ----------------------------------------------------------------------------------


def summary_caps(party_kind: str, on: date, body_id: int | None) -> tuple[Decimal, str]:
    key = rules.SUMMARY_FINE_CAP_INDIVIDUAL if party_kind == PartyKind.PERSON else rules.SUMMARY_FINE_CAP_ORGANISATION
    rule = amount_for(key, on=on)
    return rule.amount(body_id), rule.citation


def decide_on_the_spot(
    *,
    actor,
    body,
    on: date,
    place: str,
    title: str,
    facts: str,
    basis: str,
    party_kind: str,
    party_name: str,
    officers,
    penalty_kinds: str,
    fine_amount=None,
    party_id_number: str = "",
    party_address: str = "",
    power_version=None,
    party_signed: bool = True,
    refusal_note: str = "",
    collected_on_spot: bool = False,
    receipt: str = "",
) -> Case:
    """简易程序 (第五十一、五十二条): clear facts, a legal basis, 警告 or a fine within the caps (200 / 3,000 元 under the
    2021 text; 50 / 1,000 元 under the 2017 text); a serially numbered form handed over on the spot; later 备案."""
    _require(actor, Role.OFFICER, what="当场作出行政处罚决定")
    if actor is not None and not actor.is_superuser and body.pk not in visible_body_ids(actor):
        raise NotPermitted("不能为管辖范围以外的机关作出决定。")
    _not_future(on, "on", "决定日期")
    title = _text(title, "title", "违法行为")
    facts = _text(facts, "facts", "违法事实")
    basis = _text(basis, "basis", "处罚依据", why=f"{LAW}第五十一条：有法定依据")
    place = _text(place, "place", "地点")
    party_name = _text(party_name, "party_name", "当事人姓名或名称")
    if party_kind not in PartyKind.values:
        raise InvalidInput("请选择当事人类别。", field="party_kind")
    kinds = _kinds(penalty_kinds)
    if not kinds or any(k not in ("警告", "罚款") for k in kinds):
        raise RuleViolation(f"简易程序只能当场作出警告或者罚款（{LAW}第五十一条）。")
    fine = _money(fine_amount, "fine_amount", "罚款金额")
    if "罚款" in kinds and not fine:
        raise InvalidInput("请填写罚款金额。", field="fine_amount")
    cap, cap_citation = summary_caps(party_kind, on, body.pk)
    if fine and fine > cap:
        who = "公民" if party_kind == PartyKind.PERSON else "法人或者其他组织"
        raise RuleViolation(
            f"对{who}处以{cap}元以下罚款的，方可适用简易程序当场作出决定；罚款{fine}元应当适用普通程序（{cap_citation}）。"
        )
    if not party_signed and not refusal_note.strip():
        raise InvalidInput(f"当事人拒绝签收的，应当在决定书上注明（{LAW}第五十二条第二款）。", field="refusal_note")
    if collected_on_spot:
        collection_cap = amount_for(rules.ON_THE_SPOT_COLLECTION_CAP, on=on)
        if not fine or fine > collection_cap.amount(body.pk):
            raise RuleViolation(
                f"当场收缴罚款仅限{collection_cap.amount(body.pk)}元以下（{collection_cap.citation}）。"
            )
        receipt = _text(receipt, "receipt", "财政部门统一制发的专用票据号码", why=f"{LAW}第七十条")
    with transaction.atomic():
        people = _certified_pair(officers, on, what="当场作出行政处罚决定")
        case = Case.objects.create(
            body=body,
            procedure=Procedure.SUMMARY,
            status=Status.SERVED,
            source=LeadSource.PATROL,
            title=title,
            description=facts,
            place=place,
            discovered_on=on,
            act_date=on,
            registered_by=actor,
            party_kind=party_kind,
            party_name=party_name,
            party_id_number=party_id_number.strip(),
            party_address=party_address.strip(),
            filed_on=on,
            proposed_on=on,
            facts=facts,
            evidence_summary="执法人员现场检查发现",
            proposed_outcome=Outcome.PENALTY,
            power_version=power_version,
            penalty_kinds="、".join(kinds),
            fine_amount=fine,
            outcome=Outcome.PENALTY,
            decided_on=on,
            decided_by=actor,
            decision_text=f"{basis}；{'、'.join(kinds)}{f'人民币{fine}元' if fine else ''}",
            served_on=on,
        )
        case.officers.set(people)
        case.decision_number = _number(case, "简罚", on)
        case.number = case.decision_number
        update = ["decision_number", "number"]
        if fine and collected_on_spot:
            case.paid_amount = fine
            case.status = Status.EXECUTED
            case.executed_on = on
            update += ["paid_amount", "status", "executed_on"]
            Payment.objects.create(case=case, paid_on=on, amount=fine, receipt=receipt, recorded_by=actor)
        elif fine:
            payment = _open(actor, case, rules.PAYMENT, on)
            case.payment_due_on = payment.due_date
            update.append("payment_due_on")
        case.save(update_fields=update)
        Service.objects.create(
            case=case,
            method=ServiceMethod.ON_THE_SPOT,
            served_on=on,
            recipient=party_name,
            place=place,
            proof="当事人签收" if party_signed else f"当事人拒绝签收：{refusal_note.strip()}",
            recorded_by=actor,
        )
        _record(
            actor,
            case,
            Event.CASE_SUMMARY_DECIDED,
            {
                "new": {
                    "status": case.status,
                    "number": case.decision_number,
                    "on": on,
                    "party": party_name,
                    "penalty_kinds": case.penalty_kinds,
                    "fine_amount": fine,
                    "cap": cap,
                    "officers": [p.pk for p in people],
                    "collected_on_spot": collected_on_spot,
                }
            },
        )
        hooks.case_decided(actor=actor, case=case)
    return case


def file_summary_decision(*, actor, case: Case, on: date) -> Case:
    """备案 (第五十二条第三款): the on-the-spot decision is filed with the agency."""
    _require(actor, Role.OFFICER, Role.LEADER, what="简易程序决定备案")
    _not_future(on, "on", "备案日期")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        if case.procedure != Procedure.SUMMARY:
            raise InvalidTransition("只有简易程序的当场处罚决定需要备案。")
        if case.filed_with_body_on:
            raise InvalidTransition(f"该决定已于 {case.filed_with_body_on} 备案。")
        if on < case.decided_on:
            raise InvalidInput("备案日期早于决定日期。", field="on")
        case.filed_with_body_on = on
        case.save(update_fields=["filed_with_body_on"])
        _record(
            actor, case, Event.CASE_SUMMARY_FILED, {"new": {"filed_with_body_on": on, "number": case.decision_number}}
        )
    return case


# --- 文书 (documents) -----------------------------------------------------------------------------------------------


def generate_document(*, actor, case: Case, kind: str, source_id: str = ""):
    """Generate a document from the record (.docx, GB/T 9704), store it by hash and put its hash on the chain."""
    from fazhi.enforcement import documents

    _require(actor, Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER, what="生成执法文书")
    with transaction.atomic():
        case = _lock(case)
        _in_scope(actor, case)
        doc, stored = documents.build_and_store(case=case, kind=kind, actor=actor, source_id=source_id)
        _record(
            actor,
            case,
            Event.CASE_DOCUMENT_GENERATED,
            {
                "new": {"document_id": doc.pk, "kind": kind, "title": doc.title, "number": doc.number},
                "files": [stored.chain_item()],
            },
        )
    return doc
