from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "rixin.approvals"
    verbose_name = _("并联审批")
    # Read by the discovery of URLs, API routers, navigation and demo steps.
    nav_order = 45
    demo_module = "rixin.demo.approvals"
    demo_order = 45  # after the projects it opens cases for
    project_panel = ("approvals/_project_panel.html", "rixin.approvals.views.case_panel_context")
    cockpit_card = ("approvals/_cockpit_card.html", "rixin.approvals.figures.cockpit_card_for")
