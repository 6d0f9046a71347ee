from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction, Outcome
from rixin.forms import add_action_error

from . import actions
from .access import is_security_admin, is_system_admin, require
from .backup import list_backups
from .forms import (
    AdministratorGrantForm,
    AdministratorWithdrawForm,
    ApiTokenForm,
    LoginForm,
    PasswordChangeForm,
    RoleForm,
    SecurityPolicyForm,
    UserForm,
)
from .models import ApiToken, SecurityPolicy, User
from .roles import THREE_ADMINISTRATORS, Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # auth_login() gives the session a new key (no session fixation).
        response = super().form_valid(form)
        user = form.get_user()
        if user.language:
            _language_cookie(response, user.language)
        return response


login_view = login_not_required(LoginView.as_view())


@login_not_required
def locked_out(request, response=None, credentials=None):
    username = (credentials or {}).get("username", "")
    record_event(
        AuditAction.LOCKED_OUT,
        acting_user=None,
        anonymous=True,
        username=username,
        outcome=Outcome.DENIED,
        object_type="accounts.user",
        object_repr=username,
    )
    policy = SecurityPolicy.current()
    return render(
        request, "accounts/locked.html", {"policy": policy, "username": username}, status=403
    )


def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_own_password(request.user, form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


def profile(request):
    tokens = request.user.api_tokens.filter(revoked=False)
    return render(
        request, "accounts/profile.html", {"tokens": tokens, "token_form": ApiTokenForm()}
    )


@require_POST
def language(request):
    choice = request.POST.get("language", "")
    try:
        actions.set_language(request.user, choice, acting_user=request.user)
    except ValidationError:
        messages.error(request, _("不支持的语言。"))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "home"  # never off the site: an open redirect would lend it to phishing
    response = redirect(target)
    _language_cookie(response, request.user.language)
    return response


def _language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


def set_language(request):
    """Django's ``set_language`` (the language cookie), and for a logged-in user also the
    account's language, through the action, so that the choice is audited and kept."""
    choice = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and choice:
        try:
            actions.set_language(request.user, choice, acting_user=request.user)
        except ValidationError:
            messages.error(request, _("不支持的语言。"))
    return i18n.set_language(request)


@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        token, key = actions.create_api_token(
            request.user, form.cleaned_data["name"], acting_user=request.user
        )
        messages.success(request, _("新令牌(只显示这一次,请立即保存):%(key)s") % {"key": key})
    else:
        messages.error(request, _("请填写令牌用途。"))
    return redirect("profile")


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    actions.revoke_api_token(token, acting_user=request.user)
    messages.success(request, _("令牌已吊销。"))
    return redirect("profile")


def _managed_users(admin):
    """Accounts within the administrator's division; never the system actor, which is no
    person's account."""
    return (
        User.objects.filter(division__code__startswith=admin.division.code_prefix)
        .exclude(role=Role.SYSTEM)
        .select_related("division", "department", "enterprise")
    )


def _ordinary_accounts(admin):
    """What the system administrator manages: the accounts of people who are not (and never
    were) one of the three administrators, whose accounts the security administrator keeps."""
    return (
        _managed_users(admin).exclude(role__in=THREE_ADMINISTRATORS).filter(administrator_role="")
    )


def _administrator_accounts(admin):
    """The three administrators' accounts the security administrator manages (not its own)."""
    administrators = _managed_users(admin).exclude(pk=admin.pk)
    return administrators.filter(role__in=THREE_ADMINISTRATORS) | administrators.exclude(
        administrator_role=""
    )


@require(is_system_admin)
def user_list(request):
    users = _ordinary_accounts(request.user).order_by("username")
    return render(request, "accounts/user_list.html", {"users": users})


@require(is_system_admin)
def user_create(request):
    form = UserForm(request.POST or None, scope=request.user.division)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = actions.create_user(
                acting_user=request.user,
                username=data["username"],
                display_name=data["display_name"],
                division=data["division"],
                department=data["department"],
                enterprise=data["enterprise"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("已创建账户 %(u)s,初始密码 %(p)s(首次登录须修改)。请安全管理员授予角色。")
                % {"u": user.username, "p": password},
            )
            return redirect("user_list")
    return render(request, "accounts/user_form.html", {"form": form})


@require(is_system_admin)
def user_edit(request, pk):
    account = get_object_or_404(_ordinary_accounts(request.user), pk=pk)
    form = UserForm(request.POST or None, instance=account, scope=request.user.division)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        account.refresh_from_db()
        try:
            actions.update_user(account, changes, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("user_list")
    return render(request, "accounts/user_form.html", {"form": form, "account": account})


@require(is_system_admin)
@require_POST
def user_reset_password(request, pk):
    account = get_object_or_404(_ordinary_accounts(request.user), pk=pk)
    password = actions.reset_password(account, acting_user=request.user)
    messages.success(
        request,
        _("%(u)s 的临时密码:%(p)s(首次登录须修改)。") % {"u": account.username, "p": password},
    )
    return redirect("user_list")


@require(is_security_admin)
@require_POST
def administrator_reset_password(request, pk):
    account = get_object_or_404(_administrator_accounts(request.user), pk=pk)
    password = actions.reset_password(account, acting_user=request.user)
    messages.success(
        request,
        _("%(u)s 的临时密码:%(p)s(首次登录须修改)。") % {"u": account.username, "p": password},
    )
    return redirect("role_list")


@require(is_system_admin)
def backups(request):
    if request.method == "POST":
        path = actions.make_backup(acting_user=request.user)
        messages.success(request, _("已完成备份:%(name)s") % {"name": path.name})
        return redirect("backups")
    return render(request, "accounts/backups.html", {"backups": list_backups()})


@require(is_security_admin)
def role_list(request):
    users = _managed_users(request.user).order_by("role", "username")
    return render(request, "accounts/role_list.html", {"users": users, "form": RoleForm()})


@require(is_security_admin)
@require_POST
def role_assign(request, pk):
    account = get_object_or_404(_managed_users(request.user), pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.assign_role(account, form.cleaned_data["role"], acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("已为 %(u)s 设置角色。") % {"u": account.username})
    return redirect("role_list")


@require(is_security_admin)
def administrator_grant(request, pk):
    """Granting one of the three administrator roles: a page of its own, confirmed by typing
    the account's username."""
    account = get_object_or_404(_managed_users(request.user).exclude(pk=request.user.pk), pk=pk)
    form = AdministratorGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.grant_administrator_role(
                account,
                form.cleaned_data["role"],
                acting_user=request.user,
                confirm=form.cleaned_data["confirm"],
            )
        except ValidationError as exc:
            add_action_error(form, exc)
        else:
            messages.success(request, _("已授予 %(u)s 三员角色。") % {"u": account.username})
            return redirect("role_list")
    return render(request, "accounts/administrator_grant.html", {"form": form, "account": account})


@require(is_security_admin)
def administrator_withdraw(request, pk):
    """Withdrawing one of the three administrator roles: a confirmation page of its own, the
    account's username typed, like the grant."""
    managed = _managed_users(request.user).exclude(pk=request.user.pk)
    account = get_object_or_404(managed.filter(role__in=THREE_ADMINISTRATORS), pk=pk)
    form = AdministratorWithdrawForm(request.POST or None)
    duty = account.get_role_display()
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_role(
                account, "", acting_user=request.user, confirm=form.cleaned_data["confirm"]
            )
        except ValidationError as exc:
            add_action_error(form, exc)
        else:
            messages.success(
                request,
                _("已撤销 %(u)s 的%(r)s角色。") % {"u": account.username, "r": duty},
            )
            return redirect("role_list")
    return render(
        request, "accounts/administrator_withdraw.html", {"form": form, "account": account}
    )


@require(is_security_admin)
def security_policy(request):
    policy = SecurityPolicy.current()
    form = SecurityPolicyForm(
        request.POST or None,
        instance=SecurityPolicy(
            **{f: getattr(policy, f) for f in ("failure_limit", "lockout_minutes", "idle_minutes")}
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_security_policy(form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("安全策略已更新。"))
            return redirect("security_policy")
    return render(request, "accounts/security_policy.html", {"form": form})
