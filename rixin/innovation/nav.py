from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import reads_innovation

GROUP = _("资金与创新")

ENTRIES = [
    NavEntry(_("科技创新"), "innovation:overview", reads_innovation, GROUP),
    NavEntry(_("专利转化"), "innovation:patent_list", reads_innovation, GROUP),
    NavEntry(_("专利推送"), "innovation:push_list", reads_innovation, GROUP),
]
