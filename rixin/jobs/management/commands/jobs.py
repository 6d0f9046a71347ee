"""``manage.py jobs [--limit N]``: the latest background jobs with their progress."""

from django.core.management.base import BaseCommand

from rixin.jobs.models import Job
from rixin.jobs.progress import current


class Command(BaseCommand):
    help = "List the latest background jobs: kind, status, progress, message."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, limit=20, **options):
        for job in Job.objects.select_related("created_by")[:limit]:
            shown = current(job)
            self.stdout.write(
                f"{job.pk:>6} {job.kind:<22} {job.status:<8} "
                f"{shown['done']}/{shown['total']} {shown['percent']:>3}%  "
                f"{job.created_by}  {shown['message']}"
            )
