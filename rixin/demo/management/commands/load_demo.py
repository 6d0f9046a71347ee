"""Load the Shouyang demo data. Safe to run again: what is there already is left alone."""

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from rixin import discovery
from rixin.db import optimize
from rixin.regions.data import load_divisions
from rixin.regions.models import Division


class Command(BaseCommand):
    help = "Load the Shouyang (寿阳县) demo data set and one demo account per role."

    def handle(self, *args, **options):
        load_divisions(Division)
        # Each app names its step and its place (demo_module, demo_order on its AppConfig):
        # later steps use what earlier steps created.
        steps = discovery.demo_steps()
        totals = {}
        with tqdm(steps, desc="load_demo", unit="step", disable=options["verbosity"] == 0) as bar:
            for label, module in bar:
                bar.set_postfix_str(label)
                with transaction.atomic():
                    totals.update(
                        {f"{label}.{k}": v for k, v in (module.load(self.stdout) or {}).items()}
                    )
        optimize(full=True)
        created = ", ".join(f"{k}={v}" for k, v in totals.items() if v)
        self.stdout.write(f"demo data loaded; created: {created or 'nothing (already loaded)'}")
