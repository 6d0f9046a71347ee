from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import is_coordinator, is_officer, reads_appeals

GROUP = _("营商环境")

ENTRIES = [
    NavEntry(_("诉求与投诉"), "appeal_list", reads_appeals, GROUP),
    NavEntry(_("待办诉求"), "appeal_inbox", is_officer, GROUP),
    NavEntry(_("以月答卷"), "paper_list", reads_county_data, GROUP),
    NavEntry(_("部门评分"), "scorecards", reads_county_data, GROUP),
    NavEntry(_("诉求类别"), "category_list", reads_county_data, GROUP),
    NavEntry(_("办理规则"), "appeal_policy", is_coordinator, GROUP),
]
