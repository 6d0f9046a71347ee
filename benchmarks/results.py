"""Turn a bench run's files into benchmarks/RESULTS.md and print the table.

    .venv/bin/python benchmarks/results.py <run folder> [--write benchmarks/RESULTS.md]

The run folder (written by scripts/bench.sh) holds meta.json, pages-<vendor>-<size>.json,
load.json, import-<n>.txt, reports-<n>.txt and matcher.txt.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

RATIO_GOAL, P95_GOAL, GROWTH_GOAL = 1.5, 100.0, 1.3
# Issue 15's goals where they differ from the defaults: page ÷ its honest floor, and p95 ms.
RATIO_GOALS = {"county_cockpit": 2.0, "investment_kpis": 2.0}
P95_GOALS = {"project_library": 50.0, "project_page": 50.0}
IMPORT_RATIO_GOAL, LEADS_SECONDS_GOAL = 1.0, 60.0
REPORT_GOAL, LOAD_GOAL = 5.0, 0.10
CACHED_RATIO_GOAL = 1.2
VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def load(folder: Path, name: str):
    path = folder / name
    return json.loads(path.read_text()) if path.exists() else None


def spread(s: dict) -> str:
    return f"{s['median']:.1f} ({s['p25']:.1f}–{s['p75']:.1f})"


def missed(ok: bool, what: str) -> str:
    return "met" if ok else f"**missed**: {what}"


def page_table(vendor: str, small: dict, full: dict) -> list[str]:
    lines = [
        f"### {VENDORS[vendor]}: {full['rows']['counties']} counties "
        f"(1/10: {small['rows']['counties']}), {full['repeat']} runs each",
        "",
        "| page | server time ms, median (p25–p75) | p95 ms | of which SQL ms | floor ms | "
        "page ÷ floor | growth 1/10 → all | queries 1/10 / all | goals |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, page in full["pages"].items():
        if page.get("missing"):
            lines.append(f"| {page['title']} | not built yet | | | | | | | not measured |")
            continue
        before = small["pages"].get(key, {})
        ratio = growth = None
        if page["floor_ms"]:
            ratio = page["page_ms"]["median"] / page["floor_ms"]["median"]
        if before.get("page_ms"):
            growth = page["page_ms"]["median"] / before["page_ms"]["median"]
        p95 = page["page_ms"]["p95"]
        equal = before.get("queries") == page["queries"]
        ratio_goal = RATIO_GOALS.get(key, RATIO_GOAL)
        p95_goal = P95_GOALS.get(key, P95_GOAL)
        goals = [
            missed(
                ratio is not None and ratio <= ratio_goal,
                f"{ratio:.2f}× its floor (goal ≤ {ratio_goal:g}×)",
            )
            if ratio is not None
            else "no floor yet",
            missed(p95 <= p95_goal, f"p95 {p95:.0f} ms (goal ≤ {p95_goal:g} ms)"),
            missed(
                growth is not None and growth <= GROWTH_GOAL, f"grows {growth:.2f}× (goal ≤ 1.3×)"
            )
            if growth is not None
            else "",
            missed(equal, "query count grows with the data"),
        ]
        lines.append(
            f"| {page['title']} | {spread(page['page_ms'])} | {p95:.1f} | "
            f"{page['sql_ms']['median']:.1f} | "
            f"{spread(page['floor_ms']) if page['floor_ms'] else '—'} | "
            f"{f'{ratio:.2f}×' if ratio else '—'} | {f'{growth:.2f}×' if growth else '—'} | "
            f"{before.get('queries', '—')} / {page['queries']} | "
            f"{'; '.join(g for g in goals if g)} |"
        )
    rows = full["rows"]
    lines += [
        "",
        "Rows at full size: "
        + ", ".join(f"{name.replace('_', ' ')} {count:,}" for name, count in rows.items())
        + ".",
        "",
    ]
    return lines


def cache_lines(folder: Path) -> list[str]:
    """benchmarks/bench_cache.py: the county cockpit from the figure cache and afresh."""
    lines = [
        "### County cockpit: figure cache hit and miss (benchmarks/bench_cache.py)",
        "",
        "| database, cache | miss ms | hit ms | floor ms | miss ÷ floor | hit ÷ floor | "
        "queries miss / hit | goal (hit ≤ 1.2× floor) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for vendor, name in VENDORS.items():
        data = load(folder, f"cache-{vendor}-full.json")
        if not data:
            lines.append(f"| {name} | not measured | | | | | | |")
            continue
        c = data["county_cockpit"]
        floor = c["floor_ms"]["median"]
        miss, hit = c["miss_ms"]["median"] / floor, c["hit_ms"]["median"] / floor
        lines.append(
            f"| {name}, {data['cache']} | {spread(c['miss_ms'])} | {spread(c['hit_ms'])} | "
            f"{spread(c['floor_ms'])} | {miss:.2f}× | {hit:.2f}× | "
            f"{c['queries']['miss']} / {c['queries']['hit']} | "
            f"{missed(hit <= CACHED_RATIO_GOAL, f'{hit:.2f}× (goal ≤ 1.2×)')} |"
        )
    return [*lines, ""]


def _import_runs(folder: Path, pattern: str) -> list[tuple[float, float]]:
    """(openpyxl's read-only parse, the whole import: preview + confirm) of each run."""
    runs = []
    for path in sorted(folder.glob(pattern)):
        text = path.read_text()
        parse = re.search(r"openpyxl read-only parse alone: ([\d.]+) s", text)
        whole = re.search(r"whole import \(preview \+ confirm\): ([\d.]+) s", text)
        if parse and whole:
            runs.append((float(parse.group(1)), float(whole.group(1))))
    return runs


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s"


def import_lines(folder: Path) -> list[str]:
    runs = _import_runs(folder, "import-*.txt")
    if not runs:
        return ["### Excel import", "", "Not measured (benchmarks/bench_import.py failed).", ""]
    parse = statistics.median(r[0] for r in runs)
    whole = statistics.median(r[1] for r in runs)
    ratios = [w / p for p, w in runs]
    ratio = statistics.median(ratios)
    lines = [
        "### Excel import: 10,000 monthly-report rows (SQLite, benchmarks/bench_import.py)",
        "",
        "| figure | median | spread (min–max) | goal |",
        "|---|---|---|---|",
        f"| openpyxl read-only parse alone (the floor) | {parse:.2f} s | "
        f"{_spread([r[0] for r in runs])} | |",
        f"| whole import (preview, then confirm) | {whole:.2f} s | "
        f"{_spread([r[1] for r in runs])} | |",
        f"| whole import ÷ openpyxl | {ratio:.2f}× | {min(ratios):.2f}–{max(ratios):.2f}× | "
        f"{missed(ratio <= IMPORT_RATIO_GOAL, f'{ratio:.2f}× (goal ≤ 1.0×)')} |",
        f"| runs | {len(runs)} | | |",
    ]
    leads = _import_runs(folder, "leads-*.txt")
    if leads:
        whole = statistics.median(r[1] for r in leads)
        lines.append(
            f"| 100,000 leads, preview then confirm (the confirm is what the worker runs) | "
            f"{whole:.1f} s | {_spread([r[1] for r in leads])} | "
            f"{missed(whole <= LEADS_SECONDS_GOAL, f'{whole:.0f} s (goal ≤ 60 s)')} |"
        )
    return [*lines, ""]


def report_lines(folder: Path) -> list[str]:
    """bench_reports.py prints a line per county and format: name, format, median, min–max."""
    rows = []
    for path in sorted(folder.glob("reports-*.txt")):
        rows += re.findall(
            r"^(\S+)\s+(pdf|docx)\s+([\d.]+)\s+([\d.]+)–([\d.]+)", path.read_text(), re.M
        )
    if not rows:
        why = (
            "benchmarks/bench_reports.py does not exist yet"
            if (folder / "reports-missing").exists()
            else "benchmarks/bench_reports.py printed no per-county time"
        )
        return ["### Report generation per county", "", f"Not measured: {why}.", ""]
    lines = [
        "### Report generation per county (benchmarks/bench_reports.py: the demo data, the "
        "half-year report of every county of 晋中市, SQLite)",
        "",
        "| format | median of the counties' medians | slowest county's median | slowest run | goal |",
        "|---|---|---|---|---|",
    ]
    for fmt in ("pdf", "docx"):
        mine = [(float(m), float(hi)) for _c, f, m, _lo, hi in rows if f == fmt]
        if not mine:
            continue
        worst, slowest = max(m for m, _h in mine), max(h for _m, h in mine)
        lines.append(
            f"| {fmt} | {statistics.median(m for m, _h in mine):.2f} s | {worst:.2f} s | "
            f"{slowest:.2f} s | {missed(worst <= REPORT_GOAL, f'{worst:.1f} s (goal ≤ 5 s)')} |"
        )
    return [*lines, ""]


def matcher_lines(folder: Path) -> list[str]:
    """bench_matcher.py prints precision@5 of the matcher, of the class-only baseline and the
    ceiling the labels allow, and the number of labelled pairs."""
    path = folder / "matcher.txt"
    text = path.read_text() if path.exists() else ""
    found = {
        name: re.search(rf"^{pattern} precision@5[^:]*: ([\d.]+)", text, re.M)
        for name, pattern in (
            ("matcher", "matcher"),
            ("baseline", "class-only baseline"),
            ("ceiling", "ceiling"),
        )
    }
    pairs = re.search(r"^labelled pairs: (\d+) \((\d+) patents\)", text, re.M)
    title = "### Patent–enterprise matcher (benchmarks/bench_matcher.py)"
    if not (found["matcher"] and found["baseline"]):
        return [title, "", "Not measured (benchmarks/bench_matcher.py failed).", ""]
    matcher, baseline = (float(found[k].group(1)) for k in ("matcher", "baseline"))
    lines = [
        title,
        "",
        "Precision@5 on the hand-labelled patent–enterprise pairs of rixin/innovation/data/ "
        "(illustrative)"
        + (f": {pairs.group(1)} pairs, {pairs.group(2)} patents." if pairs else "."),
        "",
        "| ranking | precision@5 | goal |",
        "|---|---|---|",
        f"| matcher (IPC ↔ GB/T 4754 class and text similarity) | {matcher:.3f} | "
        f"{missed(matcher > baseline, 'not above the class-only baseline')} |",
        f"| class-only baseline | {baseline:.3f} | |",
    ]
    if found["ceiling"]:
        lines.append(f"| ceiling (the best these labels allow) | {found['ceiling'].group(1)} | |")
    return [*lines, ""]


def load_lines(data: dict | None, cached: bool = False) -> list[str]:
    """The mixed read load beside /healthz: uncached (the pages as timed above), or with the
    figure cache on, as deployed (the same pages asked again hit it)."""
    how = "figure cache on, as deployed" if cached else "figure cache off"
    if not data:
        return [f"### Mixed read load ({how})", "", "Not measured.", ""]
    minimal = [r["rate"] for r in data["runs"]["minimal"]]
    mixed = [r["rate"] for r in data["runs"]["mixed"]]
    errors = sum(r["errors"] for runs in data["runs"].values() for r in runs)
    share = statistics.median(mixed) / statistics.median(minimal)
    return [
        f"### Mixed read load ({how}): wrk, {data['connections']} connections, "
        f"{data['seconds']} s a run, gunicorn {data['workers']} workers on 127.0.0.1, PostgreSQL",
        "",
        "| load | requests/s, median (min–max) | errors |",
        "|---|---|---|",
        f"| minimal Django view (/healthz: one SELECT 1) | {statistics.median(minimal):.1f} "
        f"({min(minimal):.1f}–{max(minimal):.1f}) | "
        f"{sum(r['errors'] for r in data['runs']['minimal'])} |",
        f"| mixed pages ({', '.join(data['mix'])}) | {statistics.median(mixed):.1f} "
        f"({min(mixed):.1f}–{max(mixed):.1f}) | {sum(r['errors'] for r in data['runs']['mixed'])} |",
        "",
        f"Mixed ÷ minimal: {share:.1%}: {missed(share >= LOAD_GOAL, f'{share:.1%} (goal ≥ 10%)')}; "
        f"errors: {missed(errors == 0, f'{errors} errors (goal 0)')}.",
        "",
    ]


def render(folder: Path) -> str:
    meta = load(folder, "meta.json") or {}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (scripts/bench.sh) on {meta.get('date', '?')}. "
        "Every figure is the median over repeated runs with its spread; times are server time "
        "(in-process, no network) unless said otherwise. Timings are never asserted in tests; "
        "query counts are (rixin/tests/test_query_counts_*.py).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in meta.get("machine", {}).items()],
        "",
        "## Data",
        "",
        *meta.get("data", []),
        "",
        "## Pages beside their floors",
        "",
        "The floor of a page is hand-written SQL computing every number the page shows, by "
        "the page's rules, on the same database in the same run (benchmarks/floors.py; "
        "rixin/tests/test_floors_equal_pages.py holds each floor equal to its page), run "
        "right after each request. Goals: page ≤ 1.5× its floor (the cockpit and the KPI "
        "page ≤ 2×), p95 ≤ 100 ms (the library and a project's page ≤ 50 ms), growth from "
        "1/10 of the data to all of it ≤ 1.3×, the same number of queries at both sizes.",
        "",
    ]
    for vendor in VENDORS:
        small = load(folder, f"pages-{vendor}-small.json")
        full = load(folder, f"pages-{vendor}-full.json")
        if small and full:
            lines += page_table(vendor, small, full)
        else:
            lines += [f"### {VENDORS[vendor]}", "", "Not measured in this run.", ""]
    lines += cache_lines(folder)
    lines += ["## Excel import, reports, load", ""]
    lines += import_lines(folder) + report_lines(folder) + load_lines(load(folder, "load.json"))
    lines += load_lines(load(folder, "load-cached.json"), cached=True)
    lines += matcher_lines(folder)
    # Only what this run measured: the history of causes and fixes is docs/performance.md.
    lines += [
        "What was found and fixed in earlier runs, and why a goal may be out of reach, is "
        "kept in docs/performance.md, not here: this file states only this run's figures "
        "(and, below, which verdicts flipped since the run before).",
        "",
    ]
    return "\n".join(lines)


