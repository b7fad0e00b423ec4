"""Read-only admin pages: the library and the power list change only through their services (and the chain)."""

from django.contrib import admin

from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.law.models import Article, Law, LawVersion, PowerItem, PowerItemVersion


@admin.register(Law)
class LawAdmin(ReadOnlyAdmin):
    list_display = ["title", "short_name", "level", "region"]
    list_filter = ["level"]
    search_fields = ["title"]


@admin.register(LawVersion)
class LawVersionAdmin(ReadOnlyAdmin):
    list_display = ["law", "version_date", "effective_from", "effective_to", "status"]
    list_filter = ["status"]


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ["key", "label"]
    search_fields = ["key"]


@admin.register(PowerItem)
class PowerItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "body", "created_at"]
    search_fields = ["code"]


@admin.register(PowerItemVersion)
class PowerItemVersionAdmin(ReadOnlyAdmin):
    list_display = ["item", "number", "name", "category", "state", "created_at"]
    list_filter = ["category", "state"]
