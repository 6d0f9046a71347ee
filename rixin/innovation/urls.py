from django.urls import path

from . import views

app_name = "innovation"

urlpatterns = [
    path("innovation/", views.overview, name="overview"),
    path("innovation/patents/", views.patent_list, name="patent_list"),
    path("innovation/patents/<int:pk>/", views.patent_detail, name="patent_detail"),
    path("innovation/patents/<int:pk>/push/", views.patent_push, name="patent_push"),
    path("innovation/pushes/", views.push_list, name="push_list"),
    path("innovation/pushes/<int:pk>/answer/", views.push_answer, name="push_answer"),
    path("innovation/cases/<int:pk>/move/", views.case_move, name="case_move"),
    path("innovation/certificates/new/", views.certificate_create, name="certificate_create"),
]
