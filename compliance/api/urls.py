from rest_framework.routers import SimpleRouter

from .views import CustomerDataAccessViewSet

router = SimpleRouter()
router.register("access-log", CustomerDataAccessViewSet, basename="access-log")
urlpatterns = router.urls
