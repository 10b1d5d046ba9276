"""Pages for importing customers (R-CUS-1…4)."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("import/", import_views.customer_import, name="customer-import"),
    path(
        "import/template.xlsx",
        import_views.customer_import_template,
        name="customer-import-template",
    ),
    path("import/errors.xlsx", import_views.customer_import_errors, name="customer-import-errors"),
]
