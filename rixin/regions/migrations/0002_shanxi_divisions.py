from django.db import migrations


def load(apps, schema_editor):
    from rixin.regions.data import load_divisions

    load_divisions(apps.get_model("regions", "Division"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
