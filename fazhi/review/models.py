"""Legal review (法制审核): one gate used by every app whose decisions need it (enforcement now; normative documents and
major decisions later). A subject is any record, named by (type, id) like the audit chain does; each submission is a
round, and the gate is open only when the latest round passed (国办发〔2018〕118号 四: 未经法制审核或者审核未通过的，
不得作出决定)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReviewKind(models.TextChoices):
    ENFORCEMENT_DECISION = "enforcement_decision", "重大执法决定法制审核"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件合法性审核"
    MAJOR_DECISION = "major_decision", "重大行政决策合法性审查"


class ReviewState(models.TextChoices):
    PENDING = "pending", "待审核"
    PASSED = "passed", "审核通过（同意）"
    FAILED = "failed", "存在问题（退回）"
    WITHDRAWN = "withdrawn", "已撤回"


class Conclusion(models.TextChoices):
    AGREE = "agree", "同意"
    PROBLEMS = "problems", "存在问题"


class ReviewRequest(models.Model):
    """One round of review of one subject: what was submitted, by whom, and the reviewer's written opinion."""

    body = models.ForeignKey("org.Body", verbose_name="所属机构", on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField("对象类型", max_length=64)
    subject_id = models.CharField("对象编号", max_length=64)
    subject_label = models.CharField("对象", max_length=255)
    kind = models.CharField("审核类别", max_length=32, choices=ReviewKind.choices)
    round = models.PositiveSmallIntegerField("轮次")
    summary = models.TextField("送审材料与说明")
    reasons = models.JSONField("需要审核的理由", default=list)
    excluded_reviewer_ids = models.JSONField("不得担任审核人员的人员", default=list)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="送审人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("送审日期")
    submitted_at = models.DateTimeField("送审时间", default=timezone.now)
    state = models.CharField("状态", max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    points = models.JSONField("逐项审核意见", default=list, help_text='[{"key": …, "ok": true/false, "note": …}]')
    conclusion = models.CharField("审核结论", max_length=16, choices=Conclusion.choices, blank=True)
    opinion = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["subject_type", "subject_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id", "round"], name="review_request_round"),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=Q(state="pending"),
                name="review_request_one_pending",
            ),
            models.CheckConstraint(condition=Q(state__in=ReviewState.values), name="review_request_state"),
            models.CheckConstraint(
                condition=Q(state="pending", conclusion="")
                | Q(state="withdrawn", conclusion="")
                | Q(state="passed", conclusion="agree", reviewer__isnull=False, reviewed_on__isnull=False)
                | Q(state="failed", conclusion="problems", reviewer__isnull=False, reviewed_on__isnull=False),
                name="review_request_conclusion_matches_state",
            ),
        ]
        indexes = [models.Index(fields=["state", "body"])]

    def __str__(self) -> str:
        return f"{self.subject_label} 第{self.round}轮法制审核"


class CatalogueEntry(models.Model):
    """One line of a body's 重大执法决定法制审核目录清单 (118号 (十二): by 行为类别, 执法层级, 所属领域 and 涉案金额).

    A decision matches when every condition that is filled in holds: its penalty kinds include ``penalty_kind``, its
    amount reaches ``min_amount``, and its field (power item name) contains ``field_keyword``. The list applies to the
    body and the bodies below it.
    """

    body = models.ForeignKey("org.Body", verbose_name="制定机构", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("目录事项", max_length=200)
    penalty_kind = models.CharField("行为类别（处罚种类含）", max_length=50, blank=True)
    min_amount = models.DecimalField("涉案金额（元）不低于", max_digits=14, decimal_places=2, null=True, blank=True)
    field_keyword = models.CharField("所属领域（事项名称含）", max_length=100, blank=True)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("制定时间", default=timezone.now)

    class Meta:
        verbose_name = "重大执法决定法制审核目录"
        verbose_name_plural = "重大执法决定法制审核目录"
        ordering = ["body_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(penalty_kind="") | Q(min_amount__isnull=False) | ~Q(field_keyword=""),
                name="review_catalogue_has_condition",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def describe(self) -> str:
        parts = []
        if self.penalty_kind:
            parts.append(f"处罚种类含“{self.penalty_kind}”")
        if self.min_amount is not None:
            parts.append(f"涉案金额≥{self.min_amount}元")
        if self.field_keyword:
            parts.append(f"领域含“{self.field_keyword}”")
        return "，".join(parts)
