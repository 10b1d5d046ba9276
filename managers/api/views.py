"""REST API of the managers app. Lists and details go through the scoped selectors, so an
object outside the user's subtree answers 404."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from managers import grade_services, roster_files, selectors
from managers.choices import ManagerLine, ManagerStatus
from managers.filtersets import AccountManagerFilterSet, GradeChangeFilterSet, OrgUnitFilterSet
from managers.models import GradeLevel

from .permissions import HR_WRITERS, WriteRoles
from .serializers import (
    AccountManagerSerializer,
    GradeChangeSerializer,
    GradeDecisionSerializer,
    GradeLevelSerializer,
    OrgUnitSerializer,
)


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The org units (R-ORG-1) in the caller's subtree."""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def get_queryset(self):
        return selectors.org_units_for(self.request.user)


class AccountManagerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Account managers in the caller's subtree with their current grade. HR and
    integration clients may create and update them (no deletion: a manager who leaves
    gets the status 'exited'). Grades change only through grade changes."""

    serializer_class = AccountManagerSerializer
    filterset_class = AccountManagerFilterSet
    permission_classes = [WriteRoles]
    write_roles = HR_WRITERS

    def get_queryset(self):
        return selectors.account_managers_for(self.request.user)


class GradeLevelViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The grades of the active scheme (R-GRD-1, R-GRD-2); administrators edit them."""

    serializer_class = GradeLevelSerializer
    permission_classes = [WriteRoles]
    write_roles = frozenset()
    queryset = GradeLevel.objects.filter(scheme__is_active=True)


class GradeChangeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Grade change proposals and their decisions (R-GRD-3, R-GRD-4). Unit heads and HR
    propose; the authority the target grade requires approves or rejects."""

    serializer_class = GradeChangeSerializer
    filterset_class = GradeChangeFilterSet

    def get_queryset(self):
        return selectors.grade_changes_for(self.request.user)

    def _decision(self, request) -> dict:
        decision = GradeDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        return decision.validated_data

    @extend_schema(request=GradeDecisionSerializer, responses=GradeChangeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        decision = self._decision(request)
        change = grade_services.grade_change_approve(
            actor=request.user,
            change=self.get_object(),
            opinion=decision["opinion"],
            exception_justification=decision["exception_justification"],
        )
        return Response(self.get_serializer(change).data)

    @extend_schema(request=GradeDecisionSerializer, responses=GradeChangeSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        decision = self._decision(request)
        change = grade_services.grade_change_reject(
            actor=request.user, change=self.get_object(), opinion=decision["opinion"]
        )
        return Response(self.get_serializer(change).data)


class RosterExportView(APIView):
    """The grade roster of the caller's subtree as a file; same filters as `managers`."""

    file_format = "xlsx"

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", int, description="Org unit id: that unit and below"),
            OpenApiParameter("line", enum=ManagerLine.values),
            OpenApiParameter("status", enum=ManagerStatus.values),
            OpenApiParameter("grade", int, description="Grade level id"),
            OpenApiParameter("q", str, description="Name or employee number"),
            OpenApiParameter("ordering", str, description="e.g. grade, -term_end, name"),
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        export = roster_files.RosterExport.from_request(request, today=timezone.localdate())
        return export.response(self.file_format)
