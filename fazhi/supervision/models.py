"""The supervisors' own records: 监督事项 (a matter opened, accepted, decided, rectified, reviewed again) and 案卷评查
(a scoring standard, a round drawn at random, each drawn case scored by a reviewer who did not work on it).

Alerts are not stored: they are computed from the record every time (``supervision.alerts``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class MatterSource(models.TextChoices):
    ALERT = "alert", "监督预警"
    COMPLAINT = "complaint", "投诉举报"
    CHECK = "check", "执法检查"
    FILE_REVIEW = "file_review", "案卷评查"


class MatterStatus(models.TextChoices):
    OPENED = "opened", "待决定是否受理"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "已受理"
    ISSUED = "issued", "已发出监督文书，待整改"
    REVIEW = "review", "复查中"
    ANSWERED = "answered", "已报送整改报告"
    CLOSED = "closed", "已办结"


class DocumentKind(models.TextChoices):
    NOTICE = "notice", "行政执法监督通知书"
    SUGGESTION = "suggestion", "行政执法监督建议书"
    DECISION = "decision", "行政执法监督决定书"


class Matter(models.Model):
    """监督事项: opened by a supervisor about a body in their scope; the addressed body sees it and answers."""

    body = models.ForeignKey("org.Body", verbose_name="被监督机关", on_delete=models.PROTECT, related_name="+")
    supervising_body = models.ForeignKey(
        "org.Body", verbose_name="监督机关", null=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("编号", max_length=60, blank=True)
    source = models.CharField("来源", max_length=16, choices=MatterSource.choices)
    title = models.CharField("事项", max_length=200)
    facts = models.TextField("基本情况")
    alert_rule = models.CharField("预警规则", max_length=60, blank=True)
    record_url = models.CharField("相关记录", max_length=255, blank=True)
    status = models.CharField("状态", max_length=16, choices=MatterStatus.choices, default=MatterStatus.OPENED)
    opened_on = models.DateField("发现日期")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_on = models.DateField("受理决定日期", null=True, blank=True)
    not_accepted_reason = models.TextField("不予受理理由", blank=True)
    document_kind = models.CharField("监督文书", max_length=16, choices=DocumentKind.choices, blank=True)
    document_number = models.CharField("文书文号", max_length=60, blank=True)
    findings = models.TextField("监督意见", blank=True)
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    document_sm3 = models.CharField("文书 SM3", max_length=64, blank=True)
    document_file = models.CharField("文书存储名", max_length=255, blank=True)
    answered_on = models.DateField("整改报告日期", null=True, blank=True)
    answer = models.TextField("整改报告", blank=True)
    late_reason = models.TextField("逾期理由", blank=True)
    review_applied_on = models.DateField("申请复查日期", null=True, blank=True)
    review_reason = models.TextField("复查理由", blank=True)
    review_answered_on = models.DateField("复查决定日期", null=True, blank=True)
    review_upheld = models.BooleanField("维持原监督决定", null=True, blank=True)
    review_answer = models.TextField("复查意见", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "监督事项"
        verbose_name_plural = "监督事项"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=MatterStatus.values), name="supervision_matter_status")
        ]

    def __str__(self) -> str:
        return f"{self.number or '监督事项'} {self.title}"


class ScoringStandard(models.Model):
    """A 案卷评查 standard: items with points and what loses them. ``body`` empty = the shipped default."""

    body = models.ForeignKey("org.Body", verbose_name="制定机关", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    name = models.CharField("名称", max_length=200)
    items = models.JSONField("评查项目", default=list)
    source = models.CharField("来源", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "案卷评查标准"
        verbose_name_plural = "案卷评查标准"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def total_points(self) -> int:
        return sum(int(item["points"]) for item in self.items)


class RoundStatus(models.TextChoices):
    SEEDED = "seeded", "已公布随机种子"
    DRAWN = "drawn", "已抽取案卷"
    CLOSED = "closed", "已完成"


class ReviewRound(models.Model):
    """One 案卷评查 round: the cases of a period drawn per body with a seed published before the draw."""

    body = models.ForeignKey("org.Body", verbose_name="组织机关", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=200)
    period_from = models.DateField("决定日期起")
    period_to = models.DateField("决定日期止")
    per_body = models.PositiveSmallIntegerField("每个执法机关抽取件数")
    standard = models.ForeignKey(ScoringStandard, verbose_name="评查标准", on_delete=models.PROTECT)
    seed = models.CharField("随机种子", max_length=200)
    seeded_on = models.DateField("公布日期")
    pool_hash = models.CharField("案卷池 SM3", max_length=64, blank=True)
    pool_size = models.PositiveIntegerField("案卷池件数", default=0)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=RoundStatus.choices, default=RoundStatus.SEEDED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "案卷评查轮次"
        verbose_name_plural = "案卷评查轮次"
        ordering = ["-seeded_on", "-id"]

    def __str__(self) -> str:
        return self.name


class FileReviewStatus(models.TextChoices):
    DRAWN = "drawn", "已抽中，待分配"
    ASSIGNED = "assigned", "已分配评查人"
    SCORED = "scored", "已评分"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class FileReview(models.Model):
    """One drawn case file under review: who scores it, the per-item scores, the total and the grade."""

    round = models.ForeignKey(ReviewRound, verbose_name="评查轮次", on_delete=models.PROTECT, related_name="files")
    case = models.ForeignKey("enforcement.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("org.Body", verbose_name="办案机关", on_delete=models.PROTECT, related_name="+")
    draw_order = models.PositiveSmallIntegerField("抽取顺序")
    status = models.CharField("状态", max_length=16, choices=FileReviewStatus.choices, default=FileReviewStatus.DRAWN)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评查人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    assigned_on = models.DateField("分配日期", null=True, blank=True)
    scores = models.JSONField("逐项评分", default=list)
    total = models.DecimalField("总分", max_digits=6, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    scored_on = models.DateField("评分日期", null=True, blank=True)
    matter = models.ForeignKey(Matter, verbose_name="监督事项", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["round_id", "body_id", "draw_order"]
        constraints = [models.UniqueConstraint(fields=["round", "case"], name="supervision_filereview_once")]

    def __str__(self) -> str:
        return f"案卷评查 {self.case_id}"
