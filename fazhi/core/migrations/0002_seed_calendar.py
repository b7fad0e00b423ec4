"""Seed the calendar table (2004–2026) from the chinese_calendar package, so every fresh database — test
databases included — can compute deadlines at once. Later years are entered with `fazhi calendar_import`."""

from django.db import migrations


def seed_calendar(apps, schema_editor):
    from fazhi.core.seed import seed

    seed(apps.get_model("core", "CalendarYear"), apps.get_model("core", "CalendarDay"))


def unseed_calendar(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.all().delete()
    apps.get_model("core", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed_calendar, unseed_calendar)]
