"""The local dates of 派单, 签收 and 答复 on each dispatch, filled from the timestamps."""

from django.db import migrations, models
from django.utils import timezone

FIELDS = {
    "dispatched_on": "dispatched_at",
    "acknowledged_on": "acknowledged_at",
    "answered_on": "answered_at",
}


def fill(apps, schema_editor):
    Assignment = apps.get_model("appeals", "Assignment")
    rows = Assignment.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for row in rows.only("pk", *FIELDS.values()).iterator(chunk_size=5000):
        for day, moment in FIELDS.items():
            value = getattr(row, moment)
            setattr(row, day, timezone.localtime(value).date() if value is not None else None)
        batch.append(row)
        if len(batch) >= 5000:
            Assignment.objects.bulk_update(batch, list(FIELDS))
            batch = []
    if batch:
        Assignment.objects.bulk_update(batch, list(FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0007_transition_internal_note"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="dispatched_on",
            field=models.DateField(editable=False, null=True, verbose_name="派单日期"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="acknowledged_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="签收日期"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="answered_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="答复日期"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment",
            name="dispatched_on",
            field=models.DateField(editable=False, verbose_name="派单日期"),
        ),
    ]
