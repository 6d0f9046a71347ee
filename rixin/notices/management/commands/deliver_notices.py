"""Deliver the outbox: ``manage.py deliver_notices [--once] [--batch N] [--loop] [--sleep S]``.

Without ``--loop`` (or with ``--once``) it makes passes until nothing is due, then exits,
for cron or a systemd timer; with ``--loop`` it runs until stopped, sleeping between
passes (``make demo`` and the systemd service in the README)."""

import time

from django.core.management.base import BaseCommand

from rixin.accounts.access import system_actor
from rixin.notices.delivery import deliver_due


class Command(BaseCommand):
    help = "Deliver pending notices by email, group robots and SMS, with retries."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass only")
        parser.add_argument("--batch", type=int, default=50)
        parser.add_argument("--loop", action="store_true", help="run until stopped")
        parser.add_argument("--sleep", type=float, default=5.0, help="seconds between passes")

    def handle(self, *args, once=False, batch=50, loop=False, sleep=5.0, **options):
        actor = system_actor()
        while True:
            run = deliver_due(acting_user=actor, batch=batch)
            if run.claimed and options["verbosity"] > 1:
                self.stdout.write(f"{run.claimed} claimed: {run.statuses}")
            if once:
                return
            if not run.claimed:
                if not loop:
                    return
                time.sleep(sleep)
