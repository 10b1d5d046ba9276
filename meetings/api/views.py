"""REST API of meetings (R-MTG-1…3): lists and details through the scoped selectors
(outside the scope: 404); writes through the services, which check the role (403 with
the reason) and every input (400, nothing saved)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from .. import leave_services, selectors
from ..access import API_READERS
from ..filtersets import (
    AttendanceFilterSet,
    LeaveRequestFilterSet,
    MeetingFilterSet,
    MinutesScoreFilterSet,
)
from .serializers import (
    AttendanceSerializer,
    DecisionSerializer,
    LeaveRequestSerializer,
    MeetingSerializer,
    MinutesScoreSerializer,
)


class MeetingAccess(BasePermission):
    """Roles that follow meetings; what each may write the services decide."""

    message = _("Your role does not follow meetings.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and (user.sees_whole_bank or user.role in API_READERS)
        )


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Scoped list and detail; writes answer with the row as the list shows it."""

    permission_classes = [MeetingAccess]

    def respond_with(self, instance, status_code=status.HTTP_200_OK) -> Response:
        row = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(row).data, status=status_code)


class CreateMixin:
    """POST through the serializer's `create`, i.e. a service."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond_with(serializer.save(), status.HTTP_201_CREATED)


class CorrectMixin:
    """PATCH through the serializer's `update`, i.e. a service."""

    def partial_update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self.respond_with(serializer.save())


class MeetingViewSet(CreateMixin, CorrectMixin, ScopedViewSet):
    """Meetings with their attendance counts. Create with `sign_ins` for the register;
    PATCH corrects times (same day), host, place, content and sign-ins."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    def get_queryset(self):
        return selectors.meetings_for(self.request.user)


class AttendanceViewSet(CorrectMixin, ScopedViewSet):
    """The sign-in registers. PATCH sets one member's sign-in or leaving time; the status
    is derived (R-MTG-2)."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet

    def get_queryset(self):
        return selectors.attendance_for(self.request.user).order_by("-meeting__date", "pk")


class LeaveRequestViewSet(CreateMixin, ScopedViewSet):
    """Leave from meetings (R-MTG-2): asked before the meeting, approved by the unit head
    before it starts."""

    serializer_class = LeaveRequestSerializer
    filterset_class = LeaveRequestFilterSet

    def get_queryset(self):
        return selectors.leave_requests_for(self.request.user)

    def _decide(self, request, decide):
        decision = DecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        leave = decide(actor=request.user, leave=self.get_object(), note=decision.data["note"])
        return self.respond_with(leave)

    @extend_schema(request=DecisionSerializer, responses=LeaveRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, leave_services.leave_approve)

    @extend_schema(request=DecisionSerializer, responses=LeaveRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, leave_services.leave_reject)


class MinutesScoreViewSet(CreateMixin, ScopedViewSet):
    """Quarterly spot-check scores of minutes (R-MTG-3). POST scores a meeting's minutes
    (again: replaces the score)."""

    serializer_class = MinutesScoreSerializer
    filterset_class = MinutesScoreFilterSet

    def get_queryset(self):
        return selectors.minutes_scores_for(self.request.user)
