from django.db import migrations


def load(apps, schema_editor):
    from rixin.indicators.catalogue import ensure_standard_catalogue

    ensure_standard_catalogue(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
