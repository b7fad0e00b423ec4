"""Every write of 双随机、一公开: the item list, the two 名录库, plans, tasks, the draw, records and results.

Records are created and moved through the step helper (``fazhi.core.steps``): role and scope, one transaction, the
row lock, the transition table, the step date, one chain entry with the step's own event code, and the results
deadline through ``fazhi.core.deadlines``. A refused step changes nothing.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, has_role, require
from fazhi.core.draw import pool_hash
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import amount_for
from fazhi.core.steps import Workflow, check_date
from fazhi.core.validation import service_text
from fazhi.inspection import codes, drawing, rules
from fazhi.inspection.models import (
    Conflict,
    CreditLevel,
    DrawPool,
    InspectionItem,
    InspectionObject,
    Inspector,
    ItemKind,
    ObjectKind,
    Plan,
    RecordFile,
    Result,
    RiskLevel,
    Task,
    TaskInspector,
    TaskObject,
    TaskStatus,
)
from fazhi.org.selectors import officers_certified_on

MANAGERS = (Role.LEADER, Role.ADMIN)
RECORDERS = (Role.OFFICER, Role.LEADER)

# --- the transition table ------------------------------------------------------------------------------------------

TRANSITIONS = {
    TaskStatus.PLANNED: {TaskStatus.SEEDED},
    TaskStatus.SEEDED: {TaskStatus.SEEDED, TaskStatus.DRAWN},
    TaskStatus.DRAWN: {TaskStatus.COMPLETED},
    TaskStatus.COMPLETED: {TaskStatus.PUBLISHED},
    TaskStatus.PUBLISHED: set(),
}
STEP_NAMES = {
    TaskStatus.SEEDED: "公布随机种子",
    TaskStatus.DRAWN: "随机抽取",
    TaskStatus.COMPLETED: "确认检查完毕",
    TaskStatus.PUBLISHED: "公示抽查结果",
}


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, set()):
        raise InvalidTransition(
            f"抽查任务当前为“{TaskStatus(old).label}”，不能{STEP_NAMES.get(new, '办理此步骤')}"
            f"（{rules.DOC_58}：抽取、检查、公示依次进行，全程留痕）。"
        )


def _no_transitions(old, new) -> None:
    if old != new:
        raise InvalidTransition("此记录没有状态流转。")


TASK = Workflow(model=Task, check=check_transition)
ITEM = Workflow(model=InspectionItem, check=_no_transitions, status_field="active")
OBJECT = Workflow(model=InspectionObject, check=_no_transitions, status_field="active")
INSPECTOR = Workflow(model=Inspector, check=_no_transitions, status_field="active", related=("body", "person"))


def _record_check(old: str, new: str) -> None:
    if old != Result.PENDING or new == Result.PENDING:
        raise InvalidTransition(f"该检查对象的检查结果已登记为“{Result(old).label}”，不能重复登记。")


RECORD = Workflow(model=TaskObject, check=_record_check, status_field="result", related=("body", "task", "target"))


# --- small checks --------------------------------------------------------------------------------------------------


_text = partial(service_text, max_length=2000)


def _percent(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError, TypeError):
        raise InvalidInput(f"{label}应为百分比数字（如 5 表示 5%）。", field=field) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise InvalidInput(f"{label}应在 0 至 100 之间。", field=field)
    return number.quantize(Decimal("0.01"))


def _choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        names = "、".join(str(c.label) for c in choices)
        raise InvalidInput(f"请选择{label}（{names}）。", field=field)
    return value


def resolve_basis(basis: str, on: date) -> str:
    """The 抽查依据 must be an article of the law library (58号: 没有法律法规依据的不得实施检查); returns its key."""
    from fazhi.law.selectors import parse_citation

    citation = parse_citation(basis, on=on)
    if not citation.resolved:
        raise InvalidInput(
            f"抽查依据须为法规库中的条文（{rules.DOC_58}一（一）：没有法律法规依据的不得实施检查）：{citation.error}",
            field="basis",
        )
    return citation.key


# --- 随机抽查事项清单 ---------------------------------------------------------------------------------------------------


def list_item(
    *, actor, body, name: str, basis: str, content: str, method: str, kind: str, ratio_cap=None, on: date
) -> InspectionItem:
    """列入随机抽查事项清单: 依据、主体、内容、方式 (58号 一（一）); a 一般 item carries its ratio cap (5号)."""
    require(actor, *MANAGERS, body=body, what="列入随机抽查事项")
    name = _text(name, "name", "抽查事项", max_length=200)
    basis = _text(basis, "basis", "抽查依据", max_length=300)
    content = _text(content, "content", "抽查内容")
    method = _text(method, "method", "抽查方式", max_length=100)
    kind = _choice(kind, ItemKind, "kind", "事项类别")
    check_date(on, field="on", label="列入日期")
    cap = None
    if kind == ItemKind.GENERAL:
        if ratio_cap in (None, ""):
            raise InvalidInput(f"一般检查事项须设定抽查比例上限（{rules.DOC_5}）。", field="ratio_cap")
        cap = _percent(ratio_cap, "ratio_cap", "抽查比例上限")
        if cap <= 0:
            raise InvalidInput("抽查比例上限应大于 0。", field="ratio_cap")
    basis_key = resolve_basis(basis, on)
    if InspectionItem.objects.filter(body=body, name=name).exists():
        raise InvalidInput(f"本机关的事项清单中已有“{name}”。", field="name")
    with ITEM.step(actor, None, "列入随机抽查事项", Event.INSPECTION_ITEM_LISTED, roles=MANAGERS, on=on) as s:
        item = s.created(
            InspectionItem.objects.create(
                body=body, name=name, basis=basis, basis_key=basis_key, content=content, method=method, kind=kind,
                ratio_cap=cap, listed_on=on,
            )
        )  # fmt: skip
        s.new(name=name, basis=basis, basis_key=basis_key, kind=kind, ratio_cap=cap, method=method)
    return item


def retire_item(*, actor, item: InspectionItem, on: date) -> InspectionItem:
    """动态调整: an item leaves the list (its tasks stay)."""
    with ITEM.step(actor, item, "调整随机抽查事项", Event.INSPECTION_ITEM_CHANGED, roles=MANAGERS, on=on,
                   allowed=[True], refusal="该事项已不在清单中。") as s:  # fmt: skip
        s.obj.active = False
        s.changed("active")
        s.old(active=True)
        s.new(active=False)
    return s.obj


# --- 检查对象名录库 ---------------------------------------------------------------------------------------------------


def clean_object_row(row: dict, *, field_prefix: str = "") -> dict:
    """One object's fields, checked (the form, the import and the demo share this)."""
    code = (row.get("credit_code") or "").strip().upper()
    trouble = codes.problem(code)
    if trouble:
        raise InvalidInput(trouble, field=f"{field_prefix}credit_code")
    return {
        "credit_code": code,
        "name": _text(row.get("name"), f"{field_prefix}name", "名称", max_length=200),
        "kind": _choice(row.get("kind"), ObjectKind, f"{field_prefix}kind", "类别"),
        "address": _text(row.get("address"), f"{field_prefix}address", "住所", max_length=300, required=False),
        "representative": _text(
            row.get("representative"),
            f"{field_prefix}representative",
            "法定代表人（经营者）",
            max_length=100,
            required=False,
        ),  # fmt: skip
        "risk": _choice(row.get("risk") or RiskLevel.LOW, RiskLevel, f"{field_prefix}risk", "风险等级"),
        "credit": _choice(row.get("credit") or CreditLevel.GOOD, CreditLevel, f"{field_prefix}credit", "信用等级"),
    }


