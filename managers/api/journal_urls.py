"""Routes filled in by the journals/meetings work."""

urlpatterns = []
