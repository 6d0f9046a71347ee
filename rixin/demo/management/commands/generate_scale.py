"""Generate a province-sized illustrative data set for benchmarks (issue 8).

    manage.py generate_scale --counties 117

Per county: about 300 projects with 36 months of reports and their annual plans, 500 leads
with their stage changes and activities, 2,000 appeals a year for 3 years with their
dispatches and transitions, and the standard indicator catalogue's figures for 12 quarters.
The first counties are the real Jinzhong ones (寿阳县 first); the rest get illustrative codes
under Shanxi's other cities. Every row is marked illustrative.

The rows are written with bulk inserts (``bulk_create``, and COPY or ``executemany`` of the
models' own INSERT for the large tables: see rixin/demo/scale.py), not through the actions:
the rule "every write through an action, with its audit record" is for people's work, and
this is a synthetic benchmark data set with no actor. Do not run it on a county's production database.

Counties already generated are left alone, so ``--counties 12`` then ``--counties 117`` grows
the data set from a tenth to all of it. The same ``--seed`` gives the same rows.

Each county is written in one transaction and the id sequences are moved past its rows right
after its commit, with a line "<code>: <n> rows committed". A run that is killed (even with
kill -9) keeps the counties committed before, loses the one in progress, and leaves a database
the application can insert into; running the command again goes on from there.

``--background`` queues the same work as a job for the worker (``manage.py work``) and
returns at once; ``manage.py jobs`` shows its progress, a county at a time. A worker killed
mid-way leaves the job to be taken up again after its lease, from the counties committed.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from rixin.accounts.access import system_actor
from rixin.db import optimize
from rixin.demo.jobs import GENERATE_SCALE
from rixin.demo.scale import Span, Volume, county_codes, generate
from rixin.jobs.actions import enqueue


def year_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        raise CommandError(f"--through {text!r}: expected YYYY-MM") from None
    if not 1 <= month <= 12:
        raise CommandError(f"--through {text!r}: month must be 1 to 12")
    return year, month


class Command(BaseCommand):
    help = "Generate an illustrative province-sized data set (bulk inserts) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--counties", type=int, required=True, help="how many counties")
        parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
        parser.add_argument(
            "--share",
            type=float,
            default=1.0,
            help="rows per county as a share of the full volume (default 1: 300 projects, …)",
        )
        parser.add_argument(
            "--through", default="2025-12", help="last month of the 36 months (YYYY-MM)"
        )
        parser.add_argument(
            "--background", action="store_true", help="queue it as a job for manage.py work"
        )

    def handle(self, *args, counties, seed, share, through, verbosity, background=False, **options):
        if counties < 1:
            raise CommandError("--counties must be at least 1")
        try:
            county_codes(counties)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if background:
            return self._enqueue(counties, seed, share, *year_month(through))
        volume = Volume().scaled(share) if share != 1 else Volume()
        span = Span(*year_month(through), volume.months)
        with tqdm(
            total=counties, desc="generate_scale", unit="county", disable=verbosity == 0
        ) as bar:

            def progress(code: str, rows: int) -> None:
                # One line per committed county: what a run killed later has kept.
                if verbosity:
                    with tqdm.external_write_mode():
                        self.stdout.write(f"{code}: {rows:,} rows committed")
                        self.stdout.flush()
                bar.set_postfix_str(f"{code}: {rows:,} rows")
                bar.update(1)

            result = generate(counties, volume=volume, span=span, seed=seed, progress=progress)
            bar.update(counties - bar.n)
        optimize(full=True)
        self.stdout.write(
            f"{result['counties']} counties, {result['generated']} generated now, "
            f"{result['rows']:,} rows written (illustrative)"
        )

    def _enqueue(self, counties: int, seed: int, share: float, year: int, month: int) -> None:
        params = {"counties": counties, "seed": seed, "share": share, "year": year, "month": month}
        job = enqueue(
            GENERATE_SCALE,
            acting_user=system_actor(),
            params=params,
            title=f"generate_scale --counties {counties}",
            total=counties,
        )
        self.stdout.write(f"job {job.pk} queued: manage.py work runs it; manage.py jobs shows it")
