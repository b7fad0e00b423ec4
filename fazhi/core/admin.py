"""Admin pages for the calendar (editable: each edit goes on the chain and recomputes open deadlines) and settings."""

from django.contrib import admin

from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.core import services
from fazhi.core.models import CalendarDay, CalendarYear, Deadline, Setting


def _day_dict(day: CalendarDay) -> dict:
    return {"date": day.date.isoformat(), "year": day.year, "kind": day.kind, "name": day.name, "notice": day.notice}


def _year_dict(year: CalendarYear) -> dict:
    return {"year": year.year, "source": year.source, "notice": year.notice}


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "notice", "imported_at"]
    search_fields = ["notice", "source"]

    def save_model(self, request, obj, form, change):
        old = _year_dict(CalendarYear.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        services.record_calendar_year_change(actor=request.user, year=obj.year, old=old, new=_year_dict(obj))

    def delete_model(self, request, obj):
        old = _year_dict(obj)
        super().delete_model(request, obj)
        services.record_calendar_year_change(actor=request.user, year=old["year"], old=old, new=None)

    def delete_queryset(self, request, queryset):
        for obj in list(queryset):
            self.delete_model(request, obj)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name", "year", "notice"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "notice"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        old = _day_dict(CalendarDay.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        services.record_calendar_day_change(actor=request.user, day=obj, old=old, new=_day_dict(obj))

    def delete_model(self, request, obj):
        old = _day_dict(obj)
        super().delete_model(request, obj)
        services.record_calendar_day_change(actor=request.user, day=None, old=old, new=None)

    def delete_queryset(self, request, queryset):
        for obj in list(queryset):
            self.delete_model(request, obj)


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    list_display = ["key", "body", "value", "note", "changed_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "body", "value", "note", "changed_at"]

    def has_add_permission(self, request):
        # Settings change through the rule page (change_setting), so each change is on the audit chain.
        return False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    """Deadlines change only through fazhi.core.deadlines."""

    list_display = ["subject_label", "rule_name", "start_date", "due_date", "state", "is_estimate", "body"]
    list_filter = ["state", "is_estimate", "rule_key"]
    search_fields = ["subject_label", "rule_name"]
