from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import is_county_admin

ENTRIES = [
    NavEntry(_("各期报告"), "report_index", reads_county_data, _("报告")),
    NavEntry(_("公文格式设置"), "report_frame_settings", is_county_admin, _("报告")),
    NavEntry(_("月报定期发送"), "report_schedule", is_county_admin, _("报告")),
]
