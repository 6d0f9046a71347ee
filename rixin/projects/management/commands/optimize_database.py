"""manage.py optimize_database: refresh the query planner's statistics (daily, from cron or a
systemd timer; see README)."""

from django.core.management.base import BaseCommand

from rixin.db import optimize


class Command(BaseCommand):
    help = "ANALYZE and PRAGMA optimize on SQLite, ANALYZE on PostgreSQL (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, verbosity, **options):
        ran = optimize(database, full=True)
        if verbosity:
            self.stdout.write(f"optimize_database: {ran or 'nothing to do'}")
