"""REST API of outing checks, deadline records, judicial measures (writes through the
services: 403 for a role that may not, 400 with the field otherwise) and rotations
(R-DIS-4, R-PRO-10, R-PRO-11). Lists are scoped and cost a constant number of queries."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, viewsets
from rest_framework.permissions import BasePermission

from compliance import deadline_services, judicial_services, outing_services
from compliance.deadlines import CreditApplication, CreditFileHandover
from compliance.outings import OutingCheck
from compliance.rest_filtersets import (
    CreditApplicationFilterSet,
    CreditFileHandoverFilterSet,
    JudicialMeasureFilterSet,
    OutingCheckFilterSet,
    RotationFilterSet,
)
from compliance.rotation import JudicialMeasure, RotationPolicy
from compliance.rotation_selectors import rotation_list
from managers.choices import Role

from . import rest_serializers as s

FOLLOWERS = frozenset(
    {Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE, Role.INTEGRATION}
)


class FollowerAccess(BasePermission):
    message = _("Your role does not follow this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and (user.sees_whole_bank or user.role in FOLLOWERS)
        )


class RecordViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [FollowerAccess]
    model = None
    related = ("manager",)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user).select_related(*self.related)

    def perform_create(self, serializer):
        serializer.instance = self.record(serializer.validated_data)

    def record(self, data):
        raise NotImplementedError


class OutingCheckViewSet(RecordViewSet):
    """A unit head or compliance officer records finding an AM at, or not at, the
    registered outing place (R-DIS-4: 100 yuan the first miss, stand down the second)."""

    model = OutingCheck
    serializer_class = s.OutingCheckSerializer
    filterset_class = OutingCheckFilterSet

    def record(self, data):
        return outing_services.outing_check_record(actor=self.request.user, **data)


class DeadlineViewSet(RecordViewSet):
    related = ("manager", "customer")

    def record(self, data):
        return deadline_services.deadline_record(actor=self.request.user, record=self.model(**data))


class CreditFileHandoverViewSet(DeadlineViewSet):
    """Credit files due within 15 working days of the loan (R-DIS-4)."""

    model = CreditFileHandover
    serializer_class = s.CreditFileHandoverSerializer
    filterset_class = CreditFileHandoverFilterSet


class CreditApplicationViewSet(DeadlineViewSet):
    """Preliminary opinions due within 3 working days of the application (R-DIS-4)."""

    model = CreditApplication
    serializer_class = s.CreditApplicationSerializer
    filterset_class = CreditApplicationFilterSet


class JudicialMeasureViewSet(RecordViewSet):
    """HR flags an AM under judicial measures (R-PRO-11): no new credit customers."""

    model = JudicialMeasure
    serializer_class = s.JudicialMeasureSerializer
    filterset_class = JudicialMeasureFilterSet

    def record(self, data):
        return judicial_services.judicial_measure_record(actor=self.request.user, **data)


class RotationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """AMs holding customers, since when, and when rotation is due (R-PRO-11)."""

    permission_classes = [FollowerAccess]
    serializer_class = s.RotationSerializer
    filterset_class = RotationFilterSet

    def get_queryset(self):
        return rotation_list(user=self.request.user, today=timezone.localdate())

    def get_serializer_context(self):
        return super().get_serializer_context() | {"policy": RotationPolicy.current()}
