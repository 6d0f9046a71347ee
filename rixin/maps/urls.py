from django.urls import path

from . import views

urlpatterns = [
    path("maps/projects/", views.project_map, name="maps_projects"),
    path("maps/basemap/", views.basemap_settings, name="maps_basemap"),
    path("maps/location/check/", views.location_check, name="maps_location_check"),
    path("maps/appeals/density.json", views.appeals_density, name="maps_appeals_density"),
    path("maps/appeals/public.json", views.appeals_public, name="maps_appeals_public"),
]
