"""Pages of loans falling due (R-RPT-1), under /performance/loans/."""

from django.urls import path

from . import loan_views

urlpatterns = [
    path("", loan_views.loan_list, name="loan-list"),
    path("download.xlsx", loan_views.loan_download, name="loan-xlsx"),
]
