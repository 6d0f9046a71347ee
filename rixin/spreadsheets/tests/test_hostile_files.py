"""Hostile files against every importer (enterprises, leads, monthly reports, indicators,
funds allocations and disbursements, patents, the work calendar): each is refused with its
message, nothing is written, nothing crashes. The tally (cases, crashes, partial writes) is
shown at the end of the run (rixin/tests/reliability.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from rixin.audit.models import AuditEvent
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.funds.importers import AllocationImporter, DisbursementImporter
from rixin.funds.models import Allocation, Disbursement
from rixin.indicators.importers import ObservationImporter
from rixin.indicators.models import Observation
from rixin.innovation.importers import PatentImporter
from rixin.innovation.models import Patent
from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport, Problem
from rixin.spreadsheets import imports
from rixin.testing import upload, xlsx_bytes
from rixin.workcalendar.importers import CalendarImporter
from rixin.workcalendar.models import SpecialDay

from . import files
from .conftest import HOSTILE

LONG = "长" * 5001
NUL = "NULMARK"  # replaced by Excel's escape of NUL (_x0000_) in the sheet XML


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Personas, the demo's indicators, one project under construction, a funds programme
    with one allocation and a university, once."""
    from rixin.demo import indicators as demo_indicators
    from rixin.funds.tests import factories as funds
    from rixin.innovation.tests import factories as innovation
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
        funds.allocation(personas.enterprise, amount=500, number=ALLOCATED)
        innovation.university()
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
        Allocation.objects.count(),
        Disbursement.objects.count(),
        Patent.objects.count(),
        SpecialDay.objects.count(),
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


def _header(cls) -> list[str]:
    return [c.header for c in cls.columns]


ALLOCATED = "寿财〔2024〕1号"  # the world's allocation: 500万元 of a 1000万元 programme


def _allocation(world):
    code = world["personas"].enterprise.credit_code
    return _header(AllocationImporter), [
        "固体废物回收资金",
        2024,
        code,
        "",
        "100",
        "寿财〔2024〕99号",
        "",
        "2024-06-01",
    ]


def _disbursement(world):
    return _header(DisbursementImporter), [ALLOCATED, "2024-07-01", "100", "PZ-0001"]


def _patent(world):
    return _header(PatentImporter), [
        "太原理工大学",
        "护面纸",
        "CN112345671A",
        "D21H 27/10",
        "",
        "太原理工大学",
        "",
    ]


def _calendar(world):
    return _header(CalendarImporter), ["2027-01-01", "休", "元旦"]


