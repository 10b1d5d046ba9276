"""Pages of work journals (R-JNL-1, R-VIS-2), under /journals/."""

from django.urls import path

from . import journal_spot_views, journal_views

urlpatterns = [
    path("", journal_views.my_journal, name="my-journal"),
    path("all/", journal_views.journal_list, name="journal-list"),
    path("<int:pk>/", journal_views.journal_detail, name="journal-detail"),
    path("reviews/", journal_views.review_queue, name="journal-review-queue"),
    path("missing/", journal_views.journal_missing, name="journal-missing"),
    path("rates/", journal_views.journal_rates, name="journal-rates"),
    path("spot-checks/", journal_spot_views.spot_check_list, name="spot-check-list"),
    path("spot-checks/<int:pk>/", journal_spot_views.spot_check_detail, name="spot-check-detail"),
]