def save_object(*, actor, body, on: date, **fields) -> InspectionObject:
    """登记 (or update, by 统一社会信用代码) one object of the body's 名录库."""
    require(actor, *RECORDERS, *MANAGERS, body=body, what="登记检查对象")
    values = clean_object_row(fields)
    existing = InspectionObject.objects.filter(body=body, credit_code=values["credit_code"]).first()
    with OBJECT.step(actor, existing, "登记检查对象", Event.INSPECTION_OBJECT_SAVED, roles=(*RECORDERS, *MANAGERS),
                     on=on) as s:  # fmt: skip
        if existing is None:
            obj = s.created(InspectionObject.objects.create(body=body, **values))
        else:
            obj = s.obj
            s.old(**{k: getattr(obj, k) for k in values})
            for key, value in values.items():
                setattr(obj, key, value)
            obj.active = True
            s.changed(*values, "active")
        s.new(**values)
    return obj


def import_objects(*, actor, body, rows: list[dict], on: date, source_sm3: str = "") -> dict:
    """All rows or none: each row checked first (the bad row named by its number), then every row saved and one chain
    entry for the import. Rows: dicts with ``line`` (the spreadsheet row number) and the object fields."""
    require(actor, *RECORDERS, *MANAGERS, body=body, what="导入检查对象名录库")
    check_date(on, field="on", label="导入日期")
    if not rows:
        raise InvalidInput("表格中没有检查对象。", field="file")
    cleaned, seen = [], {}
    for row in rows:
        line = row.get("line", "?")
        try:
            values = clean_object_row(row)
        except InvalidInput as exc:
            raise InvalidInput(f"第{line}行：{exc.message}", field="file") from None
        if values["credit_code"] in seen:
            raise InvalidInput(
                f"第{line}行：统一社会信用代码 {values['credit_code']} 与第{seen[values['credit_code']]}行重复。",
                field="file",
            )
        seen[values["credit_code"]] = line
        cleaned.append(values)
    with transaction.atomic():
        existing = {o.credit_code: o for o in InspectionObject.objects.select_for_update().filter(body=body)}
        new, changed = [], []
        fields = ["name", "kind", "address", "representative", "risk", "credit"]
        for values in cleaned:
            obj = existing.get(values["credit_code"])
            if obj is None:
                new.append(InspectionObject(body=body, **values))
            elif any(getattr(obj, f) != values[f] for f in fields) or not obj.active:
                for f in fields:
                    setattr(obj, f, values[f])
                obj.active = True
                changed.append(obj)
        InspectionObject.objects.bulk_create(new, batch_size=500)
        InspectionObject.objects.bulk_update(changed, [*fields, "active"], batch_size=500)
        summary = {"rows": len(cleaned), "added": len(new), "updated": len(changed), "file_sm3": source_sm3}
        record(actor=actor, event=Event.INSPECTION_OBJECTS_IMPORTED, subject=body, body_id=body.pk,
               payload={"new": summary, "credit_codes_sm3": pool_hash([v["credit_code"] for v in cleaned])})  # fmt: skip
    return summary


