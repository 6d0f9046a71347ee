from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.inbox, name="inbox"),
    path("notices/read/", views.read, name="read"),
    path("notices/settings/", views.preferences, name="preferences"),
    path("notices/channels/", views.channels, name="channels"),
]
