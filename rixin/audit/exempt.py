"""The writes that are not actions, in one place, each with its reason.

Every write is an action in an app's ``actions.py`` and leaves an audit record
(rixin/tests/test_writes_are_actions.py scans the other modules for ORM writes and fails on
one not listed here). A location is ``<file>:<function>`` (``Class.method`` for a method,
``<module>`` for top-level code). An entry that no longer matches a write fails the test too,
so the list stays true.
"""

EXEMPT_WRITES: dict[str, str] = {
    "rixin/accounts/access.py:system_actor": (
        "accounts.User: the system actor's own account, created on first use; there is no "
        "actor before it, so its creation is recorded as done by itself"
    ),
    # The one token lookup of /api/v1/ and Open311 (rixin.accounts.tokens).
    "rixin/accounts/tokens.py:user_for_api_token": (
        "accounts.ApiToken.last_used: a usage time stamp of the token, not a change of content"
    ),
    "rixin/audit/management/commands/purge_audit.py:Command.handle": (
        "audit.AuditEvent: the one path that removes audit rows (older than the legal "
        "minimum, let through by the database trigger); it records the purge itself"
    ),
    "rixin/regions/data/__init__.py:load_divisions": (
        "regions.Division: GB/T 2260 reference data shipped with Rixin (loaded by a migration)"
    ),
    "rixin/indicators/catalogue.py:ensure_standard_catalogue": (
        "indicators.Indicator: the standard catalogue, reference data shipped with Rixin "
        "(loaded by a migration and by the demo)"
    ),
    "rixin/spreadsheets/imports.py:preview": (
        "spreadsheets.ImportBatch: the uploaded file and its preview, working state of an "
        "import; what the import changes is audited when it is confirmed"
    ),
    "rixin/spreadsheets/imports.py:commit": (
        "spreadsheets.ImportBatch: the batch's status and counters; the import itself is "
        "recorded as one 'import' event and the rows through the actions"
    ),
    "rixin/spreadsheets/imports.py:_claim": (
        "spreadsheets.ImportBatch: the conditional UPDATE that claims a batch for one confirm, "
        "so a double-clicked confirm applies a file once; the import itself is audited"
    ),
    "rixin/workcalendar/calendar.py:rebuild": (
        "workcalendar.WorkDay: the working-day index derived from the audited holiday rows, "
        "rebuilt by the calendar actions in their own transaction"
    ),
    "rixin/figurecache/__init__.py:raise_versions": (
        "figurecache.FigureVersion: the data version of the cached figures, raised after the "
        "commit of an audited write (rixin.audit.actions); a counter, not a change of content"
    ),
    "rixin/demo/scale.py:ensure_divisions": (
        "regions.Division: the synthetic province of the scale generator (make bench and the "
        "query-count tests), never a real installation"
    ),
    "rixin/demo/scale.py:County.create": (
        "synthetic rows of the scale generator (millions, with the models' own INSERT), "
        "for make bench and the query-count tests; never a real installation"
    ),
    "rixin/demo/scale.py:_departments": (
        "directory.Department: synthetic departments of the scale generator, as above"
    ),
}
