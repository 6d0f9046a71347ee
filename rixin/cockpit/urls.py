from django.urls import path

from . import views

urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/county/<str:county>/", views.cockpit, name="county_cockpit"),
    path("cockpit/compare/", views.comparison_home, name="comparison_home"),
    path("cockpit/city/<str:code>/", views.city, name="city_cockpit"),
    path("cockpit/province/<str:code>/", views.province, name="province_cockpit"),
]
