"""Every 双随机 step declared once (core.step_specs): the task page, the POST views and the API loop over these.

- ``TASK_STEPS``: on one task — 公布随机种子, 随机抽取, 确认检查完毕, 公示抽查结果;
- ``RECORD_STEPS``: on one drawn object — 登记检查结果;
- ``CREATE_STEPS``: the steps that create a record (事项, 检查对象, 检查人员, 利害关系, 计划, 任务).
"""

from __future__ import annotations

from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.inspection import forms, rules, services
from fazhi.inspection.models import Result, TaskStatus
from fazhi.inspection.xlsx import read_rows


def _on_task(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, task=obj, **kwargs)

    return run


def _record(*, actor, obj, **kwargs):
    return services.record_result(actor=actor, task_object=obj, **kwargs)


def _pending_objects(task) -> str | None:
    from fazhi.inspection.models import TaskObject

    pending = TaskObject.objects.filter(task=task, result=Result.PENDING).count()
    return f"还有{pending}个抽中的检查对象未登记检查结果。" if pending else None


TASK_STEPS = StepSet(
    "inspection.task",
    [
        StepSpec(
            "seed",
            "公布随机种子并固定名单",
            forms.SeedForm,
            _on_task(services.fix_seed),
            roles=services.MANAGERS,
            statuses=(TaskStatus.PLANNED, TaskStatus.SEEDED),
            primary=True,
            citation=f"{rules.DOC_58}二（全程留痕）",
            describe=lambda t: "种子和名单的 SM3 先记入审计链，之后抽取结果即已确定，任何人可据此重算。",
        ),
        StepSpec(
            "draw",
            "随机抽取检查对象和检查人员",
            forms.DateOnlyForm,
            _on_task(services.draw),
            roles=services.MANAGERS,
            statuses=(TaskStatus.SEEDED,),
            primary=True,
            citation=rules.DOC_5,
        ),
        StepSpec(
            "complete",
            "确认检查完毕",
            forms.DateOnlyForm,
            _on_task(services.complete),
            roles=services.MANAGERS,
            statuses=(TaskStatus.DRAWN,),
            guards=(_pending_objects,),
            citation=rules.DOC_58,
        ),
        StepSpec(
            "publish",
            "公示抽查结果",
            forms.DateOnlyForm,
            _on_task(services.publish),
            roles=services.MANAGERS,
            statuses=(TaskStatus.COMPLETED,),
            primary=True,
            citation=f"{rules.DOC_5}（谁检查、谁录入、谁公开）",
            confirm="检查结果将经脱敏后在公示栏目公开。",
        ),
    ],  # fmt: skip
    prefixed=True,
)

RECORD_STEPS = StepSet(
    "inspection.record",
    [
        StepSpec(
            "record",
            "登记检查结果",
            forms.RecordForm,
            _record,
            roles=services.RECORDERS,
            when=lambda row: row.result == Result.PENDING and row.task.status == TaskStatus.DRAWN,
            multipart=True,
            citation="谁检查、谁录入；发现违法行为的移交立案（《中华人民共和国行政处罚法》第五十四条）",
        ),
    ],  # fmt: skip
)


def _create(service, **fixed):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, **fixed, **kwargs)

    return run


def _import(*, actor, obj, body, file, on):
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    rows, digest = read_rows(data)
    return services.import_objects(actor=actor, body=body, rows=rows, on=on, source_sm3=digest)


CREATE_STEPS = StepSet(
    "inspection.create",
    [
        StepSpec(
            "item",
            "列入随机抽查事项",
            forms.ItemForm,
            _create(services.list_item),
            roles=services.MANAGERS,
            citation=f"{rules.DOC_58}一（一）",
        ),
        StepSpec(
            "object",
            "登记检查对象",
            forms.ObjectForm,
            _create(services.save_object),
            roles=(*services.RECORDERS, *services.MANAGERS),
            citation="GB 32100-2015",
        ),
        StepSpec(
            "import",
            "导入检查对象名录库（.xlsx）",
            forms.ImportForm,
            _import,
            roles=(*services.RECORDERS, *services.MANAGERS),
            multipart=True,
            citation="整表导入：全部成功或全部不导入",
        ),
        StepSpec(
            "inspector",
            "列入执法检查人员名录库",
            forms.InspectorForm,
            _create(services.add_inspector),
            roles=services.MANAGERS,
            citation=f"{rules.DOC_5}；{rules.PENALTY_LAW}第四十二条",
        ),
        StepSpec(
            "conflict",
            "申报利害关系（回避）",
            forms.ConflictForm,
            _create(services.declare_conflict),
            roles=(*services.RECORDERS, *services.MANAGERS),
            citation="检查人员与检查对象有利害关系的，应当回避",
        ),
        StepSpec(
            "plan",
            "制定年度抽查工作计划",
            forms.PlanForm,
            _create(services.adopt_plan),
            roles=services.MANAGERS,
            citation=rules.DOC_5,
        ),
        StepSpec(
            "task",
            "制定抽查任务",
            forms.TaskForm,
            _create(services.create_task),
            roles=services.MANAGERS,
            citation=f"{rules.DOC_5}（一般检查事项的抽查比例设上限；按风险和信用差异化）",
        ),
    ],  # fmt: skip
    prefixed=True,
)
