from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department, Enterprise
from rixin.regions.models import Division

from .models import SecurityPolicy, User
from .roles import THREE_ADMINISTRATORS, Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续失败多次后账户将被锁定。"),
        "inactive": _("该账户已停用。"),
    }

    def confirm_login_allowed(self, user):
        if user.is_system_actor:  # no person logs in as the commands' actor
            raise self.get_invalid_login_error()
        super().confirm_login_allowed(user)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    new_password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput)
    new_password2 = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(_("当前密码不正确。"))
        return self.cleaned_data["old_password"]

    def clean(self):
        data = super().clean()
        if data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        elif data.get("new_password1") == data.get("old_password"):
            self.add_error("new_password1", _("新密码不能与当前密码相同。"))
        return data


class UserForm(forms.ModelForm):
    """What the system administrator sets. The role is not here: the security administrator grants it."""

    class Meta:
        model = User
        fields = ["username", "display_name", "division", "department", "enterprise", "is_active"]

    def __init__(self, *args, scope: Division, **kwargs):
        super().__init__(*args, **kwargs)
        codes = scope.county_codes()
        self.fields["division"].queryset = Division.objects.filter(code__in=[*codes, scope.code])
        self.fields["division"].required = True
        self.fields["department"].queryset = Department.objects.filter(county_id__in=codes)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(county_id__in=codes)


class RoleForm(forms.Form):
    # The system role belongs to the commands' actor alone: nobody grants it. The three
    # administrator roles are granted on a page of their own (AdministratorGrantForm).
    role = forms.ChoiceField(
        label=_("角色"),
        choices=[
            (value, label)
            for value, label in Role.choices
            if value != Role.SYSTEM and value not in THREE_ADMINISTRATORS
        ],
        required=False,
    )


class AdministratorGrantForm(forms.Form):
    role = forms.ChoiceField(
        label=_("三员角色"),
        choices=[(value, label) for value, label in Role.choices if value in THREE_ADMINISTRATORS],
    )
    confirm = forms.CharField(label=_("确认:请输入该账户的用户名"), max_length=150, strip=True)


class AdministratorWithdrawForm(forms.Form):
    confirm = forms.CharField(label=_("确认:请输入该账户的用户名"), max_length=150, strip=True)


class SecurityPolicyForm(forms.ModelForm):
    class Meta:
        model = SecurityPolicy
        fields = ["failure_limit", "lockout_minutes", "idle_minutes"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=80)