# The goals of a page row, in the order its last column states them.
PAGE_GOALS = ("ratio to its floor", "p95", "growth 1/10 → all", "query count")


def verdicts(text: str) -> dict[tuple[str, str, str], str]:
    """(table, row, goal) → "met" or the missed text, read back from a RESULTS.md: each page
    row's four goals, the whole import's and each mixed load's."""
    found: dict[tuple[str, str, str], str] = {}
    table = ""
    for line in text.splitlines():
        if line.startswith("### "):
            table = line[4:].split(":")[0].strip()
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and table in VENDORS.values() and len(cells) == 9:
            goals = cells[-1].split("; ")
            if len(goals) == len(PAGE_GOALS):
                for goal, verdict in zip(PAGE_GOALS, goals, strict=True):
                    found[(table, cells[0], goal)] = verdict
        elif line.startswith("| whole import ÷ openpyxl"):
            found[("Excel import", "whole import ÷ openpyxl", "ratio")] = cells[-1]
        elif line.startswith("Mixed ÷ minimal"):
            share = line.split("; errors")[0]
            found[(table, "mixed ÷ minimal", "share")] = (
                share.split("**missed**: ", 1)[1] if "**missed**" in share else "met"
            )
    return found


def _written(text: str) -> str:
    match = re.search(r"on (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", text)
    return match.group(1) + " UTC" if match else "an earlier run"


