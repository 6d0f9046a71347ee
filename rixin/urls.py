"""The URL conf: the project's own pages, then every installed app's ``urls.py`` and the URL
confs its AppConfig names in ``url_prefixes`` (see rixin.discovery)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from rixin import discovery, views
from rixin.accounts.views import set_language
from rixin.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/js/", login_not_required(JavaScriptCatalog.as_view()), name="javascript_catalog"),
    path("api/v1/", api.urls),
]

for _config, module in discovery.modules("urls"):
    urlpatterns.append(path("", include(module)))
for config in discovery.rixin_apps():
    for prefix, urlconf in getattr(config, "url_prefixes", {}).items():
        urlpatterns.append(path(prefix, include(urlconf)))

handler403 = "rixin.views.permission_denied"
handler404 = "rixin.views.page_not_found"
handler500 = "rixin.views.server_error"
