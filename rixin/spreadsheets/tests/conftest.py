"""The hostile-files suite's tally in this process, for its closing test; the run's summary
adds up every process's counts (rixin/tests/reliability.py)."""

HOSTILE = {"cases": 0, "crashes": 0, "partial_writes": 0}
