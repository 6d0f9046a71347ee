"""Load the Shouyang demo data. Safe to run again: what is there already is left alone."""

import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from rixin.regions.data import load_divisions
from rixin.regions.models import Division

# Order matters: later steps use what earlier steps created.
STEPS = [
    "directory",
    "accounts",
    "parks",
    "projects",
    "park_capacities",
    "investment",
    "funds",
    "indicators",
    "appeals",
    "innovation",
]


class Command(BaseCommand):
    help = "Load the Shouyang (寿阳县) demo data set and one demo account per role."

    def handle(self, *args, **options):
        load_divisions(Division)
        steps = [s for s in STEPS if importlib.util.find_spec(f"rixin.demo.{s}") is not None]
        totals = {}
        with tqdm(steps, desc="load_demo", unit="step", disable=options["verbosity"] == 0) as bar:
            for step in bar:
                bar.set_postfix_str(step)
                module = importlib.import_module(f"rixin.demo.{step}")
                with transaction.atomic():
                    totals.update(
                        {f"{step}.{k}": v for k, v in (module.load(self.stdout) or {}).items()}
                    )
        created = ", ".join(f"{k}={v}" for k, v in totals.items() if v)
        self.stdout.write(f"demo data loaded; created: {created or 'nothing (already loaded)'}")
