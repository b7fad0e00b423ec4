"""Read-only admin views of the outbox and of received records (both change only through exchange's code)."""

from django.contrib import admin

from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.exchange.models import OutboxEvent, ReceivedRecord


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ["record_id", "version", "record_type", "created_at", "attempts", "sent_at", "last_error"]
    list_filter = ["record_type"]
    search_fields = ["record_id"]


@admin.register(ReceivedRecord)
class ReceivedRecordAdmin(ReadOnlyAdmin):
    list_display = ["sender", "record_id", "version", "record_type", "body_code", "received_at"]
    list_filter = ["record_type", "body_code"]
    search_fields = ["record_id"]
