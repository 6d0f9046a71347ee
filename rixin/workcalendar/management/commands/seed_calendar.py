from django.core.management.base import BaseCommand

from rixin.accounts.access import system_actor
from rixin.workcalendar import actions
from rixin.workcalendar.seed import FIRST_YEAR


class Command(BaseCommand):
    help = "Seed the national holiday calendar from chinese-calendar (years not yet in the table)."

    def add_arguments(self, parser):
        parser.add_argument("--first", type=int, default=FIRST_YEAR)
        parser.add_argument("--last", type=int, default=None)

    def handle(self, *args, first, last, **options):
        added = actions.seed_from_chinese_calendar(
            acting_user=system_actor(), first=first, last=last
        )
        self.stdout.write(f"{added} year(s) added from chinese-calendar")
