import pytest

from rixin.demo.codes import illustrative_credit_code
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.spreadsheets.models import ImportBatch
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = EnterpriseImporter.header()


def row(name, code=None, county="140725", industry="C22", high_tech="否"):
    return [
        county,
        name,
        code or illustrative_credit_code(name),
        industry,
        high_tech,
        None,
        "",
        "",
        "",
    ]


def post(client, rows, name="enterprises.xlsx"):
    return client.post("/imports/enterprises/", {"file": upload(name, xlsx_bytes([HEADER, *rows]))})


def test_good_file_previews_then_commits_in_one_go(personas, client_for):
    client = client_for(personas.officer)
    response = post(client, [row("甲企业"), row("乙企业")])
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.summary["counts"] == {"create": 2}
    assert not Enterprise.objects.filter(name__in=["甲企业", "乙企业"]).exists()
    client.post(f"/imports/batch/{batch.pk}/confirm/")
    assert Enterprise.objects.filter(name__in=["甲企业", "乙企业"], county_id="140725").count() == 2


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed(personas, client_for):
    client = client_for(personas.officer)
    post(
        client,
        [row("甲企业"), row("乙企业", code="911407251234567890"), row("丙企业", industry="Z99")],
    )
    batch = ImportBatch.objects.get()
    assert batch.status == "rejected"
    assert {(e["row"], e["column"]) for e in batch.errors} == {
        (3, "统一社会信用代码"),
        (4, "行业代码"),
    }
    page = client.get(f"/imports/batch/{batch.pk}/")
    assert "第 3 行" in page.text and "无效" in page.text
    assert client.post(f"/imports/batch/{batch.pk}/confirm/").status_code == 302
    assert not Enterprise.objects.filter(name="甲企业").exists()


def test_same_file_twice_changes_nothing_the_second_time(personas, client_for):
    client = client_for(personas.officer)
    for _ in range(2):
        post(client, [row("甲企业")])
        batch = ImportBatch.objects.latest("pk")
        client.post(f"/imports/batch/{batch.pk}/confirm/")
    assert batch.summary["counts"] == {"unchanged": 1}
    assert Enterprise.objects.filter(name="甲企业").count() == 1


def test_rows_of_another_county_are_refused(personas, client_for):
    post(client_for(personas.officer), [row("甲企业", county="140702")])
    batch = ImportBatch.objects.get()
    assert (
        batch.errors[0]["column"] == "所属县代码" and "不是您所在的县" in batch.errors[0]["message"]
    )


def test_credit_code_registered_in_another_county_is_refused(personas, client_for):
    post(
        client_for(personas.officer),
        [row("榆次示例企业有限公司", code=personas.other_enterprise.credit_code)],
    )
    assert "已登记在其他县" in ImportBatch.objects.get().errors[0]["message"]


def test_duplicate_codes_inside_the_file_are_refused(personas, client_for):
    code = illustrative_credit_code("甲企业")
    post(client_for(personas.officer), [row("甲企业", code=code), row("甲企业二", code=code)])
    assert "重复" in ImportBatch.objects.get().errors[0]["message"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("enterprises.csv", b"a,b", "只接受 .xlsx"),
        ("enterprises.xlsx", b"not a zip", "不是有效的 .xlsx"),
        ("enterprises.xlsx", b"", "空"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(personas, client_for, name, content, message):
    response = client_for(personas.officer).post(
        "/imports/enterprises/", {"file": upload(name, content)}
    )
    assert message in response.text
    assert not ImportBatch.objects.exists()


def test_wrong_header_is_refused_and_named(personas, client_for):
    content = xlsx_bytes([["企业", "代码"], ["甲", "x"]])
    response = client_for(personas.officer).post(
        "/imports/enterprises/", {"file": upload("e.xlsx", content)}
    )
    assert "表头与模板不符" in response.text and "缺少列" in response.text


def test_header_only_file_is_empty(personas, client_for):
    response = client_for(personas.officer).post(
        "/imports/enterprises/", {"file": upload("e.xlsx", xlsx_bytes([HEADER]))}
    )
    assert "没有数据行" in response.text


def test_file_over_ten_megabytes_is_refused(personas, client_for, settings):
    settings.RIXIN_MAX_UPLOAD_BYTES = 1000
    response = post(client_for(personas.officer), [row(f"企业{i}") for i in range(40)])
    assert "文件过大" in response.text


def test_leader_cannot_import(personas, client_for):
    response = post(client_for(personas.leader), [row("甲企业")])
    assert response.status_code == 403 and not ImportBatch.objects.exists()


def test_preview_is_private_to_the_uploader(personas, client_for):
    post(client_for(personas.officer), [row("甲企业")])
    batch = ImportBatch.objects.get()
    assert client_for(personas.county_admin).get(f"/imports/batch/{batch.pk}/").status_code == 404
    assert (
        client_for(personas.county_admin).post(f"/imports/batch/{batch.pk}/confirm/").status_code
        == 404
    )
    assert not Enterprise.objects.filter(name="甲企业").exists()
