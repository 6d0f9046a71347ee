from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rixin.accounts"
    verbose_name = _("账户与权限")

    def ready(self) -> None:
        from . import signals  # noqa: F401
