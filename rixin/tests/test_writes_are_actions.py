"""Every write is an action: no module other than an app's ``actions.py`` writes through the
ORM, except the writes listed with their reason in rixin/audit/exempt.py."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from rixin import discovery
from rixin.audit.exempt import EXEMPT_WRITES

# Always a write, whatever the arguments.
WRITES = {"get_or_create", "update_or_create", "bulk_create", "bulk_update", "_raw_delete"}
# A write when called without positional arguments: ``qs.update(x=1)``, ``obj.save()``,
# ``Model.objects.create(**fields)``, ``obj.delete()``. With a positional argument these names
# are something else: ``dict.update(other)``, ``workbook.save(buffer)``, ``storage.delete(name)``.
WRITES_WITHOUT_POSITIONAL = {"save", "update", "create", "delete"}
SQL_WRITES = ("INSERT", "UPDATE", "DELETE")


def _is_write(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    name = call.func.attr
    if name in WRITES or (name in WRITES_WITHOUT_POSITIONAL and not call.args):
        return True
    first = call.args[0] if call.args else None
    return (
        name in ("execute", "executemany")
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
        and first.value.lstrip().upper().startswith(SQL_WRITES)
    )


def writes_in(source: str) -> list[tuple[int, str, str]]:
    """(line, enclosing function, call) of every ORM write in ``source``."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, scope: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(child, [*scope, child.name])
                continue
            if isinstance(child, ast.Call) and _is_write(child):
                found.append((child.lineno, ".".join(scope) or "<module>", ast.unparse(child)))
            visit(child, scope)

    visit(ast.parse(source), [])
    return found


def _is_action_module(path: Path) -> bool:
    return path.name == "actions.py" or "actions" in path.parent.parts


def scanned_files() -> list[Path]:
    """Every module of every installed Rixin app and the project's own modules, but the
    actions, the migrations and the tests."""
    base = Path(settings.BASE_DIR)
    package = base / "rixin"
    files = set(package.glob("*.py")) | set((package / "templatetags").glob("*.py"))
    for config in discovery.rixin_apps():
        files |= set(Path(config.path).rglob("*.py"))
    return sorted(
        path
        for path in files
        if not _is_action_module(path)
        and not {"migrations", "tests"} & set(path.relative_to(base).parts)
    )


def writes_outside_actions() -> dict[str, list[str]]:
    base = Path(settings.BASE_DIR)
    found: dict[str, list[str]] = {}
    for path in scanned_files():
        for line, scope, call in writes_in(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(base).as_posix()}:{scope}"
            found.setdefault(where, []).append(f"line {line}: {call[:100]}")
    return found


def test_no_module_but_the_actions_writes_to_the_database():
    unlisted = {
        where: calls
        for where, calls in writes_outside_actions().items()
        if where not in EXEMPT_WRITES
    }
    assert not unlisted, (
        "ORM writes outside actions.py (move them into an action, or list the model in "
        f"rixin/audit/exempt.py with the reason): {unlisted}"
    )


def test_every_exemption_still_names_a_write():
    stale = sorted(set(EXEMPT_WRITES) - set(writes_outside_actions()))
    assert not stale, f"rixin/audit/exempt.py lists places that no longer write: {stale}"


def test_every_exemption_gives_its_reason():
    assert all(reason.strip() for reason in EXEMPT_WRITES.values())


def test_the_scan_covers_views_apis_forms_nav_importers_commands_and_the_demo():
    names = {path.relative_to(settings.BASE_DIR).as_posix() for path in scanned_files()}
    for expected in (
        "rixin/projects/views.py",
        "rixin/projects/api.py",
        "rixin/projects/forms.py",
        "rixin/projects/models.py",
        "rixin/projects/nav.py",
        "rixin/views.py",
        "rixin/templatetags/rixin.py",
        "rixin/accounts/management/commands/create_account.py",
        "rixin/demo/projects.py",
    ):
        assert expected in names
    assert "rixin/projects/actions.py" not in names
    assert not any("/tests/" in name or "/migrations/" in name for name in names)


VIEW_THAT_WRITES = """
def project_rename(request, pk):
    project = get_visible_or_404(Project, request.user, pk=pk)
    project.name = request.POST["name"]
    project.save()
    Project.objects.filter(pk=pk).update(version=F("version") + 1)
    MonthlyReport.objects.create(project=project, year=2024, month=6)
    Tag.objects.get_or_create(name="x")
    Photo.objects.bulk_create([])
    project.reports.all().delete()
    connection.cursor().execute("DELETE FROM projects_project")
    return redirect("project_detail", pk=pk)
"""

VIEW_THAT_DOES_NOT = """
def project_export(request):
    context = {}
    context.update({"a": 1})
    workbook.save(buffer)
    storage.delete("old.xlsx")
    cursor.execute("SELECT 1")
    actions.update_project(project, changes, acting_user=request.user)
    return render(request, "page.html", context)
"""


def test_the_scan_finds_each_kind_of_write_in_a_view():
    found = writes_in(VIEW_THAT_WRITES)
    assert [line for line, _, _ in found] == [5, 6, 7, 8, 9, 10, 11]
    assert {scope for _, scope, _ in found} == {"project_rename"}


def test_the_scan_leaves_dicts_workbooks_files_and_action_calls_alone():
    assert writes_in(VIEW_THAT_DOES_NOT) == []


def test_a_method_is_named_with_its_class():
    source = "class Command:\n    def handle(self):\n        Thing.objects.update(x=1)\n"
    assert writes_in(source) == [(3, "Command.handle", "Thing.objects.update(x=1)")]
