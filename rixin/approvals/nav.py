from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import is_applicant, is_county_officer

GROUP = _("并联审批")

ENTRIES = [
    NavEntry(_("审批看板"), "approval_board", reads_county_data, GROUP),
    NavEntry(_("本部门审批事项"), "approval_queue", is_county_officer, GROUP),
    NavEntry(_("我的审批"), "approval_mine", is_applicant, GROUP),
    NavEntry(_("审批事项目录"), "approval_catalogue", reads_county_data, GROUP),
]
