"""API routes of the prohibitions catalogue, violation cases and disciplinary actions."""

from rest_framework.routers import SimpleRouter

from .case_views import DisciplinaryActionViewSet, ProhibitionViewSet, ViolationCaseViewSet

router = SimpleRouter()
router.register("prohibitions", ProhibitionViewSet, basename="prohibition")
router.register("violations", ViolationCaseViewSet, basename="violation")
router.register("disciplinary-actions", DisciplinaryActionViewSet, basename="disciplinary-action")
urlpatterns = router.urls