# --- 执法检查人员名录库 -----------------------------------------------------------------------------------------------


def add_inspector(
    *, actor, body, person, code: str, on: date, qualification: str = "", specialty: str = ""
) -> Inspector:
    """列入执法检查人员名录库: only a person of the body's tree holding a certificate valid on the day (5号: tagged
    by 执法资质 and 业务专长; 行政处罚法 第四十二条)."""
    require(actor, *MANAGERS, body=body, what="列入执法检查人员名录库")
    code = _text(code, "code", "检查人员编号", max_length=20)
    if "|" in code or "\n" in code:
        raise InvalidInput("检查人员编号不能含有“|”或换行。", field="code")
    check_date(on, field="on", label="列入日期")
    if person is None:
        raise InvalidInput("请选择人员。", field="person")
    person_body = getattr(person, "body", None)
    if person_body is None or not (person_body.path or "").startswith(body.path):
        raise InvalidInput("只能列入本机关及其下属机构的人员。", field="person")
    if person.pk not in officers_certified_on([person.pk], on):
        raise InvalidInput(
            f"{person.get_full_name()}在 {on} 没有有效的行政执法证件，不能列入执法检查人员名录库"
            f"（{rules.PENALTY_LAW}第四十二条；{rules.DOC_5}）。",
            field="person",
        )
    if Inspector.objects.filter(body=body, person=person).exists():
        raise InvalidInput(f"{person.get_full_name()}已在名录库中。", field="person")
    if Inspector.objects.filter(body=body, code=code).exists():
        raise InvalidInput(f"检查人员编号“{code}”已被使用。", field="code")
    with INSPECTOR.step(actor, None, "列入执法检查人员名录库", Event.INSPECTION_INSPECTOR_ADDED, roles=MANAGERS, on=on) as s:  # fmt: skip
        inspector = s.created(
            Inspector.objects.create(
                body=body, person=person, code=code, qualification=_text(qualification, "qualification", "执法资质",
                max_length=100, required=False), specialty=_text(specialty, "specialty", "业务专长", max_length=100,
                required=False),
            )
        )  # fmt: skip
        s.new(person_id=person.pk, code=code, qualification=inspector.qualification, specialty=inspector.specialty)
    return inspector


