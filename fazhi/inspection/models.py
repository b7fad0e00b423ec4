"""双随机、一公开 (国办发〔2015〕58号; 国发〔2019〕5号): the 抽查事项清单, the two 名录库, annual plans, tasks with a
reproducible draw, inspection records and their public results.

Data and invariants only; every write goes through ``services``. Deadlines live in core's table, chain entries in
audit's; the draw's pools are stored as they were when the seed was fixed (``DrawPool``) so anyone can recompute it.
"""

from django.conf import settings
from django.db import models


class ItemKind(models.TextChoices):
    """国发〔2019〕5号: 重点检查事项 have no upper limit on the sample ratio; 一般检查事项 have one."""

    KEY = "key", "重点检查事项"
    GENERAL = "general", "一般检查事项"


class ObjectKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL = "individual", "个体工商户"


class RiskLevel(models.TextChoices):
    HIGH = "high", "高风险"
    MEDIUM = "medium", "中风险"
    LOW = "low", "低风险"


class CreditLevel(models.TextChoices):
    GOOD = "good", "守信"
    FAIR = "fair", "基本守信"
    POOR = "poor", "失信"
    SEVERE = "severe", "严重失信"


class TaskStatus(models.TextChoices):
    PLANNED = "planned", "待抽取"
    SEEDED = "seeded", "已公布随机种子"
    DRAWN = "drawn", "已抽取，检查中"
    COMPLETED = "completed", "检查完毕，待公示"
    PUBLISHED = "published", "结果已公示"


class Result(models.TextChoices):
    PENDING = "pending", "未检查"
    PASSED = "passed", "合格"
    RECTIFY = "rectify", "责令整改"
    CASE = "case", "立案查处"


class InspectionItem(models.Model):
    """One line of the 随机抽查事项清单 (58号 一（一）: 抽查依据、主体、内容、方式; published)."""

    body = models.ForeignKey("org.Body", verbose_name="抽查主体", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("抽查事项", max_length=200)
    basis = models.CharField("抽查依据", max_length=300)
    basis_key = models.CharField("依据条文", max_length=200, blank=True)
    content = models.TextField("抽查内容")
    method = models.CharField("抽查方式", max_length=100)
    kind = models.CharField("事项类别", max_length=10, choices=ItemKind.choices)
    ratio_cap = models.DecimalField("抽查比例上限（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    active = models.BooleanField("有效", default=True)
    listed_on = models.DateField("列入清单日期")

    class Meta:
        verbose_name = "随机抽查事项"
        ordering = ["body_id", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="inspection_item_unique_name")]

    def __str__(self):
        return self.name


class InspectionObject(models.Model):
    """检查对象名录库: enterprises and 个体工商户, keyed by 统一社会信用代码 (GB 32100-2015)."""

    body = models.ForeignKey("org.Body", verbose_name="名录库所属机关", on_delete=models.PROTECT, related_name="+")
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=ObjectKind.choices)
    address = models.CharField("住所（经营场所）", max_length=300, blank=True)
    representative = models.CharField("法定代表人（经营者）", max_length=100, blank=True)
    risk = models.CharField("风险等级", max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW)
    credit = models.CharField("信用等级", max_length=10, choices=CreditLevel.choices, default=CreditLevel.GOOD)
    active = models.BooleanField("在库", default=True)

    class Meta:
        verbose_name = "检查对象"
        ordering = ["body_id", "credit_code"]
        constraints = [models.UniqueConstraint(fields=["body", "credit_code"], name="inspection_object_unique_code")]

    def __str__(self):
        return f"{self.name}（{self.credit_code}）"


