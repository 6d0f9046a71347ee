"""make bench's RESULTS.md carries the matcher's precision@5 beside the class-only baseline."""

import importlib.util
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[3] / "benchmarks" / "results.py"
OUTPUT = """labelled pairs: 120 (12 patents)
matcher precision@5: 0.267
class-only baseline precision@5: 0.167
ceiling precision@5 (these labels): 0.283
"""


def _results():
    spec = importlib.util.spec_from_file_location("bench_results", RESULTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_results_show_the_matcher_beside_its_baseline(tmp_path):
    (tmp_path / "matcher.txt").write_text(OUTPUT)
    text = _results().render(tmp_path)
    assert "| matcher (IPC ↔ GB/T 4754 class and text similarity) | 0.267 | met |" in text
    assert "| class-only baseline | 0.167 | |" in text
    assert "120 pairs, 12 patents" in text


def test_a_failed_matcher_run_is_said(tmp_path):
    (tmp_path / "matcher.txt").write_text("Traceback …")
    assert "Not measured (benchmarks/bench_matcher.py failed)." in _results().render(tmp_path)
