from django.urls import path

from . import views

urlpatterns = [
    path("indicators/", views.home, name="indicator_home"),
    path("indicators/matrix/", views.matrix, name="indicator_matrix"),
    path("indicators/matrix/export.xlsx", views.export, name="indicator_export"),
    path("indicators/entry/", views.entry, name="indicator_entry"),
    path("indicators/entry/template.xlsx", views.template, name="indicator_template"),
    path("indicators/targets/", views.targets, name="indicator_targets"),
    path("indicators/catalogue/", views.catalogue, name="indicator_catalogue"),
    path("indicators/catalogue/new/", views.indicator_create, name="indicator_create"),
    path("indicators/county/<str:county>/", views.board, name="indicator_board"),
    path("indicators/<slug:code>/", views.detail, name="indicator_detail"),
]
