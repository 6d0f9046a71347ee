from django.urls import path

from . import views

app_name = "workcalendar"

urlpatterns = [
    path("calendar/", views.index, name="index"),
    path("calendar/<int:year>/", views.year_page, name="year"),
    path("calendar/<int:year>/days/new/", views.day_create, name="day_create"),
    path("calendar/<int:year>/confirm/", views.year_confirm, name="year_confirm"),
    path("calendar/days/<int:pk>/edit/", views.day_edit, name="day_edit"),
    path("calendar/days/<int:pk>/delete/", views.day_delete, name="day_delete"),
]
