"""The 普法 calendar's rows from learning.rules.KEY_DATES (statutory days verified; practice days editable)."""

from django.db import migrations


def seed(apps, schema_editor):
    from fazhi.learning.rules import KEY_DATES

    KeyDate = apps.get_model("learning", "KeyDate")
    existing = set(KeyDate.objects.values_list("key", flat=True))
    KeyDate.objects.bulk_create(
        KeyDate(
            key=spec.key, name=spec.name, kind="nth_weekday" if spec.nth else "fixed", month=spec.month,
            day=spec.day, nth=spec.nth, weekday=spec.weekday, span_days=spec.span_days, citation=spec.citation,
            verified=spec.verified,
        )  # fmt: skip
        for spec in KEY_DATES
        if spec.key not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
