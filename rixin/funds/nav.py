from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import reads_funds

GROUP = _("资金与创新")

ENTRIES = [NavEntry(_("财政扶持资金"), "funds:programme_list", reads_funds, GROUP)]
