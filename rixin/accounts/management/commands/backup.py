from django.core.management.base import BaseCommand

from rixin.accounts.access import system_actor
from rixin.accounts.actions import make_backup


class Command(BaseCommand):
    help = "Back up the database into RIXIN_BACKUP_DIR (var/backups by default)."

    def handle(self, *args, **options):
        path = make_backup(acting_user=system_actor(), message="backup (command)")
        self.stdout.write(str(path))
