"""Evaluation pages (R-ELG-5), under /performance/."""

from django.urls import path

from . import evaluation_views as views

urlpatterns = [
    path("evaluations/", views.evaluation_list, name="evaluation-list"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation-detail"),
    path("evaluations/<int:pk>/progress/", views.evaluation_progress, name="evaluation-progress"),
    path(
        "managers/<int:manager_id>/indicators/",
        views.manager_indicators,
        name="manager-indicators",
    ),
    path("my-indicators/", views.my_indicators, name="my-indicators"),
]
