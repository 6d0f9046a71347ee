from django.urls import path

from . import views

app_name = "parks"

urlpatterns = [
    path("parks/", views.park_list, name="park_list"),
    path("parks/new/", views.park_create, name="park_create"),
    path("parks/county/<str:county>/", views.county_board, name="county_board"),
    path("parks/<int:pk>/", views.park_detail, name="park_detail"),
    path("parks/<int:pk>/edit/", views.park_edit, name="park_edit"),
    path("parks/<int:pk>/capacities/new/", views.capacity_create, name="capacity_create"),
    path(
        "parks/projects/<int:pk>/capacity/",
        views.project_capacity_create,
        name="project_capacity_create",
    ),
]
