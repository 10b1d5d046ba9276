from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("org-units", views.OrgUnitViewSet, basename="org-unit")
router.register("managers", views.AccountManagerViewSet, basename="manager")

urlpatterns = router.urls
