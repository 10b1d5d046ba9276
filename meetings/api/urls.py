"""API routes of meetings (R-MTG-1…3)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("attendance", views.AttendanceViewSet, basename="attendance")
router.register("leave-requests", views.LeaveRequestViewSet, basename="leave-request")
router.register("minutes-scores", views.MinutesScoreViewSet, basename="minutes-score")

urlpatterns = router.urls
