"""Form pieces shared by every module."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData
from django.utils.translation import gettext_lazy as _

# What Django and django-filter call the empty choice of a select.
BLANK_CHOICE_LABEL = "---------"


class Renderer(DjangoTemplates):
    """Every form's renderer (``FORM_RENDERER``): the empty choice of a select reads 请选择,
    not Django's "---------", whichever field made it (a foreign key, a blank choice field,
    a ``ModelChoiceField``). ``FilterForm`` renders it as 全部."""

    blank_label = _("请选择")

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and "optgroups" in widget:
            for _group, options, _index in widget["optgroups"]:
                for option in options:
                    if option["value"] in ("", None) and option["label"] == BLANK_CHOICE_LABEL:
                        option["label"] = self.blank_label
            if template_name == SELECT and _plain_options(widget):
                return _select(widget)
        return super().render(template_name, context, request)


SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
# How the templates write a value: escaped, localized, as in any template.
_TEMPLATE_CONTEXT = Context(autoescape=True)


def _plain_options(widget: dict) -> bool:
    """Every option is drawn by Django's own option template, from plain values."""
    return all(
        option.get("template_name") == SELECT_OPTION
        and not callable(option["label"])
        and not any(callable(v) for v in option["attrs"].values())
        for _group, options, _index in widget["optgroups"]
        for option in options
    ) and not any(callable(v) for v in widget["attrs"].values())


def _text(value) -> str:
    return render_value_in_context(value, _TEMPLATE_CONTEXT)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: kept as it is if it was safe, else escaped."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html and select_option.html, written out: the same markup
    without a template include per option (the filters of a list draw several selects on
    every request, and those includes were a sixth of the project library's time)."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"  # the option template's last line
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FilterRenderer(Renderer):
    blank_label = _("全部")


class FilterForm(forms.Form):
    """The base of a list's filters (a plain form, or a FilterSet's ``Meta.form``): an empty
    choice there means every row, so it reads 全部."""

    default_renderer = FilterRenderer


def add_action_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put an action's ValidationError on the fields it names, or on the form: the one way
    every form shows what an action refused."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def show_hidden_errors(form: forms.BaseForm) -> None:
    """A hidden field's error (a missing version) said at the top of the form, where it is seen."""
    for name, field in form.fields.items():
        if field.widget.is_hidden and name in form._errors:
            form.add_error(None, form._errors.pop(name))


class ActionErrorsMixin:
    """Gives a form ``add_action_error(exc)``."""

    def add_action_error(self, exc: ValidationError) -> None:
        add_action_error(self, exc)


class VersionedModelForm(ActionErrorsMixin, forms.ModelForm):
    """Carries the version the user started from, so a stale save is refused, not lost."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"required": _("缺少版本号:请刷新页面,查看最新内容后重新修改。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # An edit must say which version it was made from: a POST without it is refused,
            # never saved over someone else's change.
            self.fields["version"].required = True
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def clean(self):
        data = super().clean()
        show_hidden_errors(self)
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "version"}

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")
