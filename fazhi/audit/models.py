from django.conf import settings
from django.db import models

from fazhi.audit.events import Event

GENESIS_HASH = "0" * 64
_EVENT_LABELS = {code: str(label) for code, label in Event.choices}


class EventField(models.CharField):
    """The event code, validated against `Event` in Python but with no choices in the migration state.

    Every app adds codes to `Event` as it grows; keeping the choices out of `deconstruct()` means that does not
    require a new audit migration each time (the database column is a plain varchar either way).
    """

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, path, args, kwargs


class ChainEntry(models.Model):
    """One link of the platform's append-only, SM3-hashed audit chain.

    Rows are never updated or deleted (database triggers refuse it); foreign keys never cascade,
    so deleting a user or a body cannot remove history.
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField("操作人（记录时）", max_length=150)
    event = EventField("事件", max_length=64, choices=Event.choices)
    subject_type = models.CharField("对象类型", max_length=64)
    subject_id = models.CharField("对象编号", max_length=64)
    subject_label = models.CharField("对象", max_length=255, blank=True)
    body_id = models.BigIntegerField("所属机构编号", null=True, blank=True, db_index=True)
    payload = models.JSONField("内容", default=dict)
    prev_hash = models.CharField("前一哈希", max_length=64)
    entry_hash = models.CharField("本条哈希", max_length=64, unique=True)

    class Meta:
        verbose_name = "审计链条目"
        verbose_name_plural = "审计链"
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["event", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_event_display()} {self.subject_label}"

    def get_event_display(self) -> str:
        # Django's generic version builds a dict of all 220 event codes on every call (≈60 µs); a case's timeline
        # shows dozens of entries on every view of the case page (ADR 0085).
        return _EVENT_LABELS.get(self.event, self.event)


class ChainHead(models.Model):
    """A single row locked by every append so concurrent writers queue instead of forking the chain.

    It only caches the last (seq, hash); verification always recomputes from ChainEntry.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self) -> str:
        return f"#{self.seq} {self.entry_hash[:12]}"
