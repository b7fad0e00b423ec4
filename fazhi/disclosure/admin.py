"""Read-only admin views of disclosure records: every change must go through the services (and the chain)."""

from django.contrib import admin

from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.disclosure.models import AnnualReport, CatalogueEntry, DisclosureRequest, Guide, RemedyCase


@admin.register(DisclosureRequest)
class DisclosureRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "body", "channel", "applicant_type", "status", "received_on", "closed_on", "outcome"]
    list_filter = ["status", "channel", "applicant_type"]
    search_fields = ["number", "lookup_code"]


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(ReadOnlyAdmin):
    list_display = ["index_number", "title", "category", "generated_on", "state", "published_on"]
    list_filter = ["state", "category"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["body", "year", "format_year", "state", "published_on"]


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ["body", "office_name", "updated_on"]


@admin.register(RemedyCase)
class RemedyCaseAdmin(ReadOnlyAdmin):
    list_display = ["body", "kind", "filed_on", "result", "concluded_on"]
