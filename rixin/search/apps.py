from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "rixin.search"
    verbose_name = _("搜索")
    # rixin.discovery: no menu entry (the box sits in the navigation bar itself), no demo step.
