from django.urls import path

from . import views
from .import_urls import urlpatterns as import_urlpatterns
from .visit_urls import urlpatterns as visit_urlpatterns

urlpatterns = [
    path("", views.customer_list, name="customer-list"),
    path("export.csv", views.customer_export, name="customer-export"),
    path("unassigned/", views.unassigned, name="customers-unassigned"),
    path("<int:pk>/", views.customer_detail, name="customer-detail"),
    path("<int:pk>/assign/", views.assign, name="customer-assign"),
    path("<int:pk>/transfer/", views.transfer, name="customer-transfer"),
    path("assignments/<int:pk>/end/", views.end_assignment, name="assignment-end"),
    *import_urlpatterns,
    *visit_urlpatterns,
]
