"""API routes of work journals and their reviews (R-JNL-1, R-VIS-2)."""

from rest_framework.routers import SimpleRouter

from . import journal_views

router = SimpleRouter()
router.register("journals", journal_views.WorkJournalViewSet, basename="journal")
router.register("journal-reviews", journal_views.JournalReviewViewSet, basename="journal-review")

urlpatterns = router.urls
