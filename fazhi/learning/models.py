"""学法 (study sessions, attendance, e-learning imports) and 普法 (责任清单, key dates, activities).

Attendance hours are not counted here: each attendance links the one org ``TrainingRecord`` it created, so the
workbench and the yearly hours requirement (org.rules) see them without a second count (ADR 0045).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class StudyKind(models.TextChoices):
    CENTRE_GROUP = "centre_group", "党委理论学习中心组学法"
    PRE_MEETING = "pre_meeting", "行政办公会会前学法"
    LECTURE = "lecture", "法治专题讲座"
    SEMINAR = "seminar", "集中研讨"
    SELF_STUDY = "self_study", "自主学习"


class SessionStatus(models.TextChoices):
    RECORDED = "recorded", "已登记"


class StudySession(models.Model):
    """One study event of a body: who studied which law, when, led by whom."""

    body = models.ForeignKey("org.Body", verbose_name="机构", on_delete=models.PROTECT, related_name="study_sessions")
    kind = models.CharField("学法形式", max_length=16, choices=StudyKind.choices)
    held_on = models.DateField("学法日期")
    title = models.CharField("学习主题", max_length=200)
    meeting = models.CharField("会议名称", max_length=100, blank=True, help_text="如：2019年第3次镇长办公会")
    law = models.ForeignKey(
        "law.Law", verbose_name="学习的法律法规", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provisions = models.CharField("学习条文", max_length=200, blank=True, help_text="如：第五条、第十条")
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="领学人/主讲人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="study_sessions_presented",
    )
    speaker = models.CharField("外请主讲人", max_length=100, blank=True, help_text="外请专家、律师等（姓名与单位）")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    status = models.CharField("状态", max_length=16, choices=SessionStatus.choices, default=SessionStatus.RECORDED)
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["body", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}：{self.title}"


class Attendance(models.Model):
    session = models.ForeignKey(
        StudySession, verbose_name="学法活动", on_delete=models.PROTECT, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="参加人员", on_delete=models.PROTECT, related_name="study_attendance"
    )
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    training_record = models.OneToOneField(
        "org.TrainingRecord", verbose_name="培训学时记录", on_delete=models.PROTECT, related_name="study_attendance"
    )

    class Meta:
        verbose_name = "学法出勤"
        verbose_name_plural = "学法出勤"
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="learning_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {self.hours} 学时"


# --- e-learning import (天津市干部教育在线) ---------------------------------------------------------------------------


class ImportBatch(models.Model):
    body = models.ForeignKey("org.Body", verbose_name="导入机构", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField("文件名", max_length=200)
    file_sm3 = models.CharField("文件SM3", max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)
    row_count = models.PositiveIntegerField("行数", default=0)

    class Meta:
        verbose_name = "网络学习成绩导入"
        verbose_name_plural = "网络学习成绩导入"
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.row_count} 行）"


class ImportRow(models.Model):
    """One row of an imported file, kept whether or not it matched a person (an unmatched row waits for an admin)."""

    batch = models.ForeignKey(ImportBatch, verbose_name="导入批次", on_delete=models.PROTECT, related_name="rows")
    row_number = models.PositiveIntegerField("行号")
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    staff_number = models.CharField("工号/用户名", max_length=150, blank=True)
    course = models.CharField("课程", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    completed_on = models.DateField("完成日期")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="匹配人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    training_record = models.OneToOneField(
        "org.TrainingRecord", verbose_name="培训学时记录", null=True, blank=True, on_delete=models.PROTECT,
        related_name="elearning_row",
    )  # fmt: skip
    unmatched_reason = models.CharField("未匹配原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "网络学习成绩"
        verbose_name_plural = "网络学习成绩"
        ordering = ["batch_id", "row_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(training_record__isnull=False), name="learning_row_matched_counted"
            )
        ]

    def __str__(self) -> str:
        return f"第{self.row_number}行 {self.name} {self.course}"

    @property
    def masked_id(self) -> str:
        return f"{self.id_number[:6]}********{self.id_number[-4:]}" if len(self.id_number) == 18 else self.id_number


# --- 普法 ----------------------------------------------------------------------------------------------------------


class DutyLine(models.Model):
    """One line of a body's 普法责任清单 (谁执法谁普法; 天津市法治宣传教育条例 第十条第一款)."""

    body = models.ForeignKey("org.Body", verbose_name="责任主体", on_delete=models.PROTECT, related_name="duty_lines")
    year = models.PositiveSmallIntegerField("年度")
    laws = models.CharField("普法内容（所执行的法律法规）", max_length=300)
    audience = models.CharField("普法对象", max_length=200)
    measures = models.CharField("普法措施", max_length=500)
    responsible_unit = models.CharField("责任部门", max_length=100)
    timing = models.CharField("时间节点", max_length=200)
    position = models.PositiveSmallIntegerField("序号", default=1)

    class Meta:
        verbose_name = "普法责任清单条目"
        verbose_name_plural = "普法责任清单"
        ordering = ["body_id", "year", "position", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.laws}"


