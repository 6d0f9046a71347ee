"""``generate_scale --background``: the province-sized benchmark data set written by the
worker (rixin.jobs), with a county's commit as its unit of progress. A run taken up again
after a kill goes on from the counties already committed (rixin.demo.scale.generate)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from rixin.accounts.access import is_system
from rixin.db import optimize
from rixin.jobs.registry import Outcome, register

from .scale import Span, Volume, county_codes, generate, generated_counties

GENERATE_SCALE = "demo.generate_scale"


def _system_only(user, params: dict) -> bool:
    """Synthetic data for benchmarks: queued from the command line only."""
    return is_system(user)


@register(GENERATE_SCALE, title=gettext_lazy("生成规模数据"), allowed=_system_only)
def generate_scale(job, progress) -> Outcome:
    params = job.params
    counties = params["counties"]
    share = params.get("share", 1.0)
    volume = Volume().scaled(share) if share != 1 else Volume()
    span = Span(params["year"], params["month"], volume.months)
    codes = {code for code, _name, _city in county_codes(counties)}
    done = [len(generated_counties() & codes)]
    progress(done[0], counties)

    def step(code: str, rows: int) -> None:
        done[0] += 1
        progress(done[0], counties, f"{code}: {rows:,} rows committed")

    result = generate(counties, volume=volume, span=span, seed=params.get("seed", 8), progress=step)
    optimize(full=True)  # as the command does: the planner's statistics for the new rows
    return Outcome(
        message=f"{result['counties']} counties, {result['generated']} generated now, "
        f"{result['rows']:,} rows written (illustrative)"
    )
