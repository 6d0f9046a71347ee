"""make bench's RESULTS.md says which verdicts flipped since the run before it, rather than
claiming a goal met (or missed) that one run alone cannot settle."""

import importlib.util
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results.py"


def _results():
    spec = importlib.util.spec_from_file_location("bench_results", RESULTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(written: str, scorecard_goals: str, mixed: str) -> str:
    return "\n".join(
        [
            f"Written by `make bench` (scripts/bench.sh) on {written} UTC.",
            "### PostgreSQL: 117 counties (1/10: 12), 20 runs each",
            "| page | a | b | c | d | e | f | g | goals |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| 部门考评 department scorecard | 50 | 54 | 34 | 32 | 1.54× | 0.75× | 13 / 13 | "
            f"{scorecard_goals} |",
            "| 项目页 project page | 39 | 52 | 9 | 3 | 12.70× | 0.60× | 19 / 19 | "
            "**missed**: 12.70× its floor (goal ≤ 1.5×); met; met; met |",
            "### Mixed read load (figure cache on): wrk, 8 connections",
            f"Mixed ÷ minimal: 3.7%: {mixed}; errors: met.",
        ]
    )


def test_a_flipped_verdict_is_named_with_both_runs():
    results = _results()
    before = _run(
        "2026-12-01 17:49",
        "**missed**: 1.54× its floor (goal ≤ 1.5×); met; met; met",
        "**missed**: 3.7% (goal ≥ 10%)",
    )
    after = _run(
        "2026-12-01 18:03",
        "met; met; **missed**: grows 1.39× (goal ≤ 1.3×); met",
        "**missed**: 3.5% (goal ≥ 10%)",
    )
    text = "\n".join(results.changes_since(before, after))
    assert "since the run of 2026-12-01 17:49 UTC" in text
    assert (
        "| PostgreSQL | 部门考评 department scorecard | ratio to its floor | "
        "**missed**: 1.54× its floor (goal ≤ 1.5×) | met |" in text
    )
    assert "| growth 1/10 → all | met | **missed**: grows 1.39× (goal ≤ 1.3×) |" in text
    # Missed in both runs (by other amounts) is no flip; the unchanged page is not listed.
    assert "mixed" not in text and "项目页" not in text


def test_without_a_flip_or_an_earlier_run_it_says_so():
    results = _results()
    run = _run("2026-12-01 18:03", "met; met; met; met", "met")
    assert "No verdict flipped since the run of 2026-12-01 18:03 UTC." in "\n".join(
        results.changes_since(run, run)
    )
    assert "No earlier RESULTS.md" in "\n".join(results.changes_since("", run))
