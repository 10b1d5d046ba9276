from contextlib import contextmanager

from django.core.exceptions import ValidationError as ModelValidationError
from rest_framework import serializers

from managers import services
from managers.models import AccountManager, OrgUnit


@contextmanager
def model_errors_as_api_errors():
    """A service's model validation error becomes a 400 with field-level messages."""
    try:
        yield
    except ModelValidationError as error:
        raise serializers.ValidationError(error.message_dict) from error


class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """An org unit the requesting user may see; any other id is 'does not exist' (400)."""

    def get_queryset(self):
        return OrgUnit.objects.restrict(self.context["request"].user)


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "depth", "parent"]


class AccountManagerSerializer(serializers.ModelSerializer):
    unit = ScopedUnitField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = AccountManager
        fields = [
            "id",
            "employee_number",
            "name",
            "line",
            "unit",
            "unit_name",
            "hire_date",
            "marketing_since",
            "education",
            "status",
        ]

    def create(self, validated_data):
        with model_errors_as_api_errors():
            return services.account_manager_create(
                actor=self.context["request"].user, **validated_data
            )

    def update(self, instance, validated_data):
        with model_errors_as_api_errors():
            return services.account_manager_update(
                manager=instance, actor=self.context["request"].user, **validated_data
            )
