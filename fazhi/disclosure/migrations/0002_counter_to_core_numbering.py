"""Move disclosure's own number series into core's counter table (fazhi.core.numbering), then drop its table.

Each (body, series, year) keeps its last number, so numbering continues with the next one: no gap, no reuse. The
series get the 代字 printed in the numbers (request → 依申请, answer → 信公答, catalogue → 公开目录). If core already
holds a row for the same series (it cannot, unless someone issued by hand), the higher number wins.
"""

from django.db import migrations

SERIES = {"request": "依申请", "answer": "信公答", "catalogue": "公开目录"}


def to_core(apps, schema_editor):
    Counter = apps.get_model("disclosure", "Counter")
    DocumentCounter = apps.get_model("core", "DocumentCounter")
    for old in Counter.objects.all().order_by("id"):
        series = SERIES.get(old.series, old.series)
        row, created = DocumentCounter.objects.get_or_create(
            body_id=old.body_id, series=series, year=old.year, defaults={"last_number": old.last}
        )
        if not created and row.last_number < old.last:
            row.last_number = old.last
            row.save(update_fields=["last_number"])


def back_from_core(apps, schema_editor):
    Counter = apps.get_model("disclosure", "Counter")
    DocumentCounter = apps.get_model("core", "DocumentCounter")
    for old_series, series in SERIES.items():
        for row in DocumentCounter.objects.filter(series=series):
            Counter.objects.update_or_create(
                body_id=row.body_id, series=old_series, year=row.year, defaults={"last": row.last_number}
            )
        DocumentCounter.objects.filter(series=series).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_documentcounter"),
        ("disclosure", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_core, back_from_core),
        migrations.DeleteModel(name="Counter"),
    ]
