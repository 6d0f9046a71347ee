"""An app is added in one place, INSTALLED_APPS: its URLs, API router, menu entries, demo
step and authorization matrix are found from there (rixin.discovery)."""

from django.urls import reverse

from rixin import discovery
from rixin.api import api
from rixin.navigation import _entries


def _labels(pairs):
    return [config.label for config, _ in pairs]


def test_the_installed_rixin_apps_are_the_ones_in_settings(settings):
    wanted = [name for name in settings.INSTALLED_APPS if name.startswith("rixin.")]
    assert [config.name for config in discovery.rixin_apps()] == wanted


def test_every_app_with_a_urls_module_is_routed():
    from rixin.urls import urlpatterns

    included = [getattr(p, "urlconf_name", None) for p in urlpatterns]
    for config, module in discovery.modules("urls"):
        assert any(urlconf is module for urlconf in included), config.label


def test_open311_is_mounted_from_the_appeals_app_config():
    assert reverse("open311_services").startswith("/open311/v2/")


def test_every_app_with_an_api_module_has_its_router_under_its_label():
    prefixes = {prefix.strip("/") for prefix, _ in api._routers}
    assert {config.label for config, _ in discovery.modules("api")} <= prefixes


def test_the_menu_keeps_its_order_declared_on_the_app_configs():
    assert _labels(discovery.modules("nav", order="nav_order")) == [
        "todo",
        "cockpit",
        "projects",
        "maps",
        "parks",
        "investment",
        "indicators",
        "approvals",
        "funds",
        "innovation",
        "appeals",
        "reports",
        "directory",
        "audit",
        "workcalendar",
        "regions",
        "accounts",
        "notices",
    ]
    assert len(_entries()) == sum(len(m.ENTRIES) for _, m in discovery.modules("nav"))


def test_demo_steps_run_in_their_declared_order_and_every_step_exists():
    assert [label for label, _ in discovery.demo_steps()] == [
        "directory",
        "accounts",
        "parks",
        "projects",
        "park_capacities",
        "approvals",
        "investment",
        "funds",
        "innovation",
        "indicators",
        "appeals",
        "reports",
        "demo",
    ]
    assert all(callable(module.load) for _, module in discovery.demo_steps())


def test_an_app_without_a_module_contributes_nothing_and_hides_no_error():
    demo = next(c for c in discovery.rixin_apps() if c.label == "demo")
    assert discovery.submodule(demo, "urls") is None
    assert discovery.submodule(demo, "tests.matrix") is None
