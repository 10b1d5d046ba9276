from django.urls import path

from . import views

urlpatterns = [
    path("access-log/", views.access_log, name="access-log"),
]

from . import fine_views  # noqa: E402 (fine proposals, R-DIS-4)

urlpatterns += [
    path("fines/", fine_views.fine_list, name="fine-list"),
    path("fines/<int:pk>/decide/", fine_views.fine_decide, name="fine-decide"),
]

from .case_urls import urlpatterns as case_urlpatterns  # noqa: E402 (R-PRO, R-DIS-1…3)

urlpatterns += case_urlpatterns

from . import rotation_views  # noqa: E402 (rotation, R-PRO-10/11)

urlpatterns += [
    path("rotation/", rotation_views.rotation_due, name="rotation-due"),
]

from . import access_review_views  # noqa: E402 (access-log review, R-PRO-8)

urlpatterns += [
    path("access-log/review/", access_review_views.access_review_page, name="access-review"),
]

from . import record_views  # noqa: E402 (outing checks, deadlines, judicial measures)

urlpatterns += [
    path("records/<slug:kind>/", record_views.record_list, name="compliance-records"),
]
