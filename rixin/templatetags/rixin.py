"""Template helpers available in every template (registered as a builtin)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rixin import money

register = template.Library()


@register.filter
def yi(wan, places=2):
    """万元 → 亿元 text without the unit, with thousands separators:
    {{ project.total_investment|yi }}亿元"""
    return "" if wan == "" else money.yi(wan, int(places), grouped=True)


@register.filter
def num(value, places=2):
    """A number for people, with thousands separators: 766400 → "766,400"."""
    return "" if value == "" else money.plain(value, int(places), grouped=True)


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.filter
def amount_number(wan, places=2):
    """The number of ``amount`` alone, for a large figure with its unit set apart:
    {{ x|amount_number }} <small>{{ x|amount_unit }}</small>."""
    return money.amount(None if wan == "" else wan, _english(), int(places)).rsplit(" ", 2)[0]


@register.filter
def amount_unit(_wan=None):
    """The unit ``amount`` uses for the reader: 亿元, or billion yuan in English."""
    return "billion yuan" if _english() else "亿元"


@register.filter
def in_unit(value, unit):
    """A figure already in its published unit, with the unit: "98.03 亿元"; in the English
    interface 亿元 figures read in billions: "9.803 billion yuan"."""
    if value is None or value == "":
        return money.MISSING
    if unit == "亿元":
        return money.amount(money.yi_to_wan(value), _english())
    return f"{money.plain(value, grouped=True)} {unit}"


@register.filter
def published_pct(value, places=1):
    """A rate with the decimals it was published with: 9 with 1 → "9.0%"."""
    return money.format_percent(value, int(places), fixed=True)


@register.filter
def amount(wan, places=2):
    """万元 → "76.64 亿元"; in the English interface "7.664 billion yuan"."""
    return money.amount(None if wan == "" else wan, _english(), int(places))


@register.filter
def pct(value, places=1):
    # A missing attribute reaches a filter as "" (string_if_invalid); format_percent shows "—".
    return money.format_percent(value, int(places))


# The badge in each language it was drawn in: a list of generated rows shows it on every row.
_ILLUSTRATIVE_BADGES: dict[str | None, str] = {}


@register.simple_tag
def illustrative(obj):
    """A badge on anything invented for the demo."""
    if not getattr(obj, "is_illustrative", False):
        return ""
    language = get_language()
    badge = _ILLUSTRATIVE_BADGES.get(language)
    if badge is None:
        badge = _ILLUSTRATIVE_BADGES[language] = format_html(
            '<span class="badge text-bg-warning-subtle border border-warning-subtle text-warning-emphasis" '
            'title="{}">{}</span>',
            _("为演示而编造的数据,并非公开发布的事实"),
            _("示例"),
        )
    return badge


PROGRESS_BAR = (
    '<div class="d-flex align-items-center gap-2" title="{label}">'
    '<div class="progress flex-grow-1" role="progressbar" aria-label="{label}" '
    'aria-valuenow="{width}" aria-valuemin="0" aria-valuemax="100" '
    'style="height: .8rem; min-width: 5rem;">'
    '<div class="progress-bar bg-{color}" style="width: {width}%"></div></div>'
    '<small class="text-nowrap">{text}</small></div>'
)


@register.simple_tag
def progress_bar(value, label="", color=None):
    """A Bootstrap progress bar for a percentage (capped at 100 for the bar, not the label).
    Built with format_html: the library shows one per row, and a template per bar cost a
    fifth of the page."""
    number = Decimal(value) if value not in (None, "") else None
    width = max(0, min(100, float(number))) if number is not None else 0
    if color is None:
        color = "success" if number is not None and number >= 100 else "primary"
    text = "—" if number is None else f"{money.plain(number, 1, grouped=True)}%"
    return format_html(PROGRESS_BAR, label=label, width=f"{width:.1f}", color=color, text=text)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def bs(field):
    """Render a form field's widget with Bootstrap's classes."""
    widget = field.field.widget
    kind = widget.__class__.__name__
    if kind in ("CheckboxInput", "CheckboxSelectMultiple", "RadioSelect"):
        # A list of boxes or buttons: each one a check input, never a text field's box.
        css = "form-check-input"
    elif kind in ("Select", "SelectMultiple", "NullBooleanSelect"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})
