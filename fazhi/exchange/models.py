"""The outbox (what this instance owes upstream) and the records received from towns (read-only once stored)."""

from django.conf import settings
from django.db import models


class RecordType(models.TextChoices):
    CASE = "case", "行政处罚案件"
    PUBLICATION = "publication", "执法决定公示"
    CERTIFICATE = "certificate", "执法人员及证件"
    COMPULSORY = "compulsory", "行政强制"
    INSPECTION = "inspection", "执法检查"


class OutboxEvent(models.Model):
    """One version of one exported record, written in the transaction of the chain entry that made the version.

    ``(record_id, version)`` is unique: the version is the entry's chain seq, so a record is never queued twice for
    the same change and never misses one.
    """

    record_type = models.CharField("记录类型", max_length=16, choices=RecordType.choices)
    record_id = models.CharField("记录标识", max_length=80)
    version = models.PositiveBigIntegerField("版本（链序号）")
    body_id = models.PositiveBigIntegerField("机构", null=True)
    record = models.JSONField("记录")
    created_at = models.DateTimeField("写入时间", auto_now_add=True)
    attempts = models.PositiveIntegerField("推送次数", default=0)
    last_error = models.CharField("最近一次错误", max_length=500, blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)

    class Meta:
        verbose_name = "待推送记录"
        verbose_name_plural = "待推送记录"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["record_id", "version"], name="exchange_outbox_once")]
        indexes = [models.Index(fields=["sent_at", "id"], name="exchange_outbox_pending")]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.version}"


class ReceivedRecord(models.Model):
    """A record a sender pushed, stored as received (never edited). A retry of the same version is a no-op."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送账号", on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField("记录类型", max_length=16, choices=RecordType.choices)
    record_id = models.CharField("记录标识", max_length=80)
    version = models.PositiveBigIntegerField("版本（链序号）")
    body_code = models.CharField("机构代码", max_length=32)
    record = models.JSONField("记录")
    batch_sm3 = models.CharField("批次签名", max_length=64)
    sender_chain_head = models.CharField("报送方链头", max_length=100)
    received_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        verbose_name = "接收记录"
        verbose_name_plural = "接收记录"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "record_id", "version"], name="exchange_received_once")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.version}"