IMPORTERS = {
    "enterprises": (EnterpriseImporter, "officer", _enterprise),
    "leads": (LeadImporter, "zhaoshang", _lead),
    "reports": (MonthlyReportImporter, "officer", _report),
    "indicators": (ObservationImporter, "tongji", _indicator),
    "allocations": (AllocationImporter, "county_admin", _allocation),
    "disbursements": (DisbursementImporter, "county_admin", _disbursement),
    "patents": (PatentImporter, "county_admin", _patent),
    "calendar": (CalendarImporter, "county_admin", _calendar),
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
    ("allocations", 0, "", "必填"),
    ("allocations", 0, "长" * 121, "超过120个字符"),
    ("allocations", 0, NUL, "控制字符"),
    ("allocations", 0, "不存在的资金", "没有名为"),
    ("allocations", 1, "abc", "不是数字"),
    ("allocations", 1, "2024.5", "不是整数"),
    ("allocations", 1, 2024.5, "不是整数"),
    ("allocations", 1, 1e300, "超出本列可存储的范围"),
    ("allocations", 1, "", "必填"),
    ("allocations", 1, 1900, "没有名为"),
    ("allocations", 2, "1" * 19, "超过18个字符"),
    ("allocations", 2, "91140100MA0K12345X", "没有登记"),
    ("allocations", 2, NUL, "控制字符"),
    ("allocations", 3, "不存在的项目", "本县项目库中没有该项目"),
    ("allocations", 3, "长" * 121, "超过120个字符"),
    ("allocations", 4, "abc", "不是数字"),
    ("allocations", 4, "3.31亿元", "本列单位为万元"),
    ("allocations", 4, 1e13, "超出资金总额"),
    ("allocations", 4, 1e20, "超出本列可存储的范围"),
    ("allocations", 4, 1e300, "超出本列可存储的范围"),
    ("allocations", 4, "1" * 30, "超出本列可存储的范围"),
    ("allocations", 4, "-5", "大于0"),
    ("allocations", 4, "0", "大于0"),
    ("allocations", 4, "", "必填"),
    ("allocations", 4, True, "应为数字"),
    ("allocations", 4, "600", "超出资金总额"),
    ("allocations", 5, "", "必填"),
    ("allocations", 5, "长" * 121, "超过120个字符"),
    ("allocations", 5, NUL, "控制字符"),
    ("allocations", 5, ALLOCATED, "文号已登记且内容不同"),
    ("allocations", 6, "长" * 1001, "超过1000个字符"),
    ("allocations", 7, "明天", "不是日期"),
    ("allocations", 7, 99999999, "不是日期"),
    ("allocations", 7, "2024-13-01", "不是日期"),
    ("disbursements", 0, "", "必填"),
    ("disbursements", 0, "不存在的文号", "本县没有该文号"),
    ("disbursements", 0, NUL, "控制字符"),
    ("disbursements", 0, "长" * 121, "超过120个字符"),
    ("disbursements", 1, "", "必填"),
    ("disbursements", 1, "明天", "不是日期"),
    ("disbursements", 1, 99999999, "不是日期"),
    ("disbursements", 1, "2024-02-30", "不是日期"),
    ("disbursements", 2, "abc", "不是数字"),
    ("disbursements", 2, "3.31亿元", "本列单位为万元"),
    ("disbursements", 2, 1e13, "超过资金安排"),
    ("disbursements", 2, 1e300, "超出本列可存储的范围"),
    ("disbursements", 2, "1" * 30, "超出本列可存储的范围"),
    ("disbursements", 2, "-1", "大于0"),
    ("disbursements", 2, "", "必填"),
    ("disbursements", 2, "600", "超过资金安排"),
    ("disbursements", 3, "", "必填"),
    ("disbursements", 3, "长" * 121, "超过120个字符"),
    ("disbursements", 3, NUL, "控制字符"),
    ("patents", 0, "", "必填"),
    ("patents", 0, "不存在的大学", "高校名录中没有"),
    ("patents", 0, NUL, "控制字符"),
    ("patents", 1, "", "必填"),
    ("patents", 1, "长" * 201, "超过200个字符"),
    ("patents", 1, NUL, "控制字符"),
    ("patents", 2, "", "必填"),
    ("patents", 2, "CN12345A", "格式不正确"),
    ("patents", 2, "ZL202110123456.8", "校验位"),
    ("patents", 2, "专利123", "格式不正确"),
    ("patents", 2, "1" * 121, "超过120个字符"),
    ("patents", 2, 1e300, "超过120个字符"),
    ("patents", 3, "长" * 41, "超过40个字符"),
    ("patents", 4, "长" * 4001, "超过4000个字符"),
    ("patents", 5, "", "必填"),
    ("patents", 5, "长" * 121, "超过120个字符"),
    ("patents", 6, "长" * 201, "超过200个字符"),
    ("patents", 6, "条件BELMARK", "控制字符"),
    ("calendar", 0, "", "必填"),
    ("calendar", 0, "2027-02-30", "不是日期"),
    ("calendar", 0, "明天", "不是日期"),
    ("calendar", 0, 99999999, "不是日期"),
    ("calendar", 0, 1e300, "不是日期"),
    ("calendar", 1, "假", "假"),
    ("calendar", 1, "", "不在可选值中"),
    ("calendar", 1, NUL, "控制字符"),
    ("calendar", 2, "长" * 61, "超过60个字符"),
    ("calendar", 2, NUL, "控制字符"),
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


def _run(world, kind, filename, content, expected, reliability):
    """Preview (and, if it passes, confirm) the file; count crashes and partial writes."""
    cls, persona, _good = IMPORTERS[kind]
    user = getattr(world["personas"], persona)
    before = _rows_of_every_kind()
    HOSTILE["cases"] += 1
    reliability("hostile files", cases=1)
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
        reliability("hostile files", crashes=1)
        raise
    if _rows_of_every_kind() != before:
        HOSTILE["partial_writes"] += 1
        reliability("hostile files", partial_writes=1)
        pytest.fail("a refused file changed rows")
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("kind", "index", "cell", "expected"),
    CELLS,
    ids=[f"{k}-{i}-{str(c)[:12]}" for k, i, c, _e in CELLS],
)
def test_a_hostile_cell_is_refused_and_nothing_is_written(
    world, db, reliability, kind, index, cell, expected
):
    header, row = IMPORTERS[kind][2](world)
    row = list(row)
    row[index] = cell
    content = xlsx_bytes([header, row])
    if isinstance(cell, str):
        content = files.with_raw_text(content, NUL, b"_x0000_")
        content = files.with_raw_text(content, "BELMARK", b"_x0007_")
    _run(world, kind, "hostile.xlsx", content, expected, reliability)


@pytest.mark.parametrize("kind", list(IMPORTERS))
@pytest.mark.parametrize(
    ("name", "build", "expected", "overrides"), FILES, ids=[f[0] for f in FILES]
)
def test_a_hostile_file_is_refused_and_nothing_is_written(
    world, db, settings, reliability, kind, name, build, expected, overrides
):
    for key, value in overrides.items():
        setattr(settings, key, value)
    header, row = IMPORTERS[kind][2](world)
    filename, content = build(header, row)
    _run(world, kind, filename, content, expected, reliability)


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
