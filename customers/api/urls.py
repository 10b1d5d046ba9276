from rest_framework.routers import SimpleRouter

from .import_urls import urlpatterns as import_urlpatterns
from .views import AssignmentViewSet, CustomerViewSet, TransferViewSet
from .visit_urls import urlpatterns as visit_urlpatterns

router = SimpleRouter()
router.register("customers", CustomerViewSet, basename="customer")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("transfers", TransferViewSet, basename="transfer")

urlpatterns = [*import_urlpatterns, *router.urls, *visit_urlpatterns]
