"""Reminders, overdue flags and closing unmarked answers. Safe to run as often as cron likes:
each step is done once (the assignment or the appeal remembers it)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.appeals.deadlines import run_deadlines


class Command(BaseCommand):
    help = "到期提醒、超期登记、答复后逾期未评价自动办结(可重复运行)。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="按此日期计算(YYYY-MM-DD)"
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        done = run_deadlines(today, acting_user=system_actor())
        self.stdout.write(
            "reminded={reminded} overdue={overdue} closed_unmarked={closed}".format(**done)
        )
