"""One 法治政府建设情况报告 per body and year, its saved versions, and — once approved — the frozen text and its hash."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReportState(models.TextChoices):
    DRAFT = "draft", "起草中"
    APPROVED = "approved", "已审定"
    SUBMITTED = "submitted", "已报送"
    PUBLISHED = "published", "已公开"


class Report(models.Model):
    body = models.ForeignKey("org.Body", verbose_name="报告机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    state = models.CharField("状态", max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    layout = models.JSONField("格式（起草时的标题与顺序）")
    sections = models.JSONField("正文各部分", default=dict)
    version = models.PositiveIntegerField("版本", default=0)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_text = models.TextField("审定稿全文", blank=True)
    approved_figures = models.JSONField("审定稿所用数据", default=dict, blank=True)
    approved_hash = models.CharField("审定稿 SM3", max_length=64, blank=True)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    submitted_to = models.CharField("报送对象", max_length=300, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "body_id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="annual_report_body_year"),
            models.CheckConstraint(
                condition=Q(state="draft") | (Q(approved_on__isnull=False) & ~Q(approved_hash="")),
                name="annual_report_frozen_once_approved",
            ),
        ]

    def __str__(self) -> str:
        name = self.body.short_name or self.body.name
        return f"{name}{self.year}年度法治政府建设情况报告"


class ReportVersion(models.Model):
    """Every saved edit of the text: who saved which version, when (the history stays; the report holds the latest)."""

    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    sections = models.JSONField("正文各部分")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告版本"
        verbose_name_plural = "年度报告版本"
        ordering = ["report_id", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="annual_version_number")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"
