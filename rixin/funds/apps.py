from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "rixin.funds"
    verbose_name = _("财政扶持资金")
