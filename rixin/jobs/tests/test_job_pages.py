"""A job's page, its progress partial and its file are its creator's alone."""

import pytest

from rixin.accounts.access import system_actor
from rixin.jobs import actions, worker

from .conftest import COUNT

pytestmark = pytest.mark.django_db


def _job(user, county="140725"):
    return actions.enqueue(COUNT, acting_user=user, params={"county": county}, county=county)


def test_the_progress_partial_polls_every_two_seconds_until_the_job_ends(personas, client_for):
    job = _job(personas.officer)
    client = client_for(personas.officer)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "<noscript>" in page
    partial = client.get(f"/jobs/{job.pk}/progress/", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in partial.content.decode()
    assert "HX-Refresh" not in partial
    worker.run_one(acting_user=system_actor(), interval=0)
    partial = client.get(f"/jobs/{job.pk}/progress/", headers={"HX-Request": "true"})
    assert "hx-trigger" not in partial.content.decode() and partial["HX-Refresh"] == "true"
    result = client.get(f"/jobs/{job.pk}/result/")
    assert result.status_code == 200 and b"".join(result.streaming_content) == b"3"


def test_another_countys_job_and_anothers_job_answer_404(personas, client_for):
    yuci = _job(personas.other_officer, county="140702")
    shouyang = _job(personas.officer)
    for user, job in (
        (personas.officer, yuci),
        (personas.zhaoshang, shouyang),
        (personas.city_viewer, shouyang),
    ):
        client = client_for(user)
        for suffix in ("", "progress/", "result/"):
            assert client.get(f"/jobs/{job.pk}/{suffix}").status_code == 404


def test_a_job_without_a_file_has_no_result(personas, client_for):
    job = _job(personas.officer)
    assert client_for(personas.officer).get(f"/jobs/{job.pk}/result/").status_code == 404
