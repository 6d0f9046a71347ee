"""The hostile-files suite's tally, printed at the end of the run."""

HOSTILE = {"cases": 0, "crashes": 0, "partial_writes": 0}


def pytest_terminal_summary(terminalreporter):
    if HOSTILE["cases"]:
        terminalreporter.write_line(
            "hostile files: {cases} cases, {crashes} crashes, {partial_writes} partial writes".format(
                **HOSTILE
            )
        )
