from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "rixin.funds"
    verbose_name = _("财政扶持资金")
    nav_order = 48  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.funds"
    demo_order = 55  # after the projects and enterprises it allocates to
    project_panel = ("funds/_project_panel.html", "rixin.funds.views.project_panel_context")
    cockpit_card = ("funds/_cockpit_card.html", "rixin.funds.figures.cockpit_card_for")
