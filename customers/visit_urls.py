"""Pages for visits and outings (R-VIS-1, R-VIS-2), under /customers/."""

from django.urls import path

from . import visit_views

urlpatterns = [
    path("visits/", visit_views.visit_list, name="visit-list"),
    path("visits/new/", visit_views.visit_create, name="visit-create"),
    path("visits/overdue/", visit_views.visits_overdue, name="visits-overdue"),
    path("outings/", visit_views.outing_list, name="outing-list"),
    path("outings/new/", visit_views.outing_create, name="outing-create"),
    path("outings/<int:pk>/return/", visit_views.outing_return, name="outing-return"),
]
