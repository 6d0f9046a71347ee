"""Hostile files against every importer: each is refused with its message, nothing is
written, nothing crashes. The tally is printed at the end of the run (conftest.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from rixin.audit.models import AuditEvent
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.indicators.importers import ObservationImporter
from rixin.indicators.models import Observation
from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport, Problem
from rixin.spreadsheets import imports
from rixin.testing import upload, xlsx_bytes

from . import files
from .conftest import HOSTILE

LONG = "长" * 5001
NUL = "NULMARK"  # replaced by Excel's escape of NUL (_x0000_) in the sheet XML


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Personas, the demo's indicators and one project under construction, once."""
    from rixin.demo import indicators as demo_indicators
    from rixin.projects.tests.factories import project
    from rixin.regions.data import load_divisions
    from rixin.regions.models import Division
    from rixin.testing import build_personas

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        if not Division.objects.filter(code="140725").exists():
            load_divisions(Division)
        personas = build_personas()
        demo_indicators.load()
        item = project(personas.officer, name="敌意文件项目", status="under_construction")
        yield {"personas": personas, "project": item}
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _rows_of_every_kind() -> tuple:
    return (
        Enterprise.objects.count(),
        Lead.objects.count(),
        MonthlyReport.objects.count(),
        Problem.objects.count(),
        Observation.objects.count(),
        AuditEvent.objects.count(),
    )


# Good rows: one per importer, each mutated by a case.
def _enterprise(world):
    return EnterpriseImporter.header(), files.enterprise_row("敌意测试企业")


def _lead(world):
    return LeadImporter.header(), [
        "领导交办",
        "敌意测试公司",
        "",
        "太原",
        "山西",
        "敌意项目",
        "新材料",
        "5000",
        "",
        "",
        "",
        "",
        "",
    ]


def _report(world):
    item = world["project"]
    return MonthlyReportImporter.header(), [
        item.pk,
        item.code,
        item.name,
        item.department.name,
        2024,
        6,
        "",  # 年度计划: filled by the template, read-only
        "",  # 本年累计完成: filled by the template, read-only
        "100",
        "",
        "",
        "",
        "",
    ]


def _indicator(world):
    importer = ObservationImporter(world["personas"].tongji)
    header = [c.header for c in importer.columns]
    row = ["2024-06", "140725", "寿阳县"] + [None] * (len(header) - 3)
    row[3] = "98.03"  # the first indicator's value (GDP, 亿元)
    return header, row


IMPORTERS = {
    "enterprises": (EnterpriseImporter, "officer", _enterprise),
    "leads": (LeadImporter, "zhaoshang", _lead),
    "reports": (MonthlyReportImporter, "officer", _report),
    "indicators": (ObservationImporter, "tongji", _indicator),
}

