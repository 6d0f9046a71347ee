from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/language/", views.language, name="language"),
    path("accounts/tokens/", views.token_create, name="token_create"),
    path("accounts/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("system/users/", views.user_list, name="user_list"),
    path("system/users/new/", views.user_create, name="user_create"),
    path("system/users/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "system/users/<int:pk>/reset-password/",
        views.user_reset_password,
        name="user_reset_password",
    ),
    path("system/backups/", views.backups, name="backups"),
    path("security/roles/", views.role_list, name="role_list"),
    path("security/roles/<int:pk>/", views.role_assign, name="role_assign"),
    path(
        "security/roles/<int:pk>/administrator/",
        views.administrator_grant,
        name="administrator_grant",
    ),
    path(
        "security/roles/<int:pk>/withdraw/",
        views.administrator_withdraw,
        name="administrator_withdraw",
    ),
    path(
        "security/users/<int:pk>/reset-password/",
        views.administrator_reset_password,
        name="administrator_reset_password",
    ),
    path("security/policy/", views.security_policy, name="security_policy"),
]
