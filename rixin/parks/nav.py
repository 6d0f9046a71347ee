from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import reads_parks

ENTRIES = [NavEntry(_("产业园区"), "parks:park_list", reads_parks, _("项目建设"))]
