from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rixin.accounts"
    verbose_name = _("账户与权限")
    nav_order = 110  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.accounts"
    demo_order = 20  # load_demo runs the steps in this order

    def ready(self) -> None:
        from . import signals  # noqa: F401
