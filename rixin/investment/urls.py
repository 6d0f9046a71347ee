from django.urls import path

from . import views

app_name = "investment"

urlpatterns = [
    path("investment/", views.kpi, name="kpi"),
    path("investment/board/", views.board, name="board"),
    path("investment/leads/new/", views.lead_create, name="lead_create"),
    path("investment/leads/export.xlsx", views.lead_export, name="lead_export"),
    path("investment/leads/template.xlsx", views.lead_template, name="lead_template"),
    path("investment/leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("investment/leads/<int:pk>/edit/", views.lead_edit, name="lead_edit"),
    path("investment/leads/<int:pk>/review/", views.lead_review, name="lead_review"),
    path("investment/leads/<int:pk>/move/", views.lead_move, name="lead_move"),
    path("investment/activities/", views.activity_list, name="activity_list"),
    path("investment/activities/new/", views.activity_create, name="activity_create"),
    path("investment/activities/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("investment/events/", views.event_list, name="event_list"),
    path("investment/events/new/", views.event_create, name="event_create"),
    path("investment/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("investment/agreements/", views.agreement_list, name="agreement_list"),
    path("investment/agreements/new/", views.agreement_create, name="agreement_create"),
    path("investment/agreements/export.xlsx", views.agreement_export, name="agreement_export"),
    path("investment/agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path(
        "investment/agreements/<int:pk>/handoff/",
        views.agreement_handoff,
        name="agreement_handoff",
    ),
    path("investment/teams/", views.team_list, name="team_list"),
    path("investment/teams/new/", views.team_create, name="team_create"),
    path("investment/teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("investment/targets/new/", views.target_create, name="target_create"),
    path("investment/lost-reasons/", views.lost_reasons, name="lost_reasons"),
]
