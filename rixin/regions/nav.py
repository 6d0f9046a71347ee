from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import records_division_changes

ENTRIES = [NavEntry(_("区划变更"), "regions:change_list", records_division_changes, _("系统管理"))]
