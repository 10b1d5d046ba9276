"""Meeting pages (R-MTG-1…3), under /meetings/."""

from django.urls import path

from . import leave_views, report_views, views

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("today/", views.today, name="meeting-today"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/score/", report_views.minutes_score, name="minutes-score"),
    path("leave/", leave_views.leave_list, name="leave-request-list"),
    path("leave/new/", leave_views.leave_create, name="leave-request-create"),
    path("leave/<int:pk>/decide/", leave_views.leave_decide, name="leave-request-decide"),
    path("attendance/", report_views.attendance_rates, name="attendance-rates"),
    path("minutes/", report_views.minutes_check, name="minutes-check"),
]
