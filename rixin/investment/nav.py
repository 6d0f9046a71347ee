from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import sees_leads

GROUP = _("招商引资")

ENTRIES = [
    NavEntry(_("招商指标"), "investment:kpi", reads_county_data, GROUP),
    NavEntry(_("线索看板"), "investment:board", sees_leads, GROUP),
    NavEntry(_("招商活动"), "investment:activity_list", sees_leads, GROUP),
    NavEntry(_("签约活动"), "investment:event_list", reads_county_data, GROUP),
    NavEntry(_("签约协议"), "investment:agreement_list", reads_county_data, GROUP),
    NavEntry(_("招商团队"), "investment:team_list", reads_county_data, GROUP),
]
