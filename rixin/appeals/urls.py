from django.urls import path

from . import views

urlpatterns = [
    path("appeals/", views.appeal_list, name="appeal_list"),
    path("appeals/inbox/", views.appeal_inbox, name="appeal_inbox"),
    path("appeals/new/", views.appeal_create, name="appeal_create"),
    path("appeals/export.xlsx", views.appeal_export, name="appeal_export"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal_detail"),
    path("appeals/mark/<str:token>/", views.mark_by_link, name="appeal_mark_link"),
    path("appeals/<int:pk>/<slug:step>/", views.appeal_step, name="appeal_step"),
    path("appeals/attachments/<int:pk>/", views.attachment_download, name="appeal_attachment"),
    path("appeals/papers/", views.paper_list, name="paper_list"),
    path("appeals/papers/issue/", views.paper_issue, name="paper_issue"),
    path("appeals/papers/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("appeals/papers/<int:pk>/answer-sheet.docx", views.paper_docx, name="paper_docx"),
    path(
        "appeals/papers/<int:pk>/results.xlsx", views.paper_results_xlsx, name="paper_results_xlsx"
    ),
    path("appeals/scorecards/", views.scorecard_page, name="scorecards"),
    path("appeals/categories/", views.category_list, name="category_list"),
    path("appeals/categories/new/", views.category_edit, name="category_create"),
    path("appeals/categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("appeals/policy/", views.policy_edit, name="appeal_policy"),
]
