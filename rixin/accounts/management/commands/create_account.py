"""Create an account from the command line: how a new installation gets its three administrators."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rixin.accounts.access import system_actor
from rixin.accounts.actions import create_user
from rixin.accounts.roles import Role
from rixin.regions.models import Division


class Command(BaseCommand):
    help = "Create an account with a role; it must change its temporary password at first login."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role", required=True, choices=[r for r in Role.values if r and r != Role.SYSTEM]
        )
        parser.add_argument(
            "--division", required=True, help="GB/T 2260 code of the account's scope"
        )
        parser.add_argument("--display-name", default="")

    def handle(self, *args, username, role, division, display_name, **options):
        place = Division.objects.filter(code=division).first()
        if place is None:
            raise CommandError(f"行政区划代码 {division} 不存在。")
        try:
            user, password = create_user(
                acting_user=system_actor(),
                username=username,
                display_name=display_name or Role(role).label,
                division=place,
                role=role,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"{user.username} ({user.get_role_display()}): temporary password {password}"
        )
