"""Fixed sets of values of the project library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectCategory(models.TextChoices):
    INDUSTRIAL = "industrial", _("产业类")
    INFRASTRUCTURE = "infrastructure", _("基础设施类")
    LIVELIHOOD = "livelihood", _("民生类")


class ProjectLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("省级重点")
    CITY = "city", _("市级重点")
    COUNTY = "county", _("县级重点")
    ORDINARY = "ordinary", _("一般")


class ProjectStatus(models.TextChoices):
    RESERVE = "reserve", _("谋划储备")
    PREPARATION = "preparation", _("前期")
    NEW_START = "new_start", _("新开工")
    UNDER_CONSTRUCTION = "under_construction", _("在建(续建)")
    COMPLETED = "completed", _("竣工")
    OPERATING = "operating", _("投产运营")
    TERMINATED = "terminated", _("终止")


# Statuses that count as "started" (新开工 or later, not 终止) and as "completed".
ProjectStatus.STARTED = frozenset(
    {
        ProjectStatus.NEW_START,
        ProjectStatus.UNDER_CONSTRUCTION,
        ProjectStatus.COMPLETED,
        ProjectStatus.OPERATING,
    }
)
ProjectStatus.FINISHED = frozenset({ProjectStatus.COMPLETED, ProjectStatus.OPERATING})

# The lifecycle: from each status, where a project may go next (终止 from any open status).
NEXT_STATUSES = {
    ProjectStatus.RESERVE: [ProjectStatus.PREPARATION, ProjectStatus.NEW_START],
    ProjectStatus.PREPARATION: [ProjectStatus.NEW_START],
    ProjectStatus.NEW_START: [ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.COMPLETED],
    ProjectStatus.UNDER_CONSTRUCTION: [ProjectStatus.COMPLETED],
    ProjectStatus.COMPLETED: [ProjectStatus.OPERATING],
    ProjectStatus.OPERATING: [],
    ProjectStatus.TERMINATED: [],
}
for _status, _following in NEXT_STATUSES.items():
    if _status not in (ProjectStatus.OPERATING, ProjectStatus.TERMINATED):
        _following.append(ProjectStatus.TERMINATED)

# Each status in the OC4IDS projectStatus codelist.
OC4IDS_STATUS = {
    ProjectStatus.RESERVE: "identification",
    ProjectStatus.PREPARATION: "preparation",
    ProjectStatus.NEW_START: "implementation",
    ProjectStatus.UNDER_CONSTRUCTION: "implementation",
    ProjectStatus.COMPLETED: "completion",
    ProjectStatus.OPERATING: "maintenance",
    ProjectStatus.TERMINATED: "cancelled",
}


class Health(models.TextChoices):
    AHEAD = "ahead", _("超前")
    NORMAL = "normal", _("正常")
    BEHIND = "behind", _("滞后")


HEALTH_COLORS = {Health.AHEAD: "success", Health.NORMAL: "warning", Health.BEHIND: "danger"}


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


class MilestoneType(models.TextChoices):
    APPROVAL = "approval", _("审批")
    FINANCING = "financing", _("融资")
    CONSTRUCTION_START = "construction_start", _("开工")
    COMPLETION = "completion", _("竣工")
    OTHER = "other", _("其他")


# OC4IDS milestoneType codes (an open codelist; 开工 and 竣工 are delivery milestones).
OC4IDS_MILESTONE_TYPE = {
    MilestoneType.APPROVAL: "approval",
    MilestoneType.FINANCING: "financing",
    MilestoneType.CONSTRUCTION_START: "delivery",
    MilestoneType.COMPLETION: "delivery",
    MilestoneType.OTHER: "reporting",
}


class MilestoneStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("计划中")
    MET = "met", _("已完成")
    NOT_MET = "notMet", _("未完成")
    PARTIALLY_MET = "partiallyMet", _("部分完成")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("待解决")
    RESOLVED = "resolved", _("已解决")
