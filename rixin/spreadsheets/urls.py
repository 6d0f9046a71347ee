from django.urls import path

from . import views

urlpatterns = [
    path("imports/<slug:kind>/", views.upload, name="import_upload"),
    path("imports/batch/<int:pk>/", views.preview, name="import_preview"),
    path("imports/batch/<int:pk>/confirm/", views.confirm, name="import_confirm"),
]
