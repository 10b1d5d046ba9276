"""Filtered, paginated lists for pages, from the FilterSets the API uses too."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def filtered_page(request, filterset_class, queryset, *, params=None) -> dict:
    """Bad filter values show the form's errors and no rows, never an unfiltered list.
    `params` replaces the query string (e.g. to apply a default filter)."""
    params = request.GET if params is None else params
    filterset = filterset_class(params or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() or not filterset.is_bound else queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {"filter": filterset, "page": page, "query": query.urlencode()}
