"""调查取证: acts with their 笔录, evidence of the eight statutory kinds, 回避, 先行登记保存, and 补充调查
(行政处罚法 第四十二条、第四十三条、第四十六条、第五十四条至第五十六条)."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role, has_role, in_scope
from fazhi.enforcement import rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.files import RECORDING_EXTENSIONS, StoredFile, store_upload
from fazhi.enforcement.models import (
    RECORDING_REQUIRED,
    ActKind,
    Case,
    Evidence,
    EvidenceKind,
    InvestigationAct,
    Preservation,
    Recusal,
)
from fazhi.enforcement.services._common import (
    CASE,
    DOC_118,
    certified_pair,
    name_of,
    recused_ids,
    text,
)
from fazhi.enforcement.workflow import BEFORE_DECISION, INVESTIGATION_OPEN, LAW, Status


def store_evidence(
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
    """Store an uploaded file by SM3 and register it as evidence (inside the caller's step)."""
    if kind not in EvidenceKind.values:
        raise InvalidInput(
            f"证据种类应为{LAW}第四十六条规定的八类之一：{'、'.join(EvidenceKind.labels)}。", field="kind"
        )
    title = text(title, "title", "证据名称")
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
        proves=(proves or "").strip(),
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


EVIDENCE_OPEN = {*INVESTIGATION_OPEN, Status.NOTIFIED, Status.HEARING}


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
    refusal = f"案件当前处于“{{status}}”，不能再登记证据（证据应在立案后、作出决定前收集，{LAW}第五十四条）。"
    with CASE.step(actor, case, "登记证据", Event.CASE_EVIDENCE_ADDED, roles=[Role.OFFICER], allowed=EVIDENCE_OPEN,
                   refusal=refusal, on=collected_on, on_field="collected_on", on_label="证据取得日期",
                   after="discovered_on") as s:  # fmt: skip
        evidence, stored = store_evidence(
            actor=actor,
            case=s.obj,
            upload=upload,
            kind=kind,
            title=title,
            collected_on=collected_on,
            proves=proves,
            act=act,
            is_recording=is_recording,
        )
        s.new(evidence_id=evidence.pk, kind=kind, title=evidence.title, size=stored.size)
        s.file(stored)
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
    if kind not in ActKind.values or kind == ActKind.PRESERVATION:
        raise InvalidInput("请选择调查取证类别（先行登记保存请使用专门的审批步骤）。", field="kind")
    place = text(place, "place", "地点")
    content = text(content, "content", "笔录内容", why=f"{LAW}第五十五条：询问或者检查应当制作笔录")
    if not certificates_shown:
        raise RuleViolation(
            f"执法人员应当主动向当事人或者有关人员出示执法证件；未出示的，当事人有权拒绝接受调查或者检查（{LAW}第五十五条）。"
        )
    if not signed and not (refusal_note or "").strip():
        raise InvalidInput("当事人未签名的，请注明拒绝签名的情况（笔录须经当事人核对签名）。", field="refusal_note")
    refusal = f"案件当前处于“{{status}}”，不能进行调查取证（应在立案后、调查终结前进行，{LAW}第五十四条、第五十五条）。"
    with CASE.step(actor, case, "记录调查取证", Event.CASE_ACT_RECORDED, roles=[Role.OFFICER],
                   allowed=INVESTIGATION_OPEN, refusal=refusal, on=on, on_label="调查日期", after="filed_on") as s:  # fmt: skip
        case = s.obj
        people = certified_pair(officers, on, what=ActKind(kind).label)
        recused = recused_ids(case) & {p.pk for p in people}
        if recused:
            names = "、".join(name_of(p) for p in people if p.pk in recused)
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
            person=(person or "").strip(),
            content=content,
            certificates_shown=True,
            signed=signed,
            refusal_note=(refusal_note or "").strip(),
            recorded_by=actor,
        )
        act.officers.set(people)
        if recording is not None:
            _evidence, stored = store_evidence(
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
            s.file(stored)
        if kind == ActKind.SEIZURE:
            # 行政强制法 第二十五条: 查封、扣押 ≤ 30 days (extendable once by ≤ 30 with the 负责人's approval).
            s.open(rules.SEIZURE, on, subject=act, label=f"{case.label}（查封、扣押期限）")
        s.new(act_id=act.pk, kind=kind, on=on, place=place, officers=[p.pk for p in people], signed=signed)
    return act


def _seizure(act: InvestigationAct) -> InvestigationAct:
    act = InvestigationAct.objects.select_for_update().get(pk=act.pk)
    if act.kind != ActKind.SEIZURE:
        raise InvalidInput("所选记录不是查封、扣押。", field="act")
    if act.ended_on:
        raise InvalidTransition(f"该查封、扣押已于 {act.ended_on} 解除或作出处理决定。")
    return act


def extend_seizure(*, actor, act: InvestigationAct, days: int, reason: str) -> InvestigationAct:
    """延长查封、扣押期限: 情况复杂的，经行政机关负责人批准，可以延长，但延长期限不得超过三十日 (行政强制法 第二十五条)."""
    reason = text(reason, "reason", "延长理由（情况复杂的具体情形）")
    with CASE.step(actor, act.case_id, "批准延长查封、扣押期限", Event.CASE_SEIZURE_EXTENDED, roles=[Role.LEADER],
                   dated=False) as s:  # fmt: skip
        act = _seizure(act)
        row = deadlines.current(act, rules.SEIZURE)
        if row is None:
            raise InvalidTransition("该查封、扣押没有进行中的期限。")
        old_due = row.due_date
        row = deadlines.extend_deadline(actor=actor, deadline=row, units=days, approver=actor, reason=reason)
        s.old(seizure_due=old_due)
        s.new(act_id=act.pk, seizure_due=row.due_date, days=days, reason=reason)
    return act


def end_seizure(*, actor, act: InvestigationAct, on: date, handling: str) -> InvestigationAct:
    """查封、扣押期限内作出处理决定或者解除 (行政强制法 第二十五条、第二十七条、第二十八条): closes its deadline."""
    handling = text(handling, "handling", "处理决定或解除情况")
    with CASE.step(actor, act.case_id, "查封、扣押解除或处理", Event.CASE_SEIZURE_ENDED,
                   roles=[Role.OFFICER, Role.LEADER], on=on, on_label="解除或处理日期") as s:  # fmt: skip
        act = _seizure(act)
        if on < act.on:
            raise InvalidInput(f"解除或处理日期 {on} 早于查封、扣押日期 {act.on}。", field="on")
        act.ended_on, act.handling = on, handling
        act.save(update_fields=["ended_on", "handling"])
        s.close(rules.SEIZURE, on, subject=act)
        s.new(act_id=act.pk, ended_on=on, handling=handling)
    return act


def decide_recusal(
    *, actor, case: Case, person, applicant: str, reason: str, granted: bool, on: date, replacement=None
) -> Recusal:
    """回避 (第四十三条): the 负责人 decides; a recused officer leaves the case, and the case keeps ≥ 2 officers."""
    applicant = text(applicant, "applicant", "申请人")
    reason = text(reason, "reason", "回避理由")
    if person is None:
        raise InvalidInput("请选择申请回避的人员。", field="person")
    refusal = f"案件当前处于“{{status}}”，已不能申请回避（{LAW}第四十三条）。"
    with CASE.step(actor, case, "作出回避决定", Event.CASE_RECUSAL_DECIDED, roles=[Role.LEADER],
                   allowed={*BEFORE_DECISION, Status.FILING}, refusal=refusal, on=on, on_label="决定日期",
                   after="discovered_on") as s:  # fmt: skip
        case = s.obj
        officers = list(case.officers.all())
        new_officers = officers
        if granted:
            new_officers = [o for o in officers if o.pk != person.pk]
            if replacement is not None and replacement.pk not in {o.pk for o in new_officers}:
                new_officers.append(replacement)
            if len(new_officers) < 2:
                raise RuleViolation(
                    f"{name_of(person)}回避后本案承办人员不足两名，请同时指定替换的执法人员（{LAW}第四十二条）。"
                )
            if replacement is not None:
                certified_pair(new_officers, on, what="承办案件")
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
        s.new(person=person.pk, granted=granted, reason=reason, applicant=applicant, on=on)
        s.note(officers={"old": [o.pk for o in officers], "new": [o.pk for o in new_officers]})
    return recusal


def preserve_evidence(*, actor, case: Case, items: str, on: date, approver, officers) -> Preservation:
    """先行登记保存 (第五十六条): evidence may be lost; the 负责人 approves; a handling decision within 7 working days."""
    items = text(items, "items", "物品清单")
    if approver is None or not has_role(approver, Role.LEADER):
        raise RuleViolation(f"先行登记保存须经行政机关负责人批准（{LAW}第五十六条）。")
    refusal = f"案件当前处于“{{status}}”，不能先行登记保存（{LAW}第五十六条）。"
    with CASE.step(actor, case, "先行登记保存", Event.CASE_PRESERVATION_APPROVED, roles=[Role.OFFICER],
                   allowed=INVESTIGATION_OPEN, refusal=refusal, on=on, on_label="保存日期", after="filed_on") as s:  # fmt: skip
        case = s.obj
        if not in_scope(approver, case.body_id):
            raise InvalidInput(f"{name_of(approver)}不是本案机关的负责人，不能批准先行登记保存。", field="approver")
        people = certified_pair(officers, on, what="先行登记保存")
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
        s.open(rules.EVIDENCE_PRESERVATION, on, subject=preservation, label=f"{case.label}（先行登记保存处理决定）")
        s.new(preservation_id=preservation.pk, items=items, on=on, approver=approver.pk)
    return preservation


def handle_preservation(*, actor, preservation: Preservation, on: date, handling: str) -> Preservation:
    """The handling decision on preserved evidence (第五十六条: 七日内及时作出处理决定) closes its deadline."""
    handling = text(handling, "handling", "处理决定")
    with CASE.step(actor, preservation.case_id, "作出先行登记保存处理决定", Event.CASE_PRESERVATION_HANDLED,
                   roles=[Role.OFFICER, Role.LEADER], on=on, on_label="处理日期") as s:  # fmt: skip
        preservation = Preservation.objects.select_for_update().get(pk=preservation.pk)
        if preservation.handled_on:
            raise InvalidTransition(f"该先行登记保存已于 {preservation.handled_on} 作出处理决定。")
        if on < preservation.on:
            raise InvalidInput(f"处理日期 {on} 早于保存日期 {preservation.on}。", field="on")
        preservation.handled_on = on
        preservation.handling = handling
        preservation.save(update_fields=["handled_on", "handling"])
        s.close(rules.EVIDENCE_PRESERVATION, on, subject=preservation)
        s.new(preservation_id=preservation.pk, handled_on=on, handling=handling)
    return preservation


def reopen_investigation(*, actor, case: Case, on: date, reason: str) -> Case:
    """补充调查: the proposal (or a returned review) sends the case back to investigation."""
    reason = text(reason, "reason", "补充调查理由")
    with CASE.step(actor, case, "补充调查", Event.CASE_REOPENED, roles=[Role.OFFICER, Role.LEADER],
                   to=Status.INVESTIGATING, on=on, on_label="补充调查日期", after=("proposed_on", "filed_on")) as s:  # fmt: skip
        s.new(reopened_on=on, reason=reason)
    return s.obj
