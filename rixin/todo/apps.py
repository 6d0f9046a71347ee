from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TodoConfig(AppConfig):
    name = "rixin.todo"
    verbose_name = _("我的待办")
    nav_order = 5  # rixin.discovery: first in the menu, before the cockpit
