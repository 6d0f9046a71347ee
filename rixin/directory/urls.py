from django.urls import path

from . import views

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/export.xlsx", views.enterprise_export, name="enterprise_export"),
    path("enterprises/template.xlsx", views.enterprise_template, name="enterprise_template"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("universities/", views.university_list, name="university_list"),
    path("universities/new/", views.university_create, name="university_create"),
    path("universities/<int:pk>/edit/", views.university_edit, name="university_edit"),
]
