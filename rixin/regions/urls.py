from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("divisions/changes/", views.change_list, name="change_list"),
    path("divisions/changes/new/", views.change_create, name="change_create"),
]
