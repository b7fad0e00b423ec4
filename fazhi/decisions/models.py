"""Major administrative decisions (重大行政决策程序暂行条例, 国务院令第713号; a town follows it by 第四十二条).

The annual 决策事项目录 (第三条第三款: agreed by the party committee, then published) and each decision's procedure:
起草 → 公众参与 (≥ 30 days, 第十五条) → 听证 (materials ≥ 7 days before, 第十六条) / 专家论证 / 风险评估 → 合法性审查
(第二十五条至第二十八条, through the review app, with counsel's opinion) → 集体讨论 (第三十条) → 向党委请示报告
(第三十一条) → 公布 (第三十二条) → 执行 (第三十四条) → 后评估 (第三十六条). Writes only through the services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    APPROVED = "approved", "已经党委同意"
    PUBLISHED = "published", "已公布"


class Catalogue(models.Model):
    """One body's 重大行政决策事项目录 for one year."""

    body = models.ForeignKey("org.Body", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=12, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT)
    created_on = models.DateField("编制日期")
    party_record = models.CharField("党委同意的记录", max_length=200, blank=True)
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编制人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "body_id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="decisions_one_catalogue_a_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(approved_on__isnull=False) & ~Q(party_record="")),
                name="decisions_catalogue_approved_by_party",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="decisions_catalogue_published_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年重大行政决策事项目录"


class Category(models.TextChoices):
    """第三条第一款 (一)–(五)."""

    POLICY = "policy", "重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
    PROJECT = "project", "重大公共建设项目"
    OTHER = "other", "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"


class CatalogueItem(models.Model):
    catalogue = models.ForeignKey(Catalogue, verbose_name="目录", on_delete=models.PROTECT, related_name="items")
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=12, choices=Category.choices)
    lead_unit = models.CharField("承办单位", max_length=100)
    planned = models.CharField("计划时间", max_length=50, blank=True)

    class Meta:
        verbose_name = "决策事项"
        verbose_name_plural = "决策事项"
        ordering = ["catalogue_id", "id"]

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    DRAFTING = "drafting", "起草"
    CONSULTING = "consulting", "公众参与"
    IN_REVIEW = "in_review", "合法性审查中"
    RETURNED = "returned", "退回修改"
    REVIEWED = "reviewed", "合法性审查通过，待集体讨论"
    DECIDED = "decided", "已集体讨论决定"
    REPORTED = "reported", "已向党委请示报告"
    PUBLISHED = "published", "已公布"
    EXECUTING = "executing", "执行中"
    EVALUATED = "evaluated", "已后评估"


class RiskLevel(models.TextChoices):
    CONTROLLABLE = "controllable", "风险可控"
    UNCONTROLLABLE = "uncontrollable", "风险不可控"


class MeetingKind(models.TextChoices):
    STANDING = "standing", "镇政府常务会议"
    PLENARY = "plenary", "镇政府全体会议"


class Decision(models.Model):
    """One major administrative decision, from drafting to post-evaluation; each step fills its own fields."""

    body = models.ForeignKey("org.Body", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(CatalogueItem, verbose_name="目录事项", on_delete=models.PROTECT, related_name="decisions")
    title = models.CharField("决策名称", max_length=200)
    lead_unit = models.CharField("承办单位", max_length=100)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFTING)
    started_on = models.DateField("启动日期")
    draft = models.TextField("决策草案及说明")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="启动人", on_delete=models.PROTECT, related_name="+"
    )
    # 公众参与 (第十四条、第十五条、第十八条)
    comment_published_on = models.DateField("公开征求意见日期", null=True, blank=True)
    comment_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_channel = models.CharField("征求意见途径", max_length=100, blank=True)
    comment_short_reason = models.TextField("缩短征求意见期限的说明", blank=True)
    comment_closed_on = models.DateField("意见归纳日期", null=True, blank=True)
    comment_summary = models.TextField("公众意见及采纳情况", blank=True)
    # 听证 (第十六条、第十七条)
    hearing_materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    hearing_held_on = models.DateField("听证会日期", null=True, blank=True)
    hearing_record = models.TextField("听证会记录", blank=True)
    # 专家论证 (第十九条至第二十一条)
    experts = models.JSONField("论证专家", default=list)
    expert_unit = models.CharField("组织论证的单位", max_length=100, blank=True)
    experts_on = models.DateField("论证日期", null=True, blank=True)
    expert_opinion = models.TextField("专家论证意见及采纳情况", blank=True)
    # 风险评估 (第二十二条至第二十四条)
    risk_assessor = models.CharField("风险评估单位", max_length=100, blank=True)
    risk_on = models.DateField("风险评估日期", null=True, blank=True)
    risk_level = models.CharField("评估结论", max_length=16, choices=RiskLevel.choices, blank=True)
    risk_report = models.TextField("风险评估报告（风险点、防范措施、处置预案）", blank=True)
    # 合法性审查 (第二十五条至第二十八条)
    review_submitted_on = models.DateField("送请合法性审查日期", null=True, blank=True)
    # 集体讨论 (第三十条)
    meeting_kind = models.CharField("会议", max_length=12, choices=MeetingKind.choices, blank=True)
    deliberated_on = models.DateField("集体讨论日期", null=True, blank=True)
    head_reason = models.TextField("行政首长与多数意见不一致的理由", blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    # 党委请示报告 (第三十一条)
    party_reported_on = models.DateField("向党委请示报告日期", null=True, blank=True)
    party_record = models.CharField("党委研究意见（会议纪要等）", max_length=200, blank=True)
    # 公布 (第三十二条)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField("公布途径", max_length=100, blank=True)
    publication_text = models.TextField("公布文本（含意见采纳情况说明）", blank=True)
    # 执行与后评估 (第三十四条、第三十六条)
    executing_unit = models.CharField("决策执行单位", max_length=100, blank=True)
    execution_reports = models.JSONField("执行情况报告", default=list)
    evaluated_on = models.DateField("后评估日期", null=True, blank=True)
    evaluator = models.CharField("后评估单位", max_length=100, blank=True)
    evaluation_report = models.TextField("后评估结论", blank=True)

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="decisions_status"),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | ~Q(party_record=""),
                name="decisions_published_after_party_report",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def comment_days(self) -> int | None:
        if self.comment_published_on and self.comment_ends_on:
            return (self.comment_ends_on - self.comment_published_on).days
        return None


class Position(models.TextChoices):
    AGREE = "agree", "同意"
    DISAGREE = "disagree", "不同意"
    ABSTAIN = "abstain", "保留意见"


class View(models.Model):
    """What one member said at the collective discussion, in the order spoken (the head last, 第三十条第二款)."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.PROTECT, related_name="views")
    meeting = models.PositiveSmallIntegerField("第几次讨论", default=1)
    order = models.PositiveSmallIntegerField("发言顺序")
    name = models.CharField("姓名", max_length=30)
    post = models.CharField("职务", max_length=50, blank=True)
    position = models.CharField("表态", max_length=10, choices=Position.choices)
    text = models.TextField("发表的意见")
    is_head = models.BooleanField("行政首长", default=False)

    class Meta:
        verbose_name = "集体讨论意见"
        verbose_name_plural = "集体讨论意见"
        ordering = ["decision_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "order"], name="decisions_view_order"),
            models.UniqueConstraint(
                fields=["decision", "meeting"], condition=Q(is_head=True), name="decisions_one_head_a_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}：{self.get_position_display()}"
