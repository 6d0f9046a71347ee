import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from rixin.accounts.access import system_actor
from rixin.regions.actions import record_division_change
from rixin.regions.models import Division, DivisionChangeKind


class Command(BaseCommand):
    help = (
        "Record a change of division (rename, 撤县设区, merger, abolition) with the date it took "
        "effect, e.g. record_division_change 140726 --kind redesignation --date 2019-10-01 "
        "--new-code 140703 --new-name 太谷区 --document 国函〔2019〕89号"
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="the division's 6-digit code")
        parser.add_argument("--kind", required=True, choices=DivisionChangeKind.values)
        parser.add_argument("--date", required=True, help="effective date, YYYY-MM-DD")
        parser.add_argument("--new-name", default="")
        parser.add_argument("--new-code", default="")
        parser.add_argument("--document", default="", help="the approval, e.g. 国函〔2019〕89号")
        parser.add_argument("--reason", default="")

    def handle(self, *args, **options):
        division = Division.objects.filter(code=options["code"]).first()
        if division is None:
            raise CommandError(f"no division {options['code']}")
        try:
            effective = datetime.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        try:
            change = record_division_change(
                division,
                acting_user=system_actor(),
                kind=options["kind"],
                effective_date=effective,
                new_name=options["new_name"],
                new_code=options["new_code"],
                document=options["document"],
                reason=options["reason"],
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(f"{change.old_code} {change}: {change.get_kind_display()} {effective}")
