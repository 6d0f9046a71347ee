import pytest

from rixin.accounts.access import acts_in_county
from rixin.jobs.registry import JobFailed, Outcome, register

COUNT = "tests.count"
BROKEN = "tests.broken"
RUNS: list[int] = []


def _in_its_county(user, params) -> bool:
    return acts_in_county(user, params.get("county", ""))


@register(COUNT, title="计数", allowed=_in_its_county)
def count(job, progress) -> Outcome:
    """Counts to params["n"], reporting each step; writes a small result file."""
    RUNS.append(job.pk)
    n = job.params.get("n", 3)
    for done in range(1, n + 1):
        progress(done, n, f"第{done}步")
    return Outcome(message="数完了", file_name="count.txt", content=b"%d" % n)


@register(BROKEN, title="必败", allowed=_in_its_county)
def broken(job, progress) -> Outcome:
    raise JobFailed("数据不全")


@pytest.fixture(autouse=True)
def _jobs_in_a_temporary_folder(settings, tmp_path):
    settings.RIXIN_JOBS_DIR = tmp_path / "jobs"
    RUNS.clear()
