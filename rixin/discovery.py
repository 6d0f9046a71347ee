"""Rixin's apps, found from ``INSTALLED_APPS`` (the one list): the URL conf, the API root,
the navigation, the demo loader and the project-wide tests ask here instead of keeping
lists of their own.

What an app contributes is found by the module's name (``urls``, ``api``, ``nav``,
``tests.matrix``), as Django's ``autodiscover_modules`` does; where order or a path matters,
the app's ``AppConfig`` declares it:

- ``nav_order`` (int): where the app's ``nav.ENTRIES`` go in the menu (smaller first).
- ``api_prefix`` (str): the path of its router under ``/api/v1/`` (default: the label).
- ``url_prefixes`` (dict): extra URL confs under a prefix, e.g.
  ``{"open311/v2/": "rixin.appeals.open311"}``.
- ``project_panel`` (template, "dotted.path" of a function (project, user) -> context): a
  panel the app adds to the project page (approvals, funds, park capacities).
- ``cockpit_card`` (template, "dotted.path" of a function (county_code, period) -> context,
  ``period`` a ``rixin.cockpit.periods.CockpitPeriod``): a card the app adds to the county
  cockpit (approvals, funds, parks, innovation).
- ``demo_module`` and ``demo_order``: the app's step of ``load_demo`` and its place (later
  steps use what earlier ones created); ``demo_later``: further steps as (order, module).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

# Where an app that declares no ``nav_order`` goes: after the apps that do.
LAST = 1000


def rixin_apps() -> list[AppConfig]:
    """The installed Rixin apps, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if config.name.startswith("rixin.")]


def submodule(config: AppConfig, name: str) -> ModuleType | None:
    """``<app>.<name>`` if the app has such a module, else None. A module that exists but
    fails to import raises: a broken app is never hidden."""
    package = config.module
    for part in name.split(".")[:-1]:
        if not module_has_submodule(package, part):
            return None
        package = import_module(f"{package.__name__}.{part}")
    if not module_has_submodule(package, name.split(".")[-1]):
        return None
    return import_module(f"{config.name}.{name}")


def modules(name: str, *, order: str = "") -> list[tuple[AppConfig, ModuleType]]:
    """(app, module) for every installed Rixin app that has ``<app>.<name>``, sorted by the
    AppConfig attribute ``order`` when given (INSTALLED_APPS order breaks ties)."""
    found = [(config, submodule(config, name)) for config in rixin_apps()]
    found = [(config, module) for config, module in found if module is not None]
    if order:
        found.sort(key=lambda pair: getattr(pair[0], order, LAST))
    return found


def demo_steps() -> list[tuple[str, ModuleType]]:
    """(name, module) of every app's demo steps, in their order. An app declares one step with
    ``demo_module`` and ``demo_order``, and steps that must run later (after another app's
    step) in ``demo_later = [(order, "module")]``."""
    steps: list[tuple[int, str, str]] = []
    for config in rixin_apps():
        if getattr(config, "demo_module", ""):
            if not isinstance(getattr(config, "demo_order", None), int):
                raise ImproperlyConfigured(f"{config.name}: demo_module needs a demo_order")
            steps.append((config.demo_order, config.label, config.demo_module))
        for order, module in getattr(config, "demo_later", ()):
            steps.append((order, module.rsplit(".", 1)[-1], module))
    steps.sort(key=lambda step: step[0])
    return [(name, import_module(module)) for _order, name, module in steps]


def project_panels(project, request) -> list[str]:
    """The panels other apps add to a project's page, rendered for ``request.user``, in
    ``nav_order``."""
    from django.template.loader import render_to_string
    from django.utils.module_loading import import_string

    panels = []
    for config in sorted(rixin_apps(), key=lambda c: getattr(c, "nav_order", LAST)):
        declared = getattr(config, "project_panel", None)
        if declared:
            template, context_function = declared
            context = import_string(context_function)(project, request.user)
            panels.append(render_to_string(template, context, request=request))
    return panels


def cockpit_cards(county_code: str, period, request) -> list[str]:
    """The cards other apps add to a county's cockpit for ``period`` (a ``CockpitPeriod``),
    rendered for ``request.user``, in ``nav_order``. Each template gets its function's
    context as ``card``."""
    from django.template.loader import render_to_string
    from django.utils.module_loading import import_string

    cards = []
    for config in sorted(rixin_apps(), key=lambda c: getattr(c, "nav_order", LAST)):
        declared = getattr(config, "cockpit_card", None)
        if declared:
            template, context_function = declared
            card = import_string(context_function)(county_code, period)
            context = {"card": card, "county_code": county_code, "period": period}
            cards.append(render_to_string(template, context, request=request))
    return cards
