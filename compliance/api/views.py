from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from compliance.filtersets import CustomerDataAccessFilterSet
from compliance.models import CustomerDataAccess
from managers.choices import Role


class CustomerDataAccessSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username")
    user_name = serializers.CharField(source="user.get_full_name")

    class Meta:
        model = CustomerDataAccess
        fields = [
            "id",
            "at",
            "user",
            "user_name",
            "action",
            "customer_numbers",
            "customer_count",
            "fields",
            "purpose",
            "ip_address",
            "path",
        ]


class ComplianceOnly(BasePermission):
    message = _("Only compliance officers read the customer-data access log.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (user.sees_whole_bank or user.role == Role.COMPLIANCE)
        )


class CustomerDataAccessViewSet(viewsets.ReadOnlyModelViewSet):
    """R-PRO-8: the log of reveals and exports of customer personal data. Read-only:
    nobody edits or deletes it through the application."""

    serializer_class = CustomerDataAccessSerializer
    filterset_class = CustomerDataAccessFilterSet
    permission_classes = [ComplianceOnly]

    def get_queryset(self):
        return CustomerDataAccess.objects.restrict(self.request.user).select_related("user")
