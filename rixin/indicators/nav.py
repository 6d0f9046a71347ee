from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import reads_county_data
from rixin.navigation import NavEntry

from .access import enters_indicators

ENTRIES = [
    NavEntry(_("指标看板"), "indicator_home", reads_county_data, _("经济运行")),
    NavEntry(_("全市排位"), "indicator_matrix", reads_county_data, _("经济运行")),
    NavEntry(_("指标目录"), "indicator_catalogue", reads_county_data, _("经济运行")),
    NavEntry(_("数据填报"), "indicator_entry", enters_indicators, _("经济运行")),
    NavEntry(_("年度目标"), "indicator_targets", enters_indicators, _("经济运行")),
]
