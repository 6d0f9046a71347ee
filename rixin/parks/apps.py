from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "rixin.parks"
    verbose_name = _("园区")
    nav_order = 25  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.parks"
    demo_order = 30  # load_demo runs the steps in this order
    # The capacities the demo projects declare, once the projects exist.
    demo_later = [(42, "rixin.demo.park_capacities")]
    project_panel = (
        "parks/_project_capacity_panel.html",
        "rixin.parks.views.project_panel_context",
    )
    cockpit_card = ("parks/_cockpit_card.html", "rixin.parks.figures.cockpit_card_for")
