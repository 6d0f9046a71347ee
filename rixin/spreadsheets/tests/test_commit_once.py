"""A confirmed file is applied once, however often its confirm arrives."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rixin.audit.models import AuditAction, AuditEvent
from rixin.demo.codes import illustrative_credit_code
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.spreadsheets import imports
from rixin.spreadsheets.models import ImportBatch, ImportStatus
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db
NAMES = ["甲企业", "乙企业"]


def _batch(user) -> ImportBatch:
    rows = [
        ["140725", name, illustrative_credit_code(name), "C22", "否", None, "", "", ""]
        for name in NAMES
    ]
    content = xlsx_bytes([EnterpriseImporter.header(), *rows])
    return imports.preview(EnterpriseImporter(user), upload("enterprises.xlsx", content))


def _applied_once() -> None:
    assert Enterprise.objects.filter(name__in=NAMES).count() == 2
    created = AuditEvent.objects.filter(
        object_type="directory.enterprise", action=AuditAction.CREATE, object_repr__in=NAMES
    )
    assert created.count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED


def test_a_second_confirm_of_the_same_batch_is_refused(personas):
    batch = _batch(personas.officer)
    # Two requests (a double click) each loaded the batch while it was still to be confirmed.
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)
    imports.commit(first, EnterpriseImporter(personas.officer))
    with pytest.raises(ValidationError, match="该批次已导入"):
        imports.commit(second, EnterpriseImporter(personas.officer))
    _applied_once()


def test_a_confirm_overtaken_between_its_check_and_its_write_is_refused(personas):
    batch = _batch(personas.officer)
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)
    late = EnterpriseImporter(personas.officer)
    parse = late.parse

    def parse_then_lose_the_race(content):
        result = parse(content)  # planned as creates: nothing is imported yet
        imports.commit(first, EnterpriseImporter(personas.officer))
        return result

    late.parse = parse_then_lose_the_race
    with pytest.raises(ValidationError, match="该批次已导入"):
        imports.commit(second, late)
    _applied_once()


def test_a_double_clicked_confirm_shows_a_message_not_an_error(personas, client_for):
    client = client_for(personas.officer)
    batch = _batch(personas.officer)
    url = f"/imports/batch/{batch.pk}/confirm/"
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "该批次已导入" in again.content.decode()
    _applied_once()


@pytest.mark.django_db(transaction=True)
def test_two_confirms_at_the_same_moment_apply_the_file_once(personas):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("two connections writing at once need a database file or a server")
    batch = _batch(personas.officer)
    start = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            mine = ImportBatch.objects.get(pk=batch.pk)
            importer = EnterpriseImporter(personas.officer)
            start.wait()
            imports.commit(mine, importer)
            outcomes.append("applied")
        except imports.AlreadyCommitted:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["applied", "refused"]
    _applied_once()
