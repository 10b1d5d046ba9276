"""Pages for importing monthly figures (DOMAIN §3), under /performance/figures/."""

from django.urls import path

from . import figure_views

urlpatterns = [
    path("import/", figure_views.figure_import, name="figure-import"),
    path("template.xlsx", figure_views.figure_import_template, name="figure-template"),
    path("imports/", figure_views.figure_import_list, name="figure-import-list"),
    path("imports/<int:pk>/", figure_views.figure_import_detail, name="figure-import-detail"),
    path(
        "imports/<int:pk>/progress/",
        figure_views.figure_import_progress,
        name="figure-import-progress",
    ),
    path(
        "imports/<int:pk>/errors.xlsx",
        figure_views.figure_import_errors,
        name="figure-import-errors",
    ),
]
