"""Pages of the performance app: evaluations and the per-manager indicators
(`evaluation_urls`), figure imports (`figure_urls`)."""

from django.urls import include, path

urlpatterns = [
    path("", include("performance.evaluation_urls")),
    path("figures/", include("performance.figure_urls")),
    path("loans/", include("performance.loan_urls")),
    path("", include("performance.dashboard_urls")),
]
