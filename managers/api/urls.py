from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("org-units", views.OrgUnitViewSet, basename="org-unit")
router.register("managers", views.AccountManagerViewSet, basename="manager")
router.register("grade-levels", views.GradeLevelViewSet, basename="grade-level")
router.register("grade-changes", views.GradeChangeViewSet, basename="grade-change")

urlpatterns = [
    path("roster/xlsx/", views.RosterExportView.as_view(file_format="xlsx"), name="roster-xlsx"),
    path("roster/csv/", views.RosterExportView.as_view(file_format="csv"), name="roster-csv"),
    *router.urls,
]
