"""The official calendar, overridable settings and the one deadline table every module writes to."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class CalendarYear(models.Model):
    """A year whose State Council holiday arrangement has been entered: only covered years allow exact computation."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField("来源", max_length=100, help_text="如：chinesecalendar 1.11.0，或“导入文件”")
    notice = models.CharField("通知", max_length=255, help_text="国务院办公厅关于该年部分节假日安排的通知（文号）")
    imported_at = models.DateTimeField("录入时间", default=timezone.now)

    class Meta:
        verbose_name = "已录入年度"
        verbose_name_plural = "已录入年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class DayKind(models.TextChoices):
    OFF = "off", "放假"
    WORK = "work", "调休上班"


class CalendarDay(models.Model):
    """One exception to the Monday–Friday week: a day off (放假) or a makeup working day (调休上班).

    ``year`` is the year of the notice that arranged the day (所属年度安排), which is not always the date's year:
    the 2019 notice made 2018-12-29 a working day and 2018-12-30/31 days off.
    """

    date = models.DateField("日期", unique=True)
    year = models.PositiveSmallIntegerField("所属年度安排", db_index=True)
    kind = models.CharField("类别", max_length=8, choices=DayKind.choices)
    name = models.CharField("节日", max_length=50, blank=True)
    notice = models.CharField("通知（文号/来源）", max_length=255)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=DayKind.values), name="core_calendarday_kind")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class Setting(models.Model):
    """An overridable value (a SECONDARY/UNVERIFIED or regional number); ``body`` empty = the platform default."""

    key = models.CharField("键", max_length=100)
    body = models.ForeignKey(
        "org.Body", verbose_name="适用机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.JSONField("值")
    note = models.CharField("说明", max_length=255, blank=True)
    changed_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "设置"
        verbose_name_plural = "设置"
        ordering = ["key", "body_id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "body"], name="core_setting_key_body"),
            models.UniqueConstraint(fields=["key"], condition=Q(body__isnull=True), name="core_setting_key_global"),
        ]

    def __str__(self) -> str:
        return self.key


class DeadlineState(models.TextChoices):
    OPEN = "open", "进行中"
    PAUSED = "paused", "已中止"
    MET = "met", "按期完成"
    MISSED = "missed", "逾期"


class Deadline(models.Model):
    """One statutory obligation with its due date, computed on the official calendar and explained.

    "Overdue" and "due soon" are derived in selectors, never stored.
    """

    subject_type = models.CharField("对象类型", max_length=64)
    subject_id = models.CharField("对象编号", max_length=64)
    subject_label = models.CharField("对象", max_length=255)
    body = models.ForeignKey("org.Body", verbose_name="所属机构", on_delete=models.PROTECT, related_name="+")
    rule_key = models.CharField("期限规则", max_length=100)
    rule_name = models.CharField("期限名称", max_length=200)
    rule_citation = models.CharField("依据", max_length=255)
    period = models.CharField("期间", max_length=16, help_text="如 20wd、90d、3m")
    rollover = models.BooleanField("届满日遇休息日顺延", default=True)
    is_window = models.BooleanField(
        "等待期间", default=False, help_text="当事人、第三方的期间或行政机关须等待的期间：届满即可进行下一步，不算逾期"
    )
    start_date = models.DateField("起算日")
    restart_date = models.DateField("重新起算日", null=True, blank=True)
    due_date = models.DateField("届满日")
    explanation = models.JSONField("计算说明", default=list)
    is_estimate = models.BooleanField("估算", default=False)
    state = models.CharField("状态", max_length=8, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    pauses = models.JSONField(
        "中止记录", default=list, help_text='[{"start": "YYYY-MM-DD", "end": … 或 null, "reason": …}]'
    )
    extension = models.PositiveIntegerField("延长", default=0)
    extension_approver = models.ForeignKey(
        "org.User", verbose_name="延长批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extension_reason = models.CharField("延长理由", max_length=255, blank=True)
    closed_on = models.DateField("完成日", null=True, blank=True)
    opened_at = models.DateTimeField("建立时间", default=timezone.now)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=DeadlineState.values), name="core_deadline_state"),
            models.CheckConstraint(
                condition=Q(state="met", closed_on__isnull=False)
                | Q(state="missed")
                | Q(state__in=["open", "paused"], closed_on__isnull=True),
                name="core_deadline_closed_on_with_state",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["body", "state", "due_date"]),
            models.Index(fields=["subject_type", "subject_id"]),
            # The 期限台账 reads its page body by body in (due_date, id) order (ADR 0088).
            models.Index(fields=["body", "due_date", "id"], name="deadline_body_due_idx"),
            # Counting one kind of deadline per body over a district (publication supervision): an index-only scan
            # instead of reading scattered 1 KB rows (bench/results/city_pages_postgresql.md, ADR 0075).
            models.Index(
                fields=["body", "subject_type", "rule_key", "state", "closed_on", "due_date"],
                name="deadline_body_kind_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label}：{self.rule_name}（{self.due_date}）"


from fazhi.core.numbering import DocumentCounter  # noqa: E402,F401


class Notice(models.Model):
    """Something that arrived for a person (an approval asked of them, a review assigned, a citizen's request):
    the workbench's inbox. Written by the step that hands the task over; not itself a state change of a record, so
    it is not on the chain (the step's own entry is)."""

    recipient = models.ForeignKey("org.User", verbose_name="接收人", on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey("org.Body", verbose_name="所属机构", null=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=40)
    title = models.CharField("事项", max_length=255)
    url = models.CharField("链接", max_length=255)
    subject_type = models.CharField("对象类型", max_length=64)
    subject_id = models.CharField("对象编号", max_length=64)
    created_at = models.DateTimeField("到达时间", default=timezone.now)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "待办通知"
        verbose_name_plural = "待办通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id}：{self.title}"
