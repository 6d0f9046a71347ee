from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "rixin.notices"
    verbose_name = _("消息通知")
    nav_order = 120  # rixin.discovery: place of nav.ENTRIES in the menu