# (importer, column index, cell, expected words of the message)
CELLS = [
    ("enterprises", 0, "140702", "不是您所在的县"),
    ("enterprises", 0, "1" * 20, "超过12个字符"),
    ("enterprises", 1, "", "必填"),
    ("enterprises", 1, "长" * 121, "超过120个字符"),
    ("enterprises", 1, LONG, "超过5000个字符"),
    ("enterprises", 1, NUL, "控制字符"),
    ("enterprises", 2, "123", "统一社会信用代码"),
    ("enterprises", 2, "91140100MA0K12345X", "校验位"),
    ("enterprises", 2, "A" * 40, "超过30个字符"),
    ("enterprises", 2, "", "统一社会信用代码"),
    ("enterprises", 3, "Z99", "行业"),
    ("enterprises", 3, "C" * 10, "超过5个字符"),
    ("enterprises", 4, "也许", "应填“是”或“否”"),
    ("enterprises", 5, "明天", "不是日期"),
    ("enterprises", 5, 99999999, "不是日期"),
    ("enterprises", 5, "2024-13-01", "不是日期"),
    ("enterprises", 6, "长" * 201, "超过200个字符"),
    ("enterprises", 6, "地址BELMARK", "控制字符"),
    ("enterprises", 7, "长" * 61, "超过60个字符"),
    ("enterprises", 8, "1" * 31, "超过30个字符"),
    ("enterprises", 8, NUL, "控制字符"),
    ("leads", 0, "不存在的来源", "不在可选值中"),
    ("leads", 1, "", "必填"),
    ("leads", 1, "长" * 121, "超过120个字符"),
    ("leads", 1, NUL, "控制字符"),
    ("leads", 2, "1" * 19, "超过18个字符"),
    ("leads", 3, "长" * 41, "超过40个字符"),
    ("leads", 3, "", "必填"),
    ("leads", 4, "长" * 41, "超过40个字符"),
    ("leads", 5, "长" * 121, "超过120个字符"),
    ("leads", 6, "长" * 41, "超过40个字符"),
    ("leads", 7, "abc", "不是数字"),
    ("leads", 7, "3.31亿元", "本列单位为万元"),
    ("leads", 7, "1e13", "不是数字"),
    ("leads", 7, 1e13, "超出本列可存储的范围"),
    ("leads", 7, 1e20, "超出本列可存储的范围"),
    ("leads", 7, 1e300, "超出本列可存储的范围"),
    ("leads", 7, "1" * 30, "超出本列可存储的范围"),
    ("leads", 7, "-5", "大于0"),
    ("leads", 7, "0", "大于0"),
    ("leads", 7, "", "必填"),
    ("leads", 7, "1,2,3", "不是数字"),
    ("leads", 7, True, "应为数字"),
    ("leads", 8, "-1", "不能小于0"),
    ("leads", 8, 1e11, "超出本列可存储的范围"),
    ("leads", 9, "五百", "不是数字"),
    ("leads", 10, "12万平方米", "本列单位为万元"),
    ("leads", 10, 1e12, "超出本列可存储的范围"),
    ("leads", 11, "长" * 121, "超过120个字符"),
    ("leads", 12, "不存在的团队", "团队"),
    ("reports", 0, "abc", "不是整数"),
    ("reports", 0, "1e999999999", "不是整数"),
    ("reports", 0, 99999999, "不在本县项目库中"),
    ("reports", 0, "", "不是整数"),
    ("reports", 4, 1900, "应在2000到2100之间"),
    ("reports", 4, 0, "应在2000到2100之间"),
    ("reports", 4, "二〇二四", "不是整数"),
    ("reports", 5, 13, "月"),
    ("reports", 5, "六", "不是整数"),
    ("reports", 8, "abc", "不是数字"),
    ("reports", 8, "3.31亿元", "本列单位为万元"),
    ("reports", 8, 1e13, "超出本列可存储的范围"),
    ("reports", 8, 1e20, "超出本列可存储的范围"),
    ("reports", 8, 1e300, "超出本列可存储的范围"),
    ("reports", 8, "1" * 30, "超出本列可存储的范围"),
    ("reports", 8, NUL, "控制字符"),
    ("reports", 9, "abc", "不是数字"),
    ("reports", 9, 1e6, "超出本列可存储的范围"),
    ("reports", 9, "50万元", "本列单位为%"),
    ("reports", 10, "长" * 2001, "超过2000个字符"),
    ("reports", 11, LONG, "超过5000个字符"),
    ("reports", 12, "不存在的部门", "不是本县的部门"),
    ("indicators", 0, "2024-13", "统计期"),
    ("indicators", 0, "abc", "不是统计期"),
    ("indicators", 1, "140702", "不是您所在的县"),
    ("indicators", 1, "1" * 20, "超过12个字符"),
    ("indicators", 1, NUL, "控制字符"),
    ("indicators", 3, "abc", "不是数字"),
    ("indicators", 3, "98.03万元", "本列单位为亿元"),
    ("indicators", 3, 1e20, "超出本列可存储的范围"),
    ("indicators", 3, 1e300, "超出本列可存储的范围"),
    ("indicators", 3, "1" * 30, "超出本列可存储的范围"),
    ("indicators", 3, 1e11, "超出本列可存储的范围"),
    ("indicators", 4, "abc", "不是数字"),
    ("indicators", 4, 1e6, "超出本列可存储的范围"),
    ("indicators", 4, "9亿元", "本列单位为%"),
]

