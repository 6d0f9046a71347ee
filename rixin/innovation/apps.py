from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "rixin.innovation"
    verbose_name = _("产学研与科技创新")
