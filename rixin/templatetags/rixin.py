"""Template helpers available in every template (registered as a builtin)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from rixin import money

register = template.Library()


@register.filter
def yi(wan, places=2):
    """万元 → 亿元 text without the unit: {{ project.total_investment|yi }}亿元"""
    return "" if wan == "" else money.yi(wan, int(places))


@register.filter
def num(value, places=2):
    return "" if value == "" else money.plain(value, int(places))


@register.filter
def pct(value, places=1):
    # A missing attribute reaches a filter as "" (string_if_invalid); format_percent shows "—".
    return money.format_percent(value, int(places))


@register.simple_tag
def illustrative(obj):
    """A badge on anything invented for the demo."""
    if getattr(obj, "is_illustrative", False):
        return format_html(
            '<span class="badge text-bg-warning-subtle border border-warning-subtle text-warning-emphasis" '
            'title="{}">{}</span>',
            _("为演示而编造的数据,并非公开发布的事实"),
            _("示例"),
        )
    return ""


@register.inclusion_tag("partials/progress.html")
def progress_bar(value, label="", color=None):
    """A Bootstrap progress bar for a percentage (capped at 100 for the bar, not the label)."""
    number = Decimal(value) if value is not None else None
    width = max(0, min(100, float(number))) if number is not None else 0
    if color is None:
        color = "success" if number is not None and number >= 100 else "primary"
    return {"value": number, "width": f"{width:.1f}", "label": label, "color": color}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def bs(field):
    """Render a form field's widget with Bootstrap's classes."""
    widget = field.field.widget
    kind = widget.__class__.__name__
    if kind in ("CheckboxInput",):
        css = "form-check-input"
    elif kind in ("Select", "SelectMultiple", "NullBooleanSelect"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})
