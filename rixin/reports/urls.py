from django.urls import path, re_path

from . import city_views, frame_views, schedule_views, views

urlpatterns = [
    path("reports/", views.report_index, name="report_index"),
    path("reports/frame/", frame_views.frame_settings, name="report_frame_settings"),
    path("reports/schedule/", schedule_views.schedule_settings, name="report_schedule"),
    re_path(r"^reports/(?P<county_code>\d{6})/$", views.report_county, name="report_county"),
    re_path(r"^reports/city/(?P<city_code>\d{6})/$", city_views.report_city, name="report_city"),
    re_path(
        r"^reports/(?P<county_code>\d{6})/(?P<period>[0-9A-Za-z-]+)/(?P<kind>month|quarter|half|year)\.(?P<fmt>pdf|docx)$",
        views.report_download,
        name="report_download",
    ),
    re_path(
        r"^reports/(?P<county_code>\d{6})/(?P<period>[0-9A-Za-z-]+)/(?P<kind>month|quarter|half|year)/issue/$",
        views.report_issue,
        name="report_issue",
    ),
]
