from django.db import migrations


def load(apps, schema_editor):
    from rixin.regions.data import load_divisions

    load_divisions(apps.get_model("regions", "Division"))


class Migration(migrations.Migration):
    """Every division of China with its centroid (0002 loaded them without one)."""

    dependencies = [("regions", "0003_division_points_validity_and_changes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
