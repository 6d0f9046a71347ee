from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "rixin.innovation"
    verbose_name = _("产学研与科技创新")
    nav_order = 49  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.innovation"
    demo_order = 57  # after funds, whose enterprises it reuses
    cockpit_card = ("innovation/_cockpit_card.html", "rixin.innovation.figures.cockpit_card_for")