def declare_conflict(*, actor, inspector: Inspector, target: InspectionObject, reason: str, on: date) -> Conflict:
    """申报利害关系: the inspector is excluded from any draw that picks the object (检查人员与检查对象有利害关系的，
    应当回避 — local detailed rules; DOMAIN.md §6, UNVERIFIED as a national rule)."""
    roles = (*RECORDERS, *MANAGERS)
    require(actor, *roles, body=inspector.body_id, what="申报利害关系")
    if target.body_id != inspector.body_id:
        raise InvalidInput("检查对象与检查人员不在同一名录库。", field="target")
    reason = _text(reason, "reason", "利害关系", max_length=300)
    check_date(on, field="on", label="申报日期")
    if Conflict.objects.filter(inspector=inspector, target=target).exists():
        raise InvalidInput("已申报过该利害关系。", field="target")
    with transaction.atomic():
        conflict = Conflict.objects.create(
            body_id=inspector.body_id, inspector=inspector, target=target, reason=reason, declared_on=on
        )
        record(actor=actor, event=Event.INSPECTION_CONFLICT_DECLARED, subject=conflict, body_id=inspector.body_id,
               payload={"new": {"inspector": inspector.code, "credit_code": target.credit_code, "reason": reason,
                                "declared_on": on}})  # fmt: skip
    return conflict


# --- plans and tasks -----------------------------------------------------------------------------------------------


def adopt_plan(*, actor, body, year: int, title: str, on: date) -> Plan:
    """年度抽查工作计划 (5号)."""
    require(actor, *MANAGERS, body=body, what="制定年度抽查工作计划")
    title = _text(title, "title", "计划名称", max_length=200)
    check_date(on, field="on", label="制定日期")
    if not isinstance(year, int) or not 2000 <= year <= on.year + 1:
        raise InvalidInput("年度不正确。", field="year")
    if Plan.objects.filter(body=body, year=year).exists():
        raise InvalidInput(f"本机关{year}年度的抽查工作计划已制定。", field="year")
    with transaction.atomic():
        plan = Plan.objects.create(body=body, year=year, title=title, adopted_on=on)
        record(actor=actor, event=Event.INSPECTION_PLAN_ADOPTED, subject=plan, body_id=body.pk,
               payload={"new": {"year": year, "title": title, "adopted_on": on}})  # fmt: skip
    return plan


def ratio_refusal(item: InspectionItem, ratios: dict[str, Decimal]) -> str:
    """A 一般 item's ratio may not exceed its cap (国发〔2019〕5号); a 重点 item has no upper limit."""
    if item.kind != ItemKind.GENERAL or item.ratio_cap is None:
        return ""
    for stratum, ratio in ratios.items():
        if ratio > item.ratio_cap:
            label = RiskLevel(stratum).label
            return (
                f"“{item.name}”为一般检查事项，抽查比例上限为 {item.ratio_cap}%，{label}对象的比例 {ratio}% 超过上限"
                f"（{rules.DOC_5}：一般检查事项的抽查比例设置上限）。"
            )
    return ""


def create_task(
    *, actor, plan: Plan, item: InspectionItem, title: str, ratio_high, ratio_medium, ratio_low, on: date,
    inspector_count: int = 2,
) -> Task:  # fmt: skip
    """制定抽查任务: ratios per risk stratum (5号: 根据风险等级和信用水平差异化确定比例和频次)."""
    require(actor, *MANAGERS, body=plan.body_id, what="制定抽查任务")
    if item is None or item.body_id != plan.body_id or not item.active:
        raise InvalidInput("请选择本机关清单中的抽查事项（没有依据的不得实施检查）。", field="item")
    title = _text(title, "title", "任务名称", max_length=200)
    ratios = {
        "high": _percent(ratio_high, "ratio_high", "高风险抽查比例"),
        "medium": _percent(ratio_medium, "ratio_medium", "中风险抽查比例"),
        "low": _percent(ratio_low, "ratio_low", "低风险抽查比例"),
    }
    refusal = ratio_refusal(item, ratios)
    if refusal:
        field = next(f"ratio_{k}" for k, v in ratios.items() if v > item.ratio_cap)
        raise InvalidInput(refusal, field=field)
    minimum = int(amount_for(rules.MIN_INSPECTORS, on).amount(plan.body_id))
    try:
        inspector_count = int(inspector_count)
    except (TypeError, ValueError):
        raise InvalidInput("检查人员人数应为整数。", field="inspector_count") from None
    if inspector_count < minimum or inspector_count > 20:
        rule = amount_for(rules.MIN_INSPECTORS, on)
        raise InvalidInput(f"每项检查的检查人员不得少于{minimum}人（{rule.citation}），也不超过20人。",
                           field="inspector_count")  # fmt: skip
    if on.year != plan.year:
        raise InvalidInput(f"任务制定日期 {on} 不在计划年度 {plan.year} 内。", field="on")
    if on < plan.adopted_on:
        raise InvalidInput(f"任务制定日期 {on} 早于计划制定日期 {plan.adopted_on}。", field="on")
    with TASK.step(actor, None, "制定抽查任务", Event.INSPECTION_TASK_CREATED, roles=MANAGERS, on=on) as s:
        serial = Task.objects.filter(body_id=plan.body_id, plan__year=plan.year).count() + 1
        task = s.created(
            Task.objects.create(
                plan=plan, body_id=plan.body_id, item=item, number=f"{plan.year}-抽查-{serial:03d}", title=title,
                ratio_high=ratios["high"], ratio_medium=ratios["medium"], ratio_low=ratios["low"],
                inspector_count=inspector_count, created_on=on,
            )
        )  # fmt: skip
        s.new(number=task.number, title=title, item=item.name, inspector_count=inspector_count,
              ratio_high=ratios["high"], ratio_medium=ratios["medium"], ratio_low=ratios["low"])  # fmt: skip
    return task


