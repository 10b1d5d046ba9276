"""Routes of the performance API."""

urlpatterns = []
