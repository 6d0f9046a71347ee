"""A select is written out without Django's option templates, in exactly their markup."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from rixin.directory.models import Department
from rixin.forms import SELECT, FilterRenderer, Renderer

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "---------"),
    ("a", "普通 <b>&\"'"),
    (2024, 2024),
    ("lazy", gettext_lazy("类别")),
    ("组", [("x", "一"), ("y", "二")]),
    ((1, 2), "tuple"),
]


class Everything(forms.Form):
    single = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(
        choices=CHOICES, widget=forms.Select(attrs={"data-x": "<q>", "disabled": True})
    )
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    yes_no = forms.NullBooleanField()
    hidden_flag = forms.ChoiceField(
        choices=CHOICES, widget=forms.Select(attrs={"off": False, "none": None})
    )
    safe = forms.ChoiceField(choices=[(mark_safe("<i>"), mark_safe("<i>安全</i>"))])
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False)


def _both(renderer, field):
    widget = field.field.widget
    context = widget.get_context(field.html_name, field.value(), widget.attrs)
    fast = renderer.render(SELECT, context)  # relabels the blank choice, then writes it out
    slow = DjangoTemplates.render(renderer, SELECT, context)
    return fast, slow


@pytest.mark.parametrize("renderer", [Renderer(), FilterRenderer()])
@pytest.mark.parametrize(
    "data", [{}, {"single": "a", "grouped": "x", "several": ["a", "y"], "yes_no": "true"}]
)
def test_every_select_reads_as_django_s_templates_write_it(renderer, data, personas):
    form = Everything(data or None, renderer=renderer)
    for field in form:
        fast, slow = _both(renderer, field)
        assert fast == slow, field.name
        assert "<option" in fast


def test_the_blank_choice_still_reads_all_in_a_filter():
    form = Everything(renderer=FilterRenderer())
    assert '<option value="" selected>全部</option>' in str(form["single"])
