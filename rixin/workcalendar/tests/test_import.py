"""A year's notice imported from a small file, through the shared import pages."""

import datetime

import pytest

from rixin.spreadsheets.models import ImportBatch, ImportStatus
from rixin.testing import upload, xlsx_bytes
from rixin.workcalendar.calendar import Deadline, deadline
from rixin.workcalendar.choices import YearSource
from rixin.workcalendar.models import CalendarYear, SpecialDay

D = datetime.date
pytestmark = pytest.mark.django_db
HEADER = ["日期", "类型", "名称"]


def _upload(client, rows):
    file = upload("2027.xlsx", xlsx_bytes([HEADER, *rows]))
    return client.post("/imports/calendar/", {"file": file})


def test_the_import_refuses_a_bad_row_naming_it_and_writes_nothing(personas, client_for):
    client = client_for(personas.sysadmin)
    response = _upload(
        client,
        [["2027-01-01", "休", "元旦"], ["2027-02-30", "休", "春节"], ["2027-02-06", "假", ""]],
    )
    batch = ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert batch.status == ImportStatus.REJECTED
    errors = {(e["row"], e["column"]) for e in batch.errors}
    assert errors == {(3, "日期"), (4, "类型")}
    assert "假" in next(e["message"] for e in batch.errors if e["row"] == 4)
    assert not SpecialDay.objects.filter(date__year=2027).exists()


def test_an_imported_notice_enters_the_year(personas, client_for):
    client = client_for(personas.sysadmin)
    response = _upload(client, [["2027-01-01", "休", "元旦"], ["2027-02-20", "班", "春节"]])
    batch_url = response["Location"]
    assert client.post(batch_url + "confirm/").status_code == 302
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED
    assert CalendarYear.objects.national().get(year=2027).source == YearSource.IMPORT
    assert deadline(D(2026, 12, 24), 10) == Deadline(D(2027, 1, 8), False)
    # The same file again changes nothing.
    response = _upload(client, [["2027-01-01", "休", "元旦"], ["2027-02-20", "班", "春节"]])
    client.post(response["Location"] + "confirm/")
    assert SpecialDay.objects.filter(date__year=2027).count() == 2


def test_an_officer_may_not_import_the_calendar(personas, client_for):
    assert client_for(personas.officer).get("/imports/calendar/").status_code == 403
