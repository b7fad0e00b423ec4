"""Publication records of enforcement results (行政执法公示, 事后公开): summary, original and redacted text, review,
withdrawal and retention. Workflow lives in services.py; the portal reads only through ``published_*`` selectors."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PublicationState(models.TextChoices):
    PENDING = "pending", "待审核公开"
    BLOCKED = "blocked", "不予公开"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "公示期满下线"


class ResultKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    OTHER = "other", "其他执法决定"


class Publication(models.Model):
    """One enforcement decision on its way to the portal. ``original_text`` never leaves the staff pages."""

    case = models.OneToOneField(
        "enforcement.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="publication"
    )
    body = models.ForeignKey("org.Body", verbose_name="执法机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=16, choices=ResultKind.choices)
    state = models.CharField("状态", max_length=16, choices=PublicationState.choices, default=PublicationState.PENDING)
    # 信息摘要 (总局令第45号 第四条第三款): 文号, 当事人, 违法行为类型, 处罚内容, 机关, 日期.
    decision_number = models.CharField("决定书文号", max_length=60)
    party_display = models.CharField("当事人", max_length=200)
    party_is_person = models.BooleanField("当事人为自然人", default=True)
    violation_type = models.CharField("违法行为类型", max_length=200)
    penalty = models.CharField("处罚内容", max_length=500)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    decided_on = models.DateField("决定日期")
    # The text and its redaction
    original_text = models.TextField("决定书原文")
    original_sm3 = models.CharField("原文SM3", max_length=64)
    redacted_text = models.TextField("脱敏后全文", blank=True)
    spans = models.JSONField("屏蔽位置", default=list)
    suspects = models.JSONField("待确认内容", default=list)
    extra_masks = models.JSONField("补充屏蔽", default=list, help_text='[{"text": …, "reason": …}]')
    cleared = models.JSONField("已确认无需屏蔽", default=list)
    party_minor = models.BooleanField("当事人为未成年人", default=False)
    privacy_centred = models.BooleanField("主要事实涉及个人隐私", default=False)
    block_reason = models.TextField("不予公开理由", blank=True)
    # Review and publication
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField("公开日期", null=True, blank=True)
    retire_on = models.DateField("公示截止日期", null=True, blank=True)
    # Withdrawal (行政处罚法 第四十八条第二款)
    revoked_on = models.DateField("决定被撤销、变更或确认违法日期", null=True, blank=True)
    revocation_cause = models.CharField("撤销、变更或确认违法情况", max_length=255, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由（公开）", blank=True)
    expired_on = models.DateField("下线日期", null=True, blank=True)
    opened_at = models.DateTimeField("建立时间", auto_now_add=True)

    class Meta:
        verbose_name = "执法决定公开"
        verbose_name_plural = "执法决定公开"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=PublicationState.values), name="publicity_state"),
            models.CheckConstraint(condition=Q(kind__in=ResultKind.values), name="publicity_kind"),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_on__isnull=False, reviewed_by__isnull=False),
                name="publicity_published_has_review",
            ),
            models.CheckConstraint(
                condition=~Q(state="withdrawn") | ~Q(withdrawal_reason=""), name="publicity_withdrawn_has_reason"
            ),
        ]
        indexes = [
            # The portal's default order and its body/date filters (bench/results/publicity.md).
            models.Index(fields=["state", "-published_on", "-id"], name="publicity_portal_order"),
            models.Index(fields=["state", "body", "decided_on"], name="publicity_portal_body_date"),
            models.Index(fields=["decision_number"], name="publicity_decision_number"),
            models.Index(fields=["state", "retire_on"]),
            # Serves (body, state) and the portal's 执法机关 list: one probe per body for a live record (ADR 0084).
            models.Index(fields=["body", "state", "retire_on"], name="publicity_body_live"),
            # The staff list reads its page body by body in (decided_on, id) order, newest first (ADR 0088).
            models.Index(fields=["body", "-decided_on", "-id"], name="publicity_body_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.party_display}"


class StatisticsReport(models.Model):
    """A published 行政执法统计年报 of one body for one year: the figures as computed when it was published."""

    body = models.ForeignKey("org.Body", verbose_name="执法机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    figures = models.JSONField("统计数据")
    published_on = models.DateField("公开日期")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公开人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "行政执法统计年报"
        verbose_name_plural = "行政执法统计年报"
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="publicity_statistics_body_year")]

    def __str__(self) -> str:
        return f"{self.year}年行政执法统计年报"
