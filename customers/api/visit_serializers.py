"""Serializers for visits (R-VIS-1) and outings (R-VIS-2). The account manager is always
the requesting user's own (read-only); customers and outings outside what the user may
pick are 'does not exist' (400)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from customers import visit_services
from customers.models import Customer, Outing, Visit
from customers.visit_selectors import open_outings_of
from managers.api.serializers import ScopedPrimaryKeyField
from managers.own_records import manager_of


class OwnOpenOutingField(serializers.PrimaryKeyRelatedField):
    """One of the requesting account manager's outings that is still open."""

    def get_queryset(self):
        return open_outings_of(manager_of(self.context["request"].user))


class VisitSerializer(serializers.ModelSerializer):
    manager = serializers.IntegerField(source="manager_id", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    customer = ScopedPrimaryKeyField(Customer)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    visited_at = serializers.DateTimeField(
        required=False, help_text=_("Default: now. A visit cannot be in the future.")
    )
    outing = OwnOpenOutingField(required=False, allow_null=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "manager",
            "manager_name",
            "customer",
            "customer_name",
            "method",
            "visited_at",
            "person_met",
            "person_department",
            "person_position",
            "purpose",
            "outcome",
            "next_steps",
            "outing",
        ]

    def create(self, validated_data):
        return visit_services.visit_create(actor=self.context["request"].user, **validated_data)


class OutingSerializer(serializers.ModelSerializer):
    manager = serializers.IntegerField(source="manager_id", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    customer = ScopedPrimaryKeyField(Customer, required=False, allow_null=True)
    customer_name = serializers.CharField(
        source="customer.name", read_only=True, allow_null=True, default=None
    )
    left_at = serializers.DateTimeField(required=False, help_text=_("Default: now."))
    is_overdue = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "Not closed by the return time on the day it started, or by the expected return."
        ),
    )

    class Meta:
        model = Outing
        fields = [
            "id",
            "manager",
            "manager_name",
            "customer",
            "customer_name",
            "destination",
            "purpose",
            "left_at",
            "expected_return_at",
            "returned_at",
            "is_overdue",
        ]
        read_only_fields = ["returned_at"]

    def create(self, validated_data):
        return visit_services.outing_register(actor=self.context["request"].user, **validated_data)
