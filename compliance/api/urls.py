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
