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
