from rest_framework.routers import SimpleRouter

from .views import CustomerDataAccessViewSet

router = SimpleRouter()
router.register("access-log", CustomerDataAccessViewSet, basename="access-log")
urlpatterns = router.urls

from .fine_views import FineProposalViewSet  # noqa: E402 (fine proposals, R-DIS-4)

router.register("fine-proposals", FineProposalViewSet, basename="fine-proposal")
urlpatterns = router.urls

from .case_urls import urlpatterns as case_routes  # noqa: E402 (R-PRO, R-DIS-1…3)

urlpatterns += case_routes

from .rest_views import (  # noqa: E402 (R-DIS-4 deadlines and outings, R-PRO-10/11)
    CreditApplicationViewSet,
    CreditFileHandoverViewSet,
    JudicialMeasureViewSet,
    OutingCheckViewSet,
    RotationViewSet,
)

router.register("outing-checks", OutingCheckViewSet, basename="outing-check")
router.register("credit-file-handovers", CreditFileHandoverViewSet, basename="credit-file-handover")
router.register("credit-applications", CreditApplicationViewSet, basename="credit-application")
router.register("judicial-measures", JudicialMeasureViewSet, basename="judicial-measure")
router.register("rotations", RotationViewSet, basename="rotation")
urlpatterns = router.urls + case_routes
