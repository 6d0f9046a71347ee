"""Every ratio is computed from unrounded operands and rounded once."""

from decimal import Decimal as D

from rixin.investment.kpis import Progress
from rixin.investment.models import Target


def test_start_rate_completion_uses_the_unrounded_start_rate():
    progress = Progress(team=None, target=Target(start_rate=D(40)), year_count=11, started_count=6)
    assert progress.start_rate == D("54.55")
    assert progress.start_rate_completion == D("136.36")  # 136.38 from the rounded 54.55


def test_the_demo_figures_keep_their_published_rates():
    progress = Progress(
        team=None,
        target=Target(start_rate=D(40), signing_amount=D(720000)),
        signed_amount=D(766400),
        year_count=4,
        started_count=2,
    )
    assert (progress.signing_rate, progress.start_rate) == (D("106.44"), D("50.00"))
    assert progress.start_rate_completion == D("125.00")