class KeyDateKind(models.TextChoices):
    FIXED = "fixed", "每年固定日期"
    NTH_WEEKDAY = "nth_weekday", "某月第N个星期几"


class KeyDate(models.Model):
    """A day in the 普法 calendar; the verified ones are seeded from learning.rules, practice days are editable rows."""

    key = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    kind = models.CharField("日期规则", max_length=16, choices=KeyDateKind.choices, default=KeyDateKind.FIXED)
    month = models.PositiveSmallIntegerField("月")
    day = models.PositiveSmallIntegerField("日", null=True, blank=True)
    nth = models.PositiveSmallIntegerField("第几个", null=True, blank=True)
    weekday = models.PositiveSmallIntegerField("星期（1=一…7=日）", null=True, blank=True)
    span_days = models.PositiveSmallIntegerField("持续天数", default=1)
    citation = models.CharField("依据", max_length=300)
    verified = models.BooleanField("依据已核实", default=False)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "普法重要节点"
        verbose_name_plural = "普法重要节点"
        ordering = ["month", "day", "key"]

    def __str__(self) -> str:
        return self.name


class ActivityForm(models.TextChoices):
    LECTURE = "lecture", "讲座"
    BOOTH = "booth", "宣传摊位"
    NEW_MEDIA = "new_media", "新媒体推送"
    SCREEN = "screen", "电子屏"
    CASE = "case", "以案释法"


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    PUBLIC = "public", "已公开"
    REJECTED = "rejected", "退回"


class Activity(models.Model):
    """A 普法 activity a body held: it fulfils a 清单 line and/or a key date; public once approved."""

    body = models.ForeignKey("org.Body", verbose_name="机构", on_delete=models.PROTECT, related_name="pufa_activities")
    held_on = models.DateField("活动日期")
    place = models.CharField("地点", max_length=200, blank=True)
    topic = models.CharField("主题", max_length=200)
    laws = models.CharField("宣传的法律法规", max_length=300, blank=True)
    form = models.CharField("形式", max_length=16, choices=ActivityForm.choices)
    audience_size = models.PositiveIntegerField("受众人数", default=0)
    duty_line = models.ForeignKey(
        DutyLine,
        verbose_name="落实的清单条目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    key_date = models.ForeignKey(
        KeyDate,
        verbose_name="对应的重要节点",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    case_id = models.PositiveIntegerField("以案释法案件", null=True, blank=True)
    case_text = models.TextField("以案释法文本（已脱敏）", blank=True)
    status = models.CharField("状态", max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["body", "held_on"]), models.Index(fields=["status", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActivityStatus.values), name="learning_activity_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class ActivityFile(models.Model):
    activity = models.ForeignKey(Activity, verbose_name="普法活动", on_delete=models.PROTECT, related_name="files")
    name = models.CharField("存储名", max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    sm3 = models.CharField("SM3", max_length=64)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField("类型", max_length=100)

    class Meta:
        verbose_name = "普法活动附件"
        verbose_name_plural = "普法活动附件"

    def __str__(self) -> str:
        return self.original_name
