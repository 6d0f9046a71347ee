"""make bench's RESULTS.md judges the whole import (preview, then confirm) against openpyxl's
read-only parse, and 100,000 leads against 60 s, from what bench_import.py prints."""

import importlib.util
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results.py"


def _results():
    spec = importlib.util.spec_from_file_location("bench_results", RESULTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _printed(openpyxl: float, preview: float, confirm: float) -> str:
    whole = preview + confirm
    return (
        f"rows: 10000\nopenpyxl read-only parse alone: {openpyxl:.2f} s\n"
        f"preview (parse + plan): {preview:.2f} s\n"
        f"full import (parse + plan + apply): {confirm:.2f} s (the confirm alone)\n"
        f"whole import (preview + confirm): {whole:.2f} s ({whole / openpyxl:.2f} × openpyxl)\n"
    )


def test_the_whole_import_is_judged_against_one_openpyxl_parse(tmp_path):
    (tmp_path / "import-1.txt").write_text(_printed(1.0, 0.5, 1.5))
    (tmp_path / "import-2.txt").write_text(_printed(1.0, 0.4, 0.5))
    (tmp_path / "leads-1.txt").write_text(_printed(2.0, 20.0, 30.0))
    text = "\n".join(_results().import_lines(tmp_path))
    assert (
        "| whole import ÷ openpyxl | 1.45× | 0.90–2.00× | **missed**: 1.45× (goal ≤ 1.0×) |" in text
    )
    assert "| 100,000 leads" in text and "| 50.0 s |" in text and "met" in text


def test_a_failed_run_says_not_measured(tmp_path):
    (tmp_path / "import-1.txt").write_text("Traceback …")
    assert "Not measured" in "\n".join(_results().import_lines(tmp_path))
