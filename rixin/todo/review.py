"""批量通过 / 退回 from the 发改局's to-do list: each ticked report goes through the projects
app's own review action (``approve_report`` / ``return_report``), one at a time, each in its
own savepoint, so a report corrected since the list was drawn (StaleEdit) or one no longer
waiting is refused by name while the others are reviewed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.accounts.access import require_actor
from rixin.projects import actions as project_actions
from rixin.projects.models import MonthlyReport

APPROVE = "approve"
RETURN = "return"


@dataclass
class Outcome:
    approved: int = 0
    returned: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (report, why)

    def summary(self) -> str:
        return _("已通过%(a)s份,退回%(r)s份") % {"a": self.approved, "r": self.returned}


def review_reports(
    versions: dict[int, int], *, decision: str, reason: str = "", acting_user
) -> Outcome:
    """Review the reports ``versions`` names (pk → the version the reviewer saw)."""
    require_actor(acting_user)
    outcome = Outcome()
    reports = (
        MonthlyReport.objects.visible_to(acting_user)
        .filter(pk__in=list(versions))
        .select_related("project")
        .order_by("project__name", "year", "month")
    )
    found = set()
    for report in reports:
        found.add(report.pk)
        name = f"{report.project.name} {report.period}"
        try:
            with transaction.atomic():
                if decision == APPROVE:
                    project_actions.approve_report(
                        report, acting_user=acting_user, expected_version=versions[report.pk]
                    )
                    outcome.approved += 1
                else:
                    project_actions.return_report(
                        report,
                        acting_user=acting_user,
                        reason=reason,
                        expected_version=versions[report.pk],
                    )
                    outcome.returned += 1
        except (ValidationError, PermissionDenied) as exc:
            why = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            outcome.refused.append((name, why))
    for _pk in set(versions) - found:
        outcome.refused.append((_("未找到的报告"), _("该报告不存在或您无权查看。")))
    return outcome