def task_ratios(task: Task) -> dict[str, Decimal]:
    return {"high": task.ratio_high, "medium": task.ratio_medium, "low": task.ratio_low}


def stratum_of(risk: str, credit: str) -> str:
    """The stratum an object is drawn in: its risk level, raised to 高风险 when its credit is 失信 or 严重失信
    (58号 一（三）: 对投诉举报多、列入经营异常名录或有严重违法违规记录等情况的，加大抽查力度; ADR 0031)."""
    if credit in (CreditLevel.POOR, CreditLevel.SEVERE):
        return RiskLevel.HIGH
    return risk


def current_pools(task: Task, on: date) -> dict[str, list[str]]:
    """The pools as they stand now: the body's objects by stratum, its inspectors certified on the day, the declared
    conflicts among them."""
    pools: dict[str, list[str]] = {drawing.OBJECT_POOL.format(s): [] for s in drawing.STRATA}
    for code, risk, credit in InspectionObject.objects.filter(body_id=task.body_id, active=True).values_list(
        "credit_code", "risk", "credit"
    ):
        pools[drawing.OBJECT_POOL.format(stratum_of(risk, credit))].append(code)
    inspectors = list(Inspector.objects.filter(body_id=task.body_id, active=True).values_list("person_id", "code"))
    certified = officers_certified_on([pid for pid, _ in inspectors], on)
    pools[drawing.INSPECTOR_POOL] = [code for pid, code in inspectors if pid in certified]
    in_pool = set(pools[drawing.INSPECTOR_POOL])
    pools[drawing.CONFLICT_POOL] = [
        f"{i}|{o}"
        for i, o in Conflict.objects.filter(body_id=task.body_id, target__active=True).values_list(
            "inspector__code", "target__credit_code"
        )
        if i in in_pool
    ]
    return {name: sorted(keys) for name, keys in pools.items()}


def check_seed(seed: str) -> str:
    seed = (seed or "").strip()
    if not seed:
        return secrets.token_hex(16)
    if len(seed) > 128 or any(ch in seed for ch in "\r\n\t") or not seed.isprintable():
        raise InvalidInput("随机种子应为不超过128个字符的一行文字（如公开摇号的号码）。", field="seed")
    return seed


