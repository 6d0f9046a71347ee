"""The reliability suites' counts (cases, crashes, lost updates, partial writes), shown at the
end of every run, with or without pytest-xdist.

A test adds its counts with the ``reliability`` fixture (conftest.py), which stores them as
a ``record_property`` of the test: the property travels with the test's report from an xdist
worker to the controller, where ``pytest_terminal_summary`` adds up every suite's counts."""

from __future__ import annotations

from collections import Counter

PREFIX = "reliability:"
# The counts every suite reports, in this order, even when zero; a suite may add its own.
COUNTS = ("cases", "crashes", "lost_updates", "partial_writes")


def tally(reports) -> dict[str, Counter]:
    """Every suite's counts from the tests' final (teardown) reports."""
    suites: dict[str, Counter] = {}
    for report in reports:
        if getattr(report, "when", None) != "teardown":
            continue
        for name, value in getattr(report, "user_properties", ()):
            if isinstance(name, str) and name.startswith(PREFIX):
                suites.setdefault(name[len(PREFIX) :], Counter()).update(value)
    return suites


def summary_lines(reports) -> list[str]:
    lines = []
    for suite, counts in sorted(tally(reports).items()):
        names = list(COUNTS) + sorted(set(counts) - set(COUNTS))
        text = ", ".join(f"{counts[name]} {name.replace('_', ' ')}" for name in names)
        lines.append(f"{suite}: {text}")
    return lines
