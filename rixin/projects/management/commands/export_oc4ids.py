"""Write the project library of a county (or all) as an OC4IDS project package."""

import json

from django.core.management.base import BaseCommand

from rixin.accounts.access import system_actor
from rixin.projects.models import Project
from rixin.projects.oc4ids import project_package


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
        if not options["include_illustrative"]:
            projects = projects.filter(is_illustrative=False)
        package = project_package(projects, options["prefix"])
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stdout.write(f"{len(package['projects'])} projects → {options['output']}")
        else:
            self.stdout.write(text)
