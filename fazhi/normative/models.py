"""行政规范性文件: the register of one issuing body's documents, their texts per version, public comments, the
district's 备案审查 answer and the 清理 rounds.

A document moves 起草 → 评估论证 → 公开征求意见 → 合法性审核 (the review app's gate) → 集体审议 → 公布 (统一登记、统一编号、
统一印发) → 备案 → 执行/评估 → 修改/废止/失效. Texts are never overwritten: each published text is a ``DocumentVersion``
with the day it took effect and the day it stopped, so any past day shows the text then in force.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Status(models.TextChoices):
    DRAFT = "draft", "起草"
    ASSESSED = "assessed", "已评估论证"
    COMMENTING = "commenting", "公开征求意见中"
    COMMENTED = "commented", "待合法性审核"
    REVIEWING = "reviewing", "合法性审核中"
    REVIEWED = "reviewed", "审核通过待审议"
    ADOPTED = "adopted", "集体审议通过"
    PUBLISHED = "published", "现行有效"
    REPEALED = "repealed", "已废止"
    LAPSED = "lapsed", "已失效"


# Statuses in which a document is in force (published and not ended).
IN_FORCE = (Status.PUBLISHED,)
ENDED = (Status.REPEALED, Status.LAPSED)


class SubjectKind(models.TextChoices):
    """What the paper is. Only 行政规范性文件 enters the procedure; the rest are out of scope (天津市行政规范性文件管理规定
    第三条; 国办发〔2018〕115号 (三))."""

    NORMATIVE = "normative", "行政规范性文件"
    INTERNAL = "internal", "内部管理规范、工作制度"
    ESTABLISHMENT = "establishment", "机构编制"
    MINUTES = "minutes", "会议纪要"
    WORK_PLAN = "work_plan", "工作方案"
    REQUEST_REPORT = "request_report", "请示报告"
    COMMENDATION = "commendation", "表彰奖惩"
    APPOINTMENT = "appointment", "人事任免"
    PLANNING = "planning", "规划类文件"
    TECHNICAL = "technical", "专业技术标准类文件"


class FilingResult(models.TextChoices):
    ACCEPTED = "accepted", "予以备案（审查无问题）"
    CORRECT = "correct", "责令纠正（审查发现问题）"


class CleanupDecision(models.TextChoices):
    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    LAPSE = "lapse", "宣布失效"


class NormativeDocument(models.Model):
    body = models.ForeignKey("org.Body", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("文件名称", max_length=200)
    kind = models.CharField("文件类别", max_length=20, choices=SubjectKind.choices, default=SubjectKind.NORMATIVE)
    market_related = models.BooleanField("与市场主体生产经营活动密切相关", default=False)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    draft_text = models.TextField("送审稿正文")
    explanation = models.TextField("起草说明", blank=True)
    basis = models.JSONField("制定依据", default=list, help_text='[{"key": 引用键, "display": …}]')
    content_flags = models.JSONField("内容提示（供审核参考）", default=list)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    drafted_on = models.DateField("起草日期")
    assessed_on = models.DateField("评估论证日期", null=True, blank=True)
    assessment = models.TextField("评估论证意见", blank=True)
    comment_opened_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_closes_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_closed_on = models.DateField("征求意见结束日期", null=True, blank=True)
    review_submitted_on = models.DateField("送审日期", null=True, blank=True)
    non_adoption = models.TextField("未采纳审核意见的说明", blank=True)
    deliberated_on = models.DateField("集体审议日期", null=True, blank=True)
    meeting = models.JSONField("集体审议记录", default=dict, blank=True)
    number_year = models.PositiveSmallIntegerField("编号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("顺序号", null=True, blank=True)
    number = models.CharField("文号", max_length=60, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    law_title = models.CharField("法规库登记名称", max_length=200, blank=True)
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    filing_late_reason = models.TextField("逾期备案理由", blank=True)
    filing_result = models.CharField("备案审查结果", max_length=16, choices=FilingResult.choices, blank=True)
    filing_answered_on = models.DateField("备案审查答复日期", null=True, blank=True)
    filing_opinion = models.TextField("备案审查意见", blank=True)
    evaluation_opened_on = models.DateField("有效期届满评估启动日期", null=True, blank=True)
    evaluated_on = models.DateField("评估日期", null=True, blank=True)
    evaluation = models.TextField("评估结论", blank=True)
    ended_on = models.DateField("废止/失效日期", null=True, blank=True)
    end_reason = models.TextField("废止/失效理由", blank=True)

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["body_id", "-number_year", "-number_seq", "-id"]
        constraints = [
            # 统一编号: one number series per issuing body, a number never used twice.
            models.UniqueConstraint(fields=["body", "number_year", "number_seq"], name="normative_number_unique"),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(number_seq__isnull=False),
                name="normative_published_has_number",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("effective_from")),
                name="normative_validity_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "body"]), models.Index(fields=["body", "published_on"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title


class DocumentVersion(models.Model):
    """One published text and the days it was in force: [effective_from, effective_to)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField("版本")
    title = models.CharField("文件名称", max_length=200)
    text = models.TextField("正文")
    published_on = models.DateField("公布日期")
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("停止施行日期", null=True, blank=True, help_text="不含当日")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "规范性文件文本版本"
        verbose_name_plural = "规范性文件文本版本"
        ordering = ["document_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="normative_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="normative_version_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["document", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.title} 第{self.version}版"


class Comment(models.Model):
    """One comment received in the public comment window, and the drafter's answer to it."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="comments")
    received_on = models.DateField("收到日期")
    channel = models.CharField("渠道", max_length=20, default="网上")
    author = models.CharField("提出人（不公开）", max_length=60, blank=True)
    content = models.TextField("意见内容")
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    answer = models.TextField("采纳情况与理由", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)

    class Meta:
        verbose_name = "公开征求意见"
        verbose_name_plural = "公开征求意见"
        ordering = ["document_id", "id"]

    def __str__(self) -> str:
        return f"{self.document_id} 意见{self.pk}"


class CleanupRound(models.Model):
    """One 清理 of every document in force in a body's tree (国发〔2008〕17号 (十五): every 2 years)."""

    body = models.ForeignKey("org.Body", verbose_name="组织清理的机关", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("清理名称", max_length=200)
    started_on = models.DateField("开始日期")
    published_on = models.DateField("清理结果公布日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, default="open", choices=[("open", "清理中"), ("published", "已公布")]
    )

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    cleanup = models.ForeignKey(CleanupRound, on_delete=models.PROTECT, related_name="items")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("清理意见", max_length=16, choices=CleanupDecision.choices)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = "清理意见"
        verbose_name_plural = "清理意见"
        ordering = ["cleanup_id", "id"]
        constraints = [models.UniqueConstraint(fields=["cleanup", "document"], name="normative_cleanup_item_once")]

    def __str__(self) -> str:
        return f"{self.document_id}：{self.get_decision_display()}"
