from django import forms
from django.db import models

from rixin.forms import ActionErrorsMixin

from .models import ChannelSettings, NoticePreference


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ChannelSettingsForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = ChannelSettings
        formfield_callback = _formfield
        fields = [
            "email_enabled",
            "wecom_enabled",
            "wecom_webhook",
            "dingtalk_enabled",
            "dingtalk_webhook",
            "dingtalk_secret",
            "sms_enabled",
            "sms_gateway",
            "sms_token",
            "sms_template",
        ]
        widgets = {
            "dingtalk_secret": forms.PasswordInput(render_value=True),
            "sms_token": forms.PasswordInput(render_value=True),
        }


class PreferenceForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["email_enabled", "email", "sms_enabled", "phone"]
