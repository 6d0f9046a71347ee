from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import is_county_admin, reads_projects

ENTRIES = [
    NavEntry(_("项目库"), "project_list", reads_projects, _("项目")),
    NavEntry(_("月度填报"), "project_reporting", reads_projects, _("项目")),
    NavEntry(_("项目统计"), "project_statistics", reads_projects, _("项目")),
    NavEntry(_("重点产业"), "project_industries", is_county_admin, _("项目")),
    NavEntry(_("项目库设置"), "project_settings", is_county_admin, _("项目")),
]
