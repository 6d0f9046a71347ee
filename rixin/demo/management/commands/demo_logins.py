from django.core.management.base import BaseCommand

from rixin.demo.accounts import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(
            "Rixin demo: http://127.0.0.1:8000/   password for every account: " + DEMO_PASSWORD
        )
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec.username:<18} {spec.display_name}")
        self.stdout.write("")
