from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core import clock


class BodyKind(models.TextChoices):
    DISTRICT = "district", "区"
    TOWN = "town", "镇/街"
    UNIT = "unit", "内设机构"
    TEAM = "team", "综合执法大队"


class Body(models.Model):
    """A node in the organisation tree: 区 → 镇/街 → 内设机构 / 综合执法大队."""

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类别", max_length=16, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField("机构代码", max_length=32, unique=True)
    # Materialised path of ancestor ids, e.g. "/1/4/9/": a subtree is one indexed prefix query.
    path = models.CharField("层级路径", max_length=255, db_index=True, editable=False)
    # Which province-level rules apply (e.g. 天津市行政执法监督规定); set on the district, inherited below.
    province = models.CharField(
        "所在省级行政区", max_length=20, blank=True, help_text="如：天津市。下级机构留空即沿用上级。"
    )

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class User(AbstractUser):
    """A member of staff (or a system administrator); belongs to one unit of the organisation tree."""

    body = models.ForeignKey(
        Body, verbose_name="所在机构", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    phone = models.CharField("联系电话", max_length=32, blank=True)
    # 行政处罚法 第五十八条第二款: a first-time legal reviewer must hold a 法律职业资格; the share of staff with a legal
    # background is reported (法治政府建设 annual report, 118号 (十一)).
    legal_qualification_number = models.CharField("法律职业资格证书编号", max_length=40, blank=True)
    legal_qualified_on = models.DateField("取得法律职业资格日期", null=True, blank=True)
    legal_background = models.BooleanField("具有法学专业背景", default=False)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    def legally_qualified_on(self, on) -> bool:
        """Held a 法律职业资格 on that day (国家统一法律职业资格考试, 行政处罚法 第五十八条第二款)."""
        return bool(self.legal_qualification_number) and (
            self.legal_qualified_on is None or self.legal_qualified_on <= on
        )


class CertificateState(models.TextChoices):
    """The stored state of a 执法证. 过期 is never stored: it is derived from valid_to (see Certificate.status_on)."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class CertificateStatus(models.TextChoices):
    """What a certificate means on a given day: the stored state combined with its validity dates."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"
    EXPIRED = "expired", "过期"
    NOT_YET_VALID = "not_yet_valid", "未生效"


class Certificate(models.Model):
    """An enforcement certificate (行政执法证件), issued in Tianjin by the 市人民政府 (天津市行政执法监督规定 第十条)."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuer = models.CharField("发证机关", max_length=100, default="天津市人民政府")
    field = models.CharField("执法领域", max_length=100)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期至")
    state = models.CharField("状态", max_length=16, choices=CertificateState.choices, default=CertificateState.VALID)
    state_reason = models.CharField("状态变更理由", max_length=255, blank=True)
    issued_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["holder_id", "-valid_to"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="org_certificate_dates_ordered"),
            models.CheckConstraint(condition=Q(state__in=CertificateState.values), name="org_certificate_state_known"),
        ]
        indexes = [models.Index(fields=["holder", "state", "valid_to"]), models.Index(fields=["valid_to"])]

    def __str__(self) -> str:
        return f"执法证 {self.number}"

    def status_on(self, on: date) -> CertificateStatus:
        if self.state == CertificateState.SUSPENDED:
            return CertificateStatus.SUSPENDED
        if self.state == CertificateState.REVOKED:
            return CertificateStatus.REVOKED
        if on < self.valid_from:
            return CertificateStatus.NOT_YET_VALID
        if on > self.valid_to:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def status_today(self) -> CertificateStatus:
        return self.status_on(clock.today())


class TrainingSource(models.TextChoices):
    OFFLINE = "offline", "线下培训"
    ONLINE = "online", "网络学习"
    EXAM = "exam", "考试"
    LECTURE = "lecture", "专题讲座"
    IMPORTED = "imported", "导入"


class TrainingRecord(models.Model):
    """Hours of legal and professional training one person completed on one day (培训学时)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="人员", on_delete=models.PROTECT, related_name="training_records"
    )
    date = models.DateField("日期")
    topic = models.CharField("培训主题", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    source = models.CharField("来源", max_length=16, choices=TrainingSource.choices, default=TrainingSource.OFFLINE)
    note = models.CharField("备注", max_length=255, blank=True)
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "培训学时"
        verbose_name_plural = "培训学时"
        ordering = ["-date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=200), name="org_training_hours_range"),
        ]
        indexes = [models.Index(fields=["person", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}（{self.hours} 学时）"