def fix_seed(*, actor, task: Task, on: date, seed: str = "") -> Task:
    """公布随机种子: fix the seed and snapshot every pool with its SM3 hash, on the chain before anything is drawn.
    Nothing is drawn yet; from here the draw is fully determined (anyone may recompute it). Re-fixing before the draw
    is possible and stays on the chain (全程留痕)."""
    seed = check_seed(seed)
    with TASK.step(actor, task, "公布随机种子", Event.INSPECTION_SEED_FIXED, roles=MANAGERS, to=TaskStatus.SEEDED,
                   on=on, on_label="公布日期", after="created_on") as s:  # fmt: skip
        task = s.obj
        pools = current_pools(task, on)
        if len(pools[drawing.INSPECTOR_POOL]) < task.inspector_count:
            raise InvalidInput(
                f"执法检查人员名录库中在 {on} 持有有效执法证件的人员只有{len(pools[drawing.INSPECTOR_POOL])}人，"
                f"少于本任务需要的{task.inspector_count}人（{amount_for(rules.MIN_INSPECTORS, on).citation}）。",
                field="seed",
            )
        if not any(pools[drawing.OBJECT_POOL.format(st)] for st in drawing.STRATA):
            raise InvalidInput("检查对象名录库为空，无法抽取。", field="seed")
        previous = task.seed
        DrawPool.objects.filter(task=task).delete()
        stored = DrawPool.objects.bulk_create(
            [DrawPool(task=task, name=name, keys="\n".join(keys), size=len(keys), sm3=pool_hash(keys))
             for name, keys in sorted(pools.items())]
        )  # fmt: skip
        task.seed, task.seeded_on = seed, on
        s.changed("seed", "seeded_on")
        if previous:
            s.old(seed=previous)
        s.new(seed=seed, seeded_on=on)
        s.note(pools={p.name: {"size": p.size, "sm3": p.sm3} for p in stored})
    return task


def stored_pools(task: Task) -> dict[str, list[str]]:
    return {p.name: p.key_list() for p in DrawPool.objects.filter(task=task)}


def draw(*, actor, task: Task, on: date) -> Task:
    """随机抽取: objects per stratum and the inspectors (excluding any with a declared conflict with a drawn object),
    computed from the published seed and the fixed pools only."""
    with TASK.step(actor, task, "随机抽取", Event.INSPECTION_DRAWN, roles=MANAGERS, to=TaskStatus.DRAWN, on=on,
                   on_label="抽取日期", after="seeded_on") as s:  # fmt: skip
        task = s.obj
        pools = stored_pools(task)
        result = drawing.compute(task.seed, pools, task_ratios(task), task.inspector_count)
        if len(result.inspectors) < task.inspector_count:
            raise InvalidInput(
                f"排除与抽中对象有利害关系的人员（{len(result.excluded)}人）后，可抽取的检查人员只有"
                f"{len(result.eligible)}人，少于本任务需要的{task.inspector_count}人"
                f"（{amount_for(rules.MIN_INSPECTORS, on).citation}）。请补充名录库后重新公布随机种子。",
                field="on",
            )
        if not result.drawn_codes():
            raise InvalidInput("按设定的比例没有抽中任何检查对象，请检查抽查比例。", field="on")
        objects = {
            o.credit_code: o
            for o in InspectionObject.objects.filter(body_id=task.body_id, credit_code__in=result.drawn_codes())
        }
        TaskObject.objects.bulk_create(
            [TaskObject(task=task, body_id=task.body_id, target=objects[code], stratum=stratum, order=n)
             for stratum, picked in result.objects.items() for n, code in enumerate(picked, 1)]
        )  # fmt: skip
        inspectors = {i.code: i for i in Inspector.objects.filter(body_id=task.body_id, code__in=result.inspectors)}
        TaskInspector.objects.bulk_create(
            [
                TaskInspector(task=task, inspector=inspectors[code], order=n)
                for n, code in enumerate(result.inspectors, 1)
            ]
        )
        task.drawn_on = on
        s.changed("drawn_on")
        s.new(drawn_on=on, seed=task.seed)
        s.note(draw=result.as_payload(), pools={p.name: p.sm3 for p in DrawPool.objects.filter(task=task)})
    return task


# --- records -------------------------------------------------------------------------------------------------------


