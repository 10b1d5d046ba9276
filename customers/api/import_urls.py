"""API route for importing customers (R-CUS-1…4)."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("customers/import/", import_views.CustomerImportView.as_view(), name="customer-import"),
]
