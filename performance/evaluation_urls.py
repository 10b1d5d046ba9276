"""Placeholder: routes come with the pages."""

urlpatterns = []
