"""The one worker: ``manage.py work [--once] [--batch N] [--jobs N] [--loop] [--sleep S]``.

Each pass delivers the outbox's due notices (rixin.notices.delivery) and then runs up to
``--jobs`` due background jobs (rixin.jobs.worker): imports over the threshold, a city's
reports, ``generate_scale --background``. Without ``--loop`` (or with ``--once``) it makes
passes until nothing is due, then exits, for cron or a systemd timer; with ``--loop`` it
runs until stopped, sleeping between passes when idle (``make demo`` and the systemd
service in the README). ``deliver_notices`` is the same command under its old name."""

import time

from django.core.management.base import BaseCommand

from rixin.accounts.access import system_actor
from rixin.jobs.worker import run_due
from rixin.notices.delivery import deliver_due


class Command(BaseCommand):
    help = "Deliver pending notices and run due background jobs (one worker process)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass only")
        parser.add_argument("--batch", type=int, default=50, help="deliveries per pass")
        parser.add_argument("--jobs", type=int, default=1, help="background jobs per pass")
        parser.add_argument("--loop", action="store_true", help="run until stopped")
        parser.add_argument("--sleep", type=float, default=5.0, help="seconds between passes")

    def handle(self, *args, once=False, batch=50, jobs=1, loop=False, sleep=5.0, **options):
        actor = system_actor()
        while True:
            run = deliver_due(acting_user=actor, batch=batch)
            ran = run_due(acting_user=actor, limit=jobs) if jobs > 0 else 0
            if options["verbosity"] > 1 and (run.claimed or ran):
                self.stdout.write(f"{run.claimed} claimed: {run.statuses}; {ran} job(s) run")
            if once:
                return
            if not run.claimed and not ran:
                if not loop:
                    return
                time.sleep(sleep)
