from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("funds/", views.programme_list, name="programme_list"),
    path("funds/new/", views.programme_create, name="programme_create"),
    path("funds/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("funds/<int:pk>/allocate/", views.allocation_create, name="allocation_create"),
    path(
        "funds/allocations/<int:pk>/disburse/",
        views.disbursement_create,
        name="disbursement_create",
    ),
    path("funds/enterprises/<int:pk>/", views.enterprise_history, name="enterprise_history"),
]
