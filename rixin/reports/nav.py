from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

ENTRIES = [NavEntry(_("半年报告与月报"), "report_index", reads_county_data, _("报告"))]