class Inspector(models.Model):
    """执法检查人员名录库: certified officers (org's certificates), tagged by 执法资质 and 业务专长 (5号)."""

    body = models.ForeignKey("org.Body", verbose_name="名录库所属机关", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("检查人员编号", max_length=20)
    qualification = models.CharField("执法资质", max_length=100, blank=True)
    specialty = models.CharField("业务专长", max_length=100, blank=True)
    active = models.BooleanField("在库", default=True)

    class Meta:
        verbose_name = "执法检查人员"
        ordering = ["body_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="inspection_inspector_unique_code"),
            models.UniqueConstraint(fields=["body", "person"], name="inspection_inspector_unique_person"),
        ]

    def __str__(self):
        return f"{self.person.get_full_name() or self.person.get_username()}（{self.code}）"


class Conflict(models.Model):
    """A declared conflict of interest (利害关系) between an inspector and an object: the inspector is never drawn
    for a task that drew the object."""

    body = models.ForeignKey("org.Body", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(
        Inspector, verbose_name="检查人员", on_delete=models.PROTECT, related_name="conflicts"
    )
    target = models.ForeignKey(
        InspectionObject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="conflicts"
    )
    reason = models.CharField("利害关系", max_length=300)
    declared_on = models.DateField("申报日期")

    class Meta:
        verbose_name = "利害关系申报"
        constraints = [models.UniqueConstraint(fields=["inspector", "target"], name="inspection_conflict_unique")]

    def __str__(self):
        return f"{self.inspector_id}×{self.target_id}：{self.reason}"


class Plan(models.Model):
    """年度抽查工作计划 of one body (5号: 进一次门、查多项事)."""

    body = models.ForeignKey("org.Body", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    adopted_on = models.DateField("制定日期")

    class Meta:
        verbose_name = "年度抽查工作计划"
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="inspection_plan_unique_year")]

    def __str__(self):
        return self.title


class Task(models.Model):
    """One 抽查任务 under a plan: an item, the ratios per stratum, the draw and its results."""

    plan = models.ForeignKey(Plan, verbose_name="年度计划", on_delete=models.PROTECT, related_name="tasks")
    body = models.ForeignKey("org.Body", verbose_name="抽查机关", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(InspectionItem, verbose_name="抽查事项", on_delete=models.PROTECT, related_name="tasks")
    number = models.CharField("任务编号", max_length=40)
    title = models.CharField("任务名称", max_length=200)
    ratio_high = models.DecimalField("高风险抽查比例（%）", max_digits=5, decimal_places=2)
    ratio_medium = models.DecimalField("中风险抽查比例（%）", max_digits=5, decimal_places=2)
    ratio_low = models.DecimalField("低风险抽查比例（%）", max_digits=5, decimal_places=2)
    inspector_count = models.PositiveIntegerField("检查人员人数", default=2)
    status = models.CharField("状态", max_length=12, choices=TaskStatus.choices, default=TaskStatus.PLANNED)
    created_on = models.DateField("制定日期")
    seed = models.CharField("随机种子", max_length=128, blank=True)
    seeded_on = models.DateField("公布种子日期", null=True, blank=True)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    completed_on = models.DateField("检查完毕日期", null=True, blank=True)
    published_on = models.DateField("结果公示日期", null=True, blank=True)

    class Meta:
        verbose_name = "抽查任务"
        ordering = ["-created_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="inspection_task_unique_number")]

    def __str__(self):
        return f"{self.number} {self.title}"


class DrawPool(models.Model):
    """A pool as it stood when the seed was fixed: the sorted keys (one a line) and their SM3 hash."""

    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="pools")
    name = models.CharField("名单", max_length=40)
    keys = models.TextField("名单内容")
    size = models.PositiveIntegerField("数量")
    sm3 = models.CharField("SM3", max_length=64)

    class Meta:
        verbose_name = "抽取名单快照"
        ordering = ["task_id", "name"]
        constraints = [models.UniqueConstraint(fields=["task", "name"], name="inspection_pool_unique_name")]

    def __str__(self):
        return f"{self.name}（{self.size}）"

    def key_list(self) -> list[str]:
        return [k for k in self.keys.split("\n") if k]


class TaskObject(models.Model):
    """An object drawn for a task, with its inspection record and result."""

    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="drawn_objects")
    body = models.ForeignKey("org.Body", verbose_name="抽查机关", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(InspectionObject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField("抽取层", max_length=10, choices=RiskLevel.choices)
    order = models.PositiveIntegerField("抽取顺序")
    result = models.CharField("检查结果", max_length=10, choices=Result.choices, default=Result.PENDING)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    findings = models.TextField("检查情况", blank=True)
    public_findings = models.TextField("公示的检查情况", blank=True)
    case_id = models.PositiveIntegerField("立案案件", null=True, blank=True)

    class Meta:
        verbose_name = "抽中的检查对象"
        ordering = ["task_id", "stratum", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "target"], name="inspection_taskobject_unique")]

    def __str__(self):
        return str(self.target)


class TaskInspector(models.Model):
    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="drawn_inspectors")
    inspector = models.ForeignKey(Inspector, verbose_name="检查人员", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField("抽取顺序")

    class Meta:
        verbose_name = "抽中的检查人员"
        ordering = ["task_id", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "inspector"], name="inspection_taskinspector_unique")]

    def __str__(self):
        return f"{self.order}. {self.inspector_id}"


class RecordFile(models.Model):
    """A photo or file of an inspection record, stored by its SM3 hash (re-hashed by audit_verify)."""

    task_object = models.ForeignKey(TaskObject, verbose_name="检查记录", on_delete=models.PROTECT, related_name="files")
    name = models.CharField("存储名", max_length=200)
    sm3 = models.CharField("SM3", max_length=64)
    size = models.PositiveIntegerField("大小")
    original_name = models.CharField("原文件名", max_length=200)

    class Meta:
        verbose_name = "检查记录附件"

    def __str__(self):
        return self.original_name
