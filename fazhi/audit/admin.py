"""The chain in the admin: readable, never writable (the database triggers refuse changes anyway)."""

from django.contrib import admin

from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.audit.models import ChainEntry


@admin.register(ChainEntry)
class ChainEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "event", "subject_type", "subject_id", "subject_label", "short_hash")
    list_filter = ("event",)
    search_fields = ("subject_label", "subject_id", "actor_label", "entry_hash")
    date_hierarchy = "at"
    ordering = ("-seq",)
    list_per_page = 50
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.display(description="哈希")
    def short_hash(self, obj):
        return obj.entry_hash[:12]
