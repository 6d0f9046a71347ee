"""Form pieces shared by every module."""

from django import forms
from django.core.exceptions import ValidationError


def add_action_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put an action's ValidationError on the fields it names, or on the form: the one way
    every form shows what an action refused."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ActionErrorsMixin:
    """Gives a form ``add_action_error(exc)``."""

    def add_action_error(self, exc: ValidationError) -> None:
        add_action_error(self, exc)


class VersionedModelForm(ActionErrorsMixin, forms.ModelForm):
    """Carries the version the user started from, so a stale save is refused, not lost."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "version"}

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")
