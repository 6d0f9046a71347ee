"""Every jobs URL against every persona (see rixin/urlmatrix.py). A job is its creator's:
everyone else gets 404, never a hint that it exists."""

from rixin.jobs.models import Job
from rixin.urlmatrix import EVERYONE, Route


def _job(p):
    own = Job.objects.create(
        kind="spreadsheets.import", title="导入", county_id="140725", created_by=p.officer
    )
    other = Job.objects.create(
        kind="spreadsheets.import", title="导入", county_id="140702", created_by=p.other_officer
    )
    return {"pk": own.pk}, {"pk": other.pk}


_NOT_OWNER = {name: 404 for name in EVERYONE - {"officer"}}

ROUTES = [
    Route("jobs:job", frozenset({"officer"}), objects=_job, denied=_NOT_OWNER),
    Route("jobs:progress", frozenset({"officer"}), objects=_job, denied=_NOT_OWNER),
    # This job has no file yet, so its owner gets 404 as well (the owner's download is
    # tested in test_job_pages.py).
    Route("jobs:result", frozenset(), objects=_job, denied={name: 404 for name in EVERYONE}),
]
