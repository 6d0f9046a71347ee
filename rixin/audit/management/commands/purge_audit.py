from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction, AuditEvent


class Command(BaseCommand):
    help = "Delete audit records older than --days (never fewer than 180: the law keeps them six months)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        minimum = settings.RIXIN_AUDIT_MIN_RETENTION_DAYS
        if days < minimum:
            raise CommandError(
                f"Refusing: audit records must be kept at least {minimum} days (asked for {days})."
            )
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            old = AuditEvent.objects.filter(time__lt=cutoff)
            count = old.count()
            # The one path that removes audit rows; the database trigger lets it through only for old rows.
            old._raw_delete(old.db)
            record_event(
                AuditAction.DELETE,
                acting_user=system_actor(),
                object_type="audit.auditevent",
                message=f"purged {count} older than {days} days",
            )
        self.stdout.write(f"purged {count} audit records older than {cutoff:%Y-%m-%d}")
