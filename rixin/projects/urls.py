from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/export.xlsx", views.project_export, name="project_export"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/statistics/", views.statistics, name="project_statistics"),
    path("projects/reporting/", views.reporting, name="project_reporting"),
    path("projects/reporting/template.xlsx", views.report_template, name="project_report_template"),
    path("projects/industries/", views.industry_list, name="project_industries"),
    path("projects/industries/<int:pk>/edit/", views.industry_edit, name="project_industry_edit"),
    path("projects/settings/", views.project_settings, name="project_settings"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/status/", views.project_status, name="project_status"),
    path("projects/<int:pk>/plans/<int:year>/", views.project_plan, name="project_plan"),
    path(
        "projects/<int:pk>/reports/<int:year>/<int:month>/",
        views.report_submit,
        name="project_report_submit",
    ),
    path("projects/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("projects/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("projects/reports/<int:pk>/review/", views.report_review, name="project_report_review"),
    path("projects/reports/<int:pk>/photos/", views.photo_upload, name="project_photo_upload"),
    path("projects/photos/<int:pk>/", views.photo_file, name="project_photo"),
    path("projects/problems/<int:pk>/resolve/", views.problem_resolve, name="problem_resolve"),
]
