from django.core.management.base import BaseCommand

from rixin.accounts.backup import make_backup
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction


class Command(BaseCommand):
    help = "Back up the database into RIXIN_BACKUP_DIR (var/backups by default)."

    def handle(self, *args, **options):
        path = make_backup()
        record_event(
            AuditAction.CREATE,
            object_type="backup",
            object_repr=path.name,
            message="backup (command)",
        )
        self.stdout.write(str(path))