def changes_since(previous: str, current: str) -> list[str]:
    """The verdicts that flipped from the previous RESULTS.md to this run: a goal met in one
    and missed in the other is said so, not claimed."""
    before, now = verdicts(previous), verdicts(current)
    flipped = [
        (key, before[key], now[key])
        for key in now
        if key in before and (before[key] == "met") != (now[key] == "met")
    ]
    lines = ["## Verdicts beside the previous run", ""]
    if not before:
        return [*lines, "No earlier RESULTS.md to compare with.", ""]
    if not flipped:
        return [*lines, f"No verdict flipped since the run of {_written(previous)}.", ""]
    lines += [
        f"These verdicts flipped since the run of {_written(previous)}: the goal is neither "
        "met nor missed for sure on this machine.",
        "",
        "| table | row | goal | previous run | this run |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {table} | {row} | {goal} | {old} | {new} |" for (table, row, goal), old, new in flipped
    ]
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--write", type=Path)
    parser.add_argument(
        "--previous", type=Path, help="the RESULTS.md of the run before, to say what flipped"
    )
    args = parser.parse_args()
    text = render(args.folder)
    if args.previous:
        previous = args.previous.read_text() if args.previous.exists() else ""
        text = text.rstrip("\n") + "\n\n" + "\n".join(changes_since(previous, text))
    print(text)
    if args.write:
        args.write.write_text(text)


if __name__ == "__main__":
    main()
