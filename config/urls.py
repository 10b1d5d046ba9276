from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.health import healthz

# DEBUG off: a clean page (or JSON under /api/), a 503 while the database is restarting.
handler500 = "config.errors.server_error"

urlpatterns = [
    path("", include("managers.urls")),
    path("customers/", include("customers.urls")),
    path("compliance/", include("compliance.urls")),
    path("performance/", include("performance.urls")),
    path("journals/", include("managers.journal_urls")),
    path("meetings/", include("meetings.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
