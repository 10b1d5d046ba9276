"""API routes for visits and outings (R-VIS-1, R-VIS-2)."""

from rest_framework.routers import SimpleRouter

from . import visit_views

router = SimpleRouter()
router.register("visits", visit_views.VisitViewSet, basename="visit")
router.register("outings", visit_views.OutingViewSet, basename="outing")

urlpatterns = router.urls