def record_result(
    *, actor, task_object: TaskObject, on: date, result: str, findings: str, files=(), case_title: str = ""
) -> TaskObject:
    """登记检查结果 (谁检查、谁录入): 合格, 责令整改, or 立案 — which registers a case lead in enforcement with the
    object as the party and the findings as the facts (行政处罚法 第五十四条)."""
    from fazhi.enforcement.files import store_upload
    from fazhi.enforcement.models import LeadSource, PartyKind
    from fazhi.enforcement.services.filing import register_lead

    result = _choice(result, Result, "result", "检查结果")
    findings = _text(findings, "findings", "检查情况", max_length=4000)
    with RECORD.step(actor, task_object, "登记检查结果", Event.INSPECTION_RECORDED, roles=RECORDERS, to=result,
                     on=on, on_label="检查日期") as s:  # fmt: skip
        row = s.obj
        task = row.task
        if task.status != TaskStatus.DRAWN:
            raise InvalidTransition(f"抽查任务当前为“{task.get_status_display()}”，不能登记检查结果。")
        if on < task.drawn_on:
            raise InvalidInput(f"检查日期 {on} 早于抽取日期 {task.drawn_on}。", field="on")
        drawn_people = set(TaskInspector.objects.filter(task=task).values_list("inspector__person_id", flat=True))
        if actor is not None and actor.pk not in drawn_people and not has_role(actor, Role.LEADER):
            raise InvalidInput("检查结果由抽中的检查人员或负责人登记（谁检查、谁录入）。", field="result")
        row.inspected_on, row.findings = on, findings
        s.changed("inspected_on", "findings")
        for upload in files or ():
            stored = store_upload(upload, folder="inspection", body_id=row.body_id, field="files")
            RecordFile.objects.create(task_object=row, name=stored.name, sm3=stored.sm3, size=stored.size,
                                      original_name=stored.original_name)  # fmt: skip
            s.file(stored)
        if result == Result.CASE:
            target = row.target
            person = target.kind == ObjectKind.INDIVIDUAL
            case = register_lead(
                actor=actor, body=row.body, source=LeadSource.PATROL,
                title=_text(case_title, "case_title", "案由", max_length=200, required=False)
                or f"{task.item.name}中发现的违法行为",
                description=f"双随机抽查（{task.number}）发现：{findings}", place=target.address or target.name,
                discovered_on=on, act_date=on,
                party_kind=PartyKind.PERSON if person else PartyKind.ORGANISATION,
                party_name=(target.representative or target.name) if person else target.name,
                party_address=target.address, party_representative="" if person else target.representative,
            )  # fmt: skip
            row.case_id = case.pk
            s.changed("case_id")
            s.new(case=case.pk)
        s.new(inspected_on=on, findings=findings, credit_code=row.target.credit_code)
    return s.obj


def complete(*, actor, task: Task, on: date) -> Task:
    """确认检查完毕: every drawn object has a result; the results deadline starts (rule RESULTS_PUBLICATION)."""
    with TASK.step(actor, task, "确认检查完毕", Event.INSPECTION_COMPLETED, roles=MANAGERS, to=TaskStatus.COMPLETED,
                   on=on, on_label="检查完毕日期", after="drawn_on") as s:  # fmt: skip
        task = s.obj
        pending = TaskObject.objects.filter(task=task, result=Result.PENDING).count()
        if pending:
            raise InvalidInput(f"还有{pending}个抽中的检查对象未登记检查结果。", field="on")
        last = max(TaskObject.objects.filter(task=task).values_list("inspected_on", flat=True))
        if on < last:
            raise InvalidInput(f"检查完毕日期 {on} 早于最后一次检查日期 {last}。", field="on")
        task.completed_on = on
        s.changed("completed_on")
        s.new(completed_on=on)
        s.open(rules.RESULTS_PUBLICATION, on)
    return task


def public_text(row: TaskObject) -> str:
    """The findings as published: personal information masked by publicity's redaction (DOMAIN.md §12)."""
    from fazhi.publicity.redaction import Known, redact

    target = row.target
    person = target.kind == ObjectKind.INDIVIDUAL
    known = Known(
        party_name=target.name,
        party_is_person=False,
        addresses=(target.address,) if person and target.address else (),
        third_party_names=(target.representative,) if person and target.representative else (),
    )
    return redact(row.findings, known).text


def publish(*, actor, task: Task, on: date) -> Task:
    """公示抽查结果 (谁检查、谁公开): the redacted results of every drawn object go on the portal."""
    with TASK.step(actor, task, "公示抽查结果", Event.INSPECTION_PUBLISHED, roles=MANAGERS, to=TaskStatus.PUBLISHED,
                   on=on, on_label="公示日期", after="completed_on") as s:  # fmt: skip
        task = s.obj
        rows = list(TaskObject.objects.filter(task=task).select_related("target"))
        for row in rows:
            row.public_findings = public_text(row)
        TaskObject.objects.bulk_update(rows, ["public_findings"])
        task.published_on = on
        s.changed("published_on")
        s.new(published_on=on, results={r.target.credit_code: r.result for r in rows})
        s.close(rules.RESULTS_PUBLICATION, on)
    return task
