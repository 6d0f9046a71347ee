"""Write the project library of a county (or all) as an OC4IDS project package."""

import json

from django.core.management.base import BaseCommand, CommandError

from rixin.accounts.access import system_actor
from rixin.projects.models import Project
from rixin.projects.oc4ids import EmptyPackage, for_publication


class Command(BaseCommand):
    help = "Export projects as an OC4IDS 0.9 project package (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--county", help="6-digit county code (default: every county)")
        parser.add_argument("--prefix", help="project id prefix (default: RIXIN_OC4IDS_PREFIX)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--include-illustrative",
            action="store_true",
            help="include rows invented for the demo (left out by default)",
        )

    def handle(self, *args, **options):
        # The command acts as the system actor, which sees every county.
        projects = Project.objects.visible_to(system_actor())
        if options["county"]:
            projects = projects.filter(county_id=options["county"])
        selection = for_publication(projects, include_illustrative=options["include_illustrative"])
        try:
            package = selection.package(options["prefix"])
        except EmptyPackage as exc:
            raise CommandError(str(exc)) from exc
        # What was left out goes to standard error, so a package on standard output stays JSON.
        for note in selection.left_out:
            self.stderr.write(note)
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stdout.write(f"{len(package['projects'])} projects → {options['output']}")
        else:
            self.stdout.write(text)
