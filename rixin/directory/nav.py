from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

ENTRIES = [
    NavEntry(_("企业名录"), "enterprise_list", reads_county_data, _("名录")),
    NavEntry(_("部门"), "department_list", reads_county_data, _("名录")),
    NavEntry(_("高校"), "university_list", reads_county_data, _("名录")),
]
