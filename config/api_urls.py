"""All REST API routes under /api/v1/, one namespace ("api")."""

from compliance.api.urls import urlpatterns as compliance_routes
from customers.api.urls import urlpatterns as customer_routes
from managers.api.journal_urls import urlpatterns as journal_routes
from managers.api.urls import urlpatterns as manager_routes
from meetings.api.urls import urlpatterns as meeting_routes
from performance.api.urls import urlpatterns as performance_routes

app_name = "api"
urlpatterns = [
    *manager_routes,
    *customer_routes,
    *compliance_routes,
    *performance_routes,
    *journal_routes,
    *meeting_routes,
]
