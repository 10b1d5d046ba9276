"""Routes of the performance API: evaluations and their results, figure imports."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import loan_views, views

router = SimpleRouter()
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("figure-imports", views.FigureImportViewSet, basename="figure-import")

urlpatterns = [
    path(
        "evaluations/<int:pk>/results/",
        views.EvaluationResultList.as_view(),
        name="evaluation-results",
    ),
    path("figures/", views.FigureImportView.as_view(), name="figures"),
    path("loans/", loan_views.LoanImportView.as_view(), name="loans"),
    *router.urls,
]
