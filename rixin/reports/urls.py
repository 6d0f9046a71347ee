from django.urls import path, re_path

from . import frame_views, views

urlpatterns = [
    path("reports/", views.report_index, name="report_index"),
    path("reports/frame/", frame_views.frame_settings, name="report_frame_settings"),
    re_path(r"^reports/(?P<county_code>\d{6})/$", views.report_county, name="report_county"),
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
