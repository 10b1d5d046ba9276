from .visit_urls import urlpatterns as visit_urlpatterns

urlpatterns = [
    *visit_urlpatterns,
]
