from django.urls import path

from . import views

urlpatterns = [
    path("approvals/", views.board, name="approval_board"),
    path("approvals/new/", views.case_create, name="approval_case_create"),
    path("approvals/queue/", views.queue, name="approval_queue"),
    path("approvals/mine/", views.mine, name="approval_mine"),
    path("approvals/cases/<int:pk>/", views.case_detail, name="approval_case"),
    path("approvals/cases/<int:pk>/joint/", views.convene, name="approval_convene"),
    path("approvals/items/<int:pk>/upload/", views.upload, name="approval_upload"),
    path("approvals/items/<int:pk>/<slug:step>/", views.item_step, name="approval_item_step"),
    path("approvals/signoffs/<int:pk>/", views.signoff, name="approval_signoff"),
    path("approvals/files/<int:pk>/", views.file_download, name="approval_file"),
    path("approvals/catalogue/", views.catalogue, name="approval_catalogue"),
    path("approvals/catalogue/seed/", views.catalogue_seed, name="approval_catalogue_seed"),
    path("approvals/catalogue/stages/<int:pk>/edit/", views.stage_edit, name="approval_stage_edit"),
    path(
        "approvals/catalogue/items/new/",
        views.catalogue_item_edit,
        name="approval_catalogue_item_create",
    ),
    path(
        "approvals/catalogue/items/<int:pk>/edit/",
        views.catalogue_item_edit,
        name="approval_catalogue_item_edit",
    ),
]
