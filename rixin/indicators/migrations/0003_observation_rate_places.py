"""Observations keep the decimals their rate was published with (9.0%, not 9%)."""

from django.db import migrations, models


def two_places_where_stored(apps, schema_editor):
    """Rates recorded before: one decimal, unless the stored rate has a second one."""
    Observation = apps.get_model("indicators", "Observation")
    for observation in Observation.objects.exclude(rate=None).only("pk", "rate"):
        if (observation.rate * 10) % 1:
            Observation.objects.filter(pk=observation.pk).update(rate_places=2)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_standard_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="rate_places",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="增速按公布时的小数位数显示(9.0%不写作9%)。",
                verbose_name="增速小数位数",
            ),
        ),
        migrations.RunPython(two_places_where_stored, migrations.RunPython.noop),
    ]
