"""Serializers of outing checks, deadline records, judicial measures and rotations
(R-DIS-4, R-PRO-10, R-PRO-11). Referenced objects must be in the caller's scope."""

from datetime import date

from rest_framework import serializers

from compliance.deadlines import CreditApplication, CreditFileHandover
from compliance.outings import OutingCheck
from compliance.rotation import JudicialMeasure
from compliance.rotation_selectors import shift_years
from customers.models import Customer, Outing
from managers.api.serializers import ScopedPrimaryKeyField
from managers.models import AccountManager

MANAGER_NAME = {"source": "manager.name", "read_only": True}


class OutingCheckSerializer(serializers.ModelSerializer):
    outing = ScopedPrimaryKeyField(Outing)
    manager_name = serializers.CharField(**MANAGER_NAME)

    class Meta:
        model = OutingCheck
        fields = [
            "id",
            "outing",
            "manager",
            "manager_name",
            "checked_at",
            "at_registered_place",
            "note",
            "checked_by",
        ]
        read_only_fields = ["manager", "checked_by"]


class DeadlineSerializer(serializers.ModelSerializer):
    manager = ScopedPrimaryKeyField(AccountManager)
    customer = ScopedPrimaryKeyField(Customer)
    manager_name = serializers.CharField(**MANAGER_NAME)
    common = ["id", "manager", "manager_name", "customer", "due_on", "recorded_by"]


class CreditFileHandoverSerializer(DeadlineSerializer):
    class Meta:
        model = CreditFileHandover
        fields = [*DeadlineSerializer.common, "loan_granted_on", "handed_over_on"]
        read_only_fields = ["due_on", "recorded_by"]


class CreditApplicationSerializer(DeadlineSerializer):
    class Meta:
        model = CreditApplication
        fields = [*DeadlineSerializer.common, "received_on", "preliminary_opinion_on"]
        read_only_fields = ["due_on", "recorded_by"]


class JudicialMeasureSerializer(serializers.ModelSerializer):
    manager = ScopedPrimaryKeyField(AccountManager)
    manager_name = serializers.CharField(**MANAGER_NAME)

    class Meta:
        model = JudicialMeasure
        fields = ["id", "manager", "manager_name", "since", "until", "note", "recorded_by"]
        read_only_fields = ["recorded_by"]


class RotationSerializer(serializers.Serializer):
    manager = serializers.IntegerField(source="pk")
    manager_name = serializers.CharField(source="name")
    employee_number = serializers.CharField()
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    customers_held = serializers.IntegerField()
    held_since = serializers.DateField()
    due_on = serializers.SerializerMethodField()

    def get_due_on(self, row) -> date:
        return shift_years(row.held_since, self.context["policy"].years)
