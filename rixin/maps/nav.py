from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import administers_basemap, reads_maps

ENTRIES = [
    NavEntry(_("项目一张图"), "maps_projects", reads_maps, _("项目")),
    NavEntry(_("地图底图设置"), "maps_basemap", administers_basemap, _("项目")),
]
