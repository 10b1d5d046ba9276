"""REST API of customers, assignments and transfers; scoped, 404 outside the subtree.
Personal data leaves masked unless revealed with a purpose, and every reveal or export
is logged (R-CUS-7, R-PRO-8)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from compliance.services import log_personal_data_reveal
from customers import selectors, services
from customers.access import may_reveal
from customers.filtersets import AssignmentFilterSet, CustomerFilterSet, TransferFilterSet
from managers.api.permissions import WriteRoles

from ..access import ASSIGNERS
from .serializers import (
    AssignmentSerializer,
    BulkAssignSerializer,
    CustomerSerializer,
    EndAssignmentSerializer,
    RevealedSerializer,
    RevealRequestSerializer,
    TransferSerializer,
)


class CustomerViewSet(viewsets.ReadOnlyModelViewSet):
    """Customers of the caller's subtree (an account manager: the ones they hold)."""

    serializer_class = CustomerSerializer
    filterset_class = CustomerFilterSet

    def get_queryset(self):
        return selectors.customers_for(self.request.user)

    @extend_schema(request=RevealRequestSerializer, responses=RevealedSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """Unmasked ID number and phone, for a stated purpose; the access is logged."""
        if not may_reveal(request.user):
            raise PermissionDenied(_("Your role may not see customers' personal data."))
        customer = self.get_object()
        ask = RevealRequestSerializer(data=request.data)
        ask.is_valid(raise_exception=True)
        log_personal_data_reveal(
            request=request, customer=customer, purpose=ask.validated_data["purpose"]
        )
        return Response(RevealedSerializer(customer).data)


class AssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Who holds which customer with what credit share (管户, R-CUS-2, R-CUS-4)."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet
    permission_classes = [WriteRoles]
    write_roles = ASSIGNERS

    def get_queryset(self):
        return selectors.assignments_for(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        result = services.assignment_create(
            actor=self.request.user,
            customer=data["customer"],
            manager=data["manager"],
            credit_share=data["credit_share"],
            start_date=data["start_date"],
        )
        result.assignment.warnings = result.warnings
        serializer.instance = result.assignment

    @extend_schema(request=EndAssignmentSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        ask = EndAssignmentSerializer(data=request.data)
        ask.is_valid(raise_exception=True)
        assignment = services.assignment_end(
            actor=request.user,
            assignment=self.get_object(),
            end_date=ask.validated_data["end_date"],
        )
        return Response(self.get_serializer(assignment).data)

    @extend_schema(request=BulkAssignSerializer, responses=AssignmentSerializer(many=True))
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Assign many (unassigned) customers to one manager: all of them or none."""
        ask = BulkAssignSerializer(data=request.data, context=self.get_serializer_context())
        ask.is_valid(raise_exception=True)
        results = services.bulk_assign(actor=request.user, **ask.validated_data)
        for result in results:
            result.assignment.warnings = result.warnings
        data = self.get_serializer([r.assignment for r in results], many=True).data
        return Response(data, status=status.HTTP_201_CREATED)


class TransferViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Handovers of customers between account managers (R-CUS-4)."""

    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet
    permission_classes = [WriteRoles]
    write_roles = ASSIGNERS

    def get_queryset(self):
        return selectors.transfers_for(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("baseline_deposit_avg", data["customer"].deposit_daily_avg)
        serializer.instance = services.customer_transfer(actor=self.request.user, **data)
