import importlib.util

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from rixin import views
from rixin.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/js/", login_not_required(JavaScriptCatalog.as_view()), name="javascript_catalog"),
    path("api/v1/", api.urls),
]

URL_APPS = [
    "accounts",
    "audit",
    "directory",
    "spreadsheets",
    "parks",
    "projects",
    "investment",
    "indicators",
    "appeals",
    "approvals",
    "cockpit",
    "reports",
]
for app in URL_APPS:
    if importlib.util.find_spec(f"rixin.{app}.urls") is not None:
        urlpatterns.append(path("", include(f"rixin.{app}.urls")))
if importlib.util.find_spec("rixin.appeals.open311") is not None:
    urlpatterns.append(path("open311/v2/", include("rixin.appeals.open311")))

handler403 = "rixin.views.permission_denied"
handler404 = "rixin.views.page_not_found"
handler500 = "rixin.views.server_error"
