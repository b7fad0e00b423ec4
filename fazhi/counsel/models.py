"""Government legal advisers (政府法律顾问, 中办发〔2016〕30号): engagements, opinion requests, yearly evaluations.

An opinion request names its subject generically — (subject type, id, label) as the deadline table and the chain do —
so any app (enforcement cases, major decisions, normative documents, contracts) can ask counsel without counsel
knowing it. Every write goes through ``fazhi.counsel.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class EngagementKind(models.TextChoices):
    LAW_FIRM = "law_firm", "律师事务所"
    PUBLIC_LAWYER = "public_lawyer", "公职律师"
    OTHER = "other", "其他法律专业人员"


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", "聘用中"
    ENDED = "ended", "已终止"


class Engagement(models.Model):
    """One engagement of a legal adviser by a body: who, for how long, for what fee and what work."""

    body = models.ForeignKey("org.Body", verbose_name="聘用机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("顾问类型", max_length=16, choices=EngagementKind.choices)
    adviser = models.CharField("法律顾问（律师事务所或公职律师所在单位）", max_length=120)
    lawyers = models.JSONField("承办律师", default=list)
    term_start = models.DateField("聘期起始")
    term_end = models.DateField("聘期届满")
    fee = models.DecimalField("顾问费（元）", max_digits=12, decimal_places=2, default=0)
    scope = models.TextField("服务范围")
    status = models.CharField("状态", max_length=8, choices=EngagementStatus.choices, default=EngagementStatus.ACTIVE)
    ended_on = models.DateField("终止日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "法律顾问聘用"
        verbose_name_plural = "法律顾问聘用"
        ordering = ["-term_start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gte=models.F("term_start")), name="counsel_term_order"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="counsel_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.adviser}（{self.term_start}至{self.term_end}）"

    @property
    def lawyer_names(self) -> str:
        return "、".join(self.lawyers)


class OpinionStatus(models.TextChoices):
    ASKED = "asked", "待出具意见"
    ANSWERED = "answered", "已出具意见"
    ADOPTED = "adopted", "意见已采纳"
    NOT_ADOPTED = "not_adopted", "意见未采纳"


class Finding(models.TextChoices):
    """The adviser's conclusion (中办发〔2016〕30号: a matter the adviser considers unlawful is not tabled)."""

    LAWFUL = "lawful", "合法，无法律风险"
    AMEND = "amend", "存在法律风险，建议修改"
    UNLAWFUL = "unlawful", "不合法"


class OpinionRequest(models.Model):
    """One request for a legal opinion on one subject, its answer and whether the answer was adopted."""

    body = models.ForeignKey("org.Body", verbose_name="征求意见机关", on_delete=models.PROTECT, related_name="+")
    engagement = models.ForeignKey(
        Engagement, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="opinions"
    )
    subject_type = models.CharField("事项类型", max_length=64)
    subject_id = models.CharField("事项编号", max_length=64)
    subject_label = models.CharField("事项", max_length=255)
    question = models.TextField("征求意见的问题")
    materials = models.TextField("提供的材料", blank=True)
    asked_on = models.DateField("征求意见日期")
    due_on = models.DateField("要求答复日期")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="征求意见人", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=16, choices=OpinionStatus.choices, default=OpinionStatus.ASKED)
    answered_on = models.DateField("出具意见日期", null=True, blank=True)
    lawyer = models.CharField("出具意见的律师", max_length=60, blank=True)
    finding = models.CharField("意见结论", max_length=16, choices=Finding.choices, blank=True)
    answer = models.TextField("法律意见", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="意见登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adoption_on = models.DateField("采纳情况登记日期", null=True, blank=True)
    not_adopted_reason = models.TextField("未采纳的理由", blank=True)

    class Meta:
        verbose_name = "法律意见征询"
        verbose_name_plural = "法律意见征询"
        ordering = ["-asked_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("asked_on")), name="counsel_due_after_asked"),
            models.CheckConstraint(
                condition=Q(status="asked", answered_on__isnull=True)
                | (Q(answered_on__isnull=False) & ~Q(finding="") & ~Q(answer="") & ~Q(status="asked")),
                name="counsel_answer_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_adopted") | ~Q(not_adopted_reason=""), name="counsel_not_adopted_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["engagement", "asked_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label}：法律意见征询"

    @property
    def answered(self) -> bool:
        return self.answered_on is not None

    @property
    def on_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    COMPETENT = "competent", "称职"
    BASIC = "basic", "基本称职"
    INCOMPETENT = "incompetent", "不称职"


class Evaluation(models.Model):
    """The yearly evaluation of an engagement (中办发〔2016〕30号: 考核评价 of the adviser's work)."""

    engagement = models.ForeignKey(
        Engagement, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("评价等次", max_length=12, choices=Grade.choices)
    comment = models.TextField("评价意见")
    figures = models.JSONField("当年统计", default=dict)
    evaluated_on = models.DateField("评价日期")
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评价人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "法律顾问年度评价"
        verbose_name_plural = "法律顾问年度评价"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["engagement", "year"], name="counsel_one_evaluation_a_year")]

    def __str__(self) -> str:
        return f"{self.engagement.adviser} {self.year}年度评价"
