"""Background jobs a person asked for (with their progress) and the sweeps' run keys (ADR 0069).

``Job`` is what the jobs page shows: who asked, for which body, how far it got. ``SweepRun`` is the lock that makes a
sweep run once per period however many workers and schedulers there are: one row per (sweep, period), unique."""

from django.conf import settings
from django.db import models


class JobKind(models.TextChoices):
    VERIFY = "verify", "审计链校验"
    EXPORT = "export", "季度执法统计导出"
    ANNUAL = "annual", "年度报告数据测算"


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    kind = models.CharField("任务类别", max_length=16, choices=JobKind.choices)
    state = models.CharField("状态", max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    body = models.ForeignKey("org.Body", verbose_name="所属机构", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    params = models.JSONField("参数", default=dict, blank=True)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    done = models.PositiveBigIntegerField("已完成", default=0)
    total = models.PositiveBigIntegerField("总数", default=0)
    message = models.TextField("结果说明", blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    file = models.CharField("结果文件", max_length=255, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        indexes = [models.Index(fields=["body", "-created_at"], name="jobs_job_body_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def live(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)


class RunState(models.TextChoices):
    QUEUED = "queued", "已排队"
    RUNNING = "running", "执行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class SweepRun(models.Model):
    """One sweep in one period (a day, or an interval slot). The unique (sweep, period) row is the lock: whoever
    inserts it, or moves it from queued/failed to running in one conditional UPDATE, runs the sweep; everyone else
    sees it taken."""

    sweep = models.CharField("定时任务", max_length=32)
    period = models.CharField("周期", max_length=32)
    state = models.CharField("状态", max_length=16, choices=RunState.choices, default=RunState.QUEUED)
    worker = models.CharField("执行进程", max_length=128, blank=True)
    count = models.IntegerField("处理数", null=True, blank=True)
    message = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("排队时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "定时任务执行记录"
        constraints = [models.UniqueConstraint(fields=["sweep", "period"], name="jobs_sweeprun_once_per_period")]

    def __str__(self) -> str:
        return f"{self.sweep} {self.period}"
