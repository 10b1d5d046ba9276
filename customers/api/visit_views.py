"""REST API for visits (R-VIS-1) and outings (R-VIS-2). Lists and details go through the
scoped visit selectors (outside the scope: 404); only account managers write, as
themselves (others: 403 with the reason)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from customers import visit_selectors, visit_services
from customers.access import VISIT_READERS
from customers.filtersets_visits import OutingFilterSet, VisitFilterSet
from customers.models import Outing
from managers.choices import Role

from .visit_serializers import OutingSerializer, VisitSerializer

READERS = VISIT_READERS | {Role.INTEGRATION}


class VisitAccess(BasePermission):
    """Reading for the roles that follow visits; writing for account managers only."""

    message = _("Your role does not follow customer visits and outings.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return user.sees_whole_bank or user.role in READERS
        refusal = visit_services.writer_refusal(user)
        if refusal:
            self.message = refusal
            return False
        return True


class _ScopedCreateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [VisitAccess]

    def create(self, request, *args, **kwargs):
        """Answers with the row as the list shows it (with its computed fields)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = serializer.save()
        row = self.get_queryset().get(pk=created.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


class VisitViewSet(_ScopedCreateViewSet):
    """Customer visits (R-VIS-1): an account manager's own, or a unit's subtree."""

    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet

    def get_queryset(self):
        return visit_selectors.visits_for(self.request.user)


class OutingViewSet(_ScopedCreateViewSet):
    """Outings (R-VIS-2), each with `is_overdue` computed as of the request."""

    serializer_class = OutingSerializer
    filterset_class = OutingFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no policy lookup
            return Outing.objects.none()
        return visit_selectors.outings_for(self.request.user)

    @extend_schema(request=None, responses=OutingSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """ "I'm back": the account manager closes their own open outing."""
        outing = visit_services.outing_return(actor=request.user, outing=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=outing.pk)).data)
