"""County staff land on the cockpit first (``NAV_APPS`` puts this app first); city and
province accounts also get the comparison of their counties."""

from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import compares_counties

GROUP = _("驾驶舱")

ENTRIES = [
    NavEntry(_("县域驾驶舱"), "cockpit", reads_county_data, GROUP),
    NavEntry(_("各县对比"), "comparison_home", compares_counties, GROUP),
]
