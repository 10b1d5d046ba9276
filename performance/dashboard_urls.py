"""Dashboards (R-RPT): the head's dashboard of a subtree and the account manager's day."""

from django.urls import path

from . import dashboard_views as views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("my-day/", views.my_day, name="my-day"),
]