# (case name, builder(header, row) → (filename, bytes), expected words, settings)
FILES = [
    (
        "truncated-xml",
        lambda h, r: ("t.xlsx", files.truncate_member(xlsx_bytes([h, r]))),
        "无法读取该文件",
        {},
    ),
    (
        "malformed-xml",
        lambda h, r: ("m.xlsx", files.malform_member(xlsx_bytes([h, r]))),
        "无法读取该文件",
        {},
    ),
    ("truncated-zip", lambda h, r: ("z.xlsx", xlsx_bytes([h, r])[:900]), "无法读取该文件", {}),
    ("not-a-zip", lambda h, r: ("n.xlsx", b"not a spreadsheet"), "不是有效的", {}),
    ("empty-file", lambda h, r: ("e.xlsx", b""), "文件是空的", {}),
    ("csv", lambda h, r: ("e.csv", b"a,b\n1,2"), "只接受", {}),
    ("wrong-header", lambda h, r: ("w.xlsx", xlsx_bytes([["甲", "乙"], r])), "表头与模板不符", {}),
    ("header-only", lambda h, r: ("h.xlsx", xlsx_bytes([h])), "没有数据行", {}),
    (
        "hidden-sheet-only-holds-data",
        lambda h, r: (
            "s.xlsx",
            files.workbook_bytes([("数据", [h, r], "hidden"), ("说明", [["说明"]], "visible")]),
        ),
        "表头与模板不符",
        {},
    ),
    (
        "zip-bomb",
        lambda h, r: ("b.xlsx", files.zip_bomb(2 * 1024 * 1024)),
        "解压后超过",
        {"RIXIN_IMPORT_MAX_UNZIPPED_BYTES": 1024 * 1024},
    ),
    (
        "shared-strings-bomb",
        lambda h, r: ("b.xlsx", files.shared_strings_bomb(200, 10000)),
        "解压后超过",
        {"RIXIN_IMPORT_MAX_UNZIPPED_BYTES": 1024 * 1024},
    ),
    ("many-members", lambda h, r: ("m.xlsx", files.many_members(300)), "内部部件", {}),
    (
        "too-many-rows",
        lambda h, r: ("r.xlsx", xlsx_bytes([h] + [r] * 6)),
        "最多5行",
        {"RIXIN_IMPORT_MAX_ROWS": 5},
    ),
    ("duplicate-rows", lambda h, r: ("d.xlsx", xlsx_bytes([h, r, r])), "重复", {}),
]


def _run(world, kind, filename, content, expected):
    """Preview (and, if it passes, confirm) the file; count crashes and partial writes."""
    cls, persona, _good = IMPORTERS[kind]
    user = getattr(world["personas"], persona)
    before = _rows_of_every_kind()
    HOSTILE["cases"] += 1
    messages = []
    try:
        batch = imports.preview(cls(user), upload(filename, content))
        messages = [e["message"] for e in batch.errors]
        if not batch.errors:
            imports.commit(batch, cls(user))
    except imports.FileRejected as exc:
        messages = exc.messages
    except Exception:
        HOSTILE["crashes"] += 1
        raise
    if _rows_of_every_kind() != before:
        HOSTILE["partial_writes"] += 1
        pytest.fail("a refused file changed rows")
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("kind", "index", "cell", "expected"),
    CELLS,
    ids=[f"{k}-{i}-{str(c)[:12]}" for k, i, c, _e in CELLS],
)
def test_a_hostile_cell_is_refused_and_nothing_is_written(world, db, kind, index, cell, expected):
    header, row = IMPORTERS[kind][2](world)
    row = list(row)
    row[index] = cell
    content = xlsx_bytes([header, row])
    if isinstance(cell, str):
        content = files.with_raw_text(content, NUL, b"_x0000_")
        content = files.with_raw_text(content, "BELMARK", b"_x0007_")
    _run(world, kind, "hostile.xlsx", content, expected)


@pytest.mark.parametrize("kind", list(IMPORTERS))
@pytest.mark.parametrize(
    ("name", "build", "expected", "overrides"), FILES, ids=[f[0] for f in FILES]
)
def test_a_hostile_file_is_refused_and_nothing_is_written(
    world, db, settings, kind, name, build, expected, overrides
):
    for key, value in overrides.items():
        setattr(settings, key, value)
    header, row = IMPORTERS[kind][2](world)
    filename, content = build(header, row)
    _run(world, kind, filename, content, expected)


def test_the_good_rows_themselves_import(world, db):
    """The cases above fail for the cell they change, not for the row they start from."""
    for kind, (cls, persona, good) in IMPORTERS.items():
        header, row = good(world)
        result = cls(getattr(world["personas"], persona)).parse(xlsx_bytes([header, row]))
        assert result.errors == [], (kind, result.errors)


def test_the_suite_ends_with_no_crash_and_no_partial_write():
    assert HOSTILE["crashes"] == 0 and HOSTILE["partial_writes"] == 0
    if HOSTILE["cases"] < 100:
        pytest.skip("only part of the hostile-files suite was selected")
