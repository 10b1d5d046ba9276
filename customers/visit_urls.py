"""Pages for visits and outings (R-VIS-1, R-VIS-2)."""

urlpatterns = []
