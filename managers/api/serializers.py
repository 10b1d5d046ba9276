from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from managers import grade_services, services
from managers.models import AccountManager, GradeChange, GradeLevel, OrgUnit


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An object the requesting user may see; any other id is 'does not exist' (400)."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.restrict(self.context["request"].user)


class ActiveGradeLevelField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return GradeLevel.objects.filter(scheme__is_active=True)


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "depth", "parent"]


class AccountManagerSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyField(OrgUnit)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    grade = serializers.CharField(
        source="current_appointment.level.code", read_only=True, allow_null=True, default=None
    )
    grade_name = serializers.CharField(
        source="current_appointment.level.name", read_only=True, allow_null=True, default=None
    )
    staff_grade = serializers.IntegerField(
        source="current_appointment.level.staff_grade",
        read_only=True,
        allow_null=True,
        default=None,
    )
    appointed_from = serializers.DateField(
        source="current_appointment.start_date", read_only=True, allow_null=True, default=None
    )
    term_ends = serializers.DateField(
        source="current_appointment.end_date", read_only=True, allow_null=True, default=None
    )

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
            "professional_title",
            "entry_route",
            "status",
            "grade",
            "grade_name",
            "staff_grade",
            "appointed_from",
            "term_ends",
        ]

    def create(self, validated_data):
        return services.account_manager_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.account_manager_update(
            manager=instance, actor=self.context["request"].user, **validated_data
        )


class GradeLevelSerializer(serializers.ModelSerializer):
    monthly_allowances = serializers.DecimalField(max_digits=18, decimal_places=2, read_only=True)

    class Meta:
        model = GradeLevel
        fields = [
            "id",
            "scheme",
            "code",
            "name",
            "rank",
            "staff_grade",
            "communication_allowance",
            "transport_allowance",
            "monthly_allowances",
            "approval_authority",
            "min_marketing_years",
            "is_trainee",
        ]


class GradeChangeSerializer(serializers.ModelSerializer):
    manager = ScopedPrimaryKeyField(AccountManager)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    to_level = ActiveGradeLevelField(allow_null=True, required=False)
    proposed_by = serializers.CharField(source="proposed_by.get_full_name", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.get_full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = GradeChange
        fields = [
            "id",
            "manager",
            "manager_name",
            "kind",
            "from_level",
            "to_level",
            "effective_date",
            "reason",
            "status",
            "authority",
            "prerequisite_issues",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "opinion",
            "is_exception",
            "exception_justification",
        ]
        read_only_fields = [
            "from_level",
            "status",
            "authority",
            "prerequisite_issues",
            "proposed_at",
            "decided_at",
            "opinion",
            "is_exception",
            "exception_justification",
        ]

    def create(self, validated_data):
        return grade_services.grade_change_propose(
            actor=self.context["request"].user,
            manager=validated_data["manager"],
            kind=validated_data["kind"],
            to_level=validated_data.get("to_level"),
            effective_date=validated_data["effective_date"],
            reason=validated_data["reason"],
        )


class GradeDecisionSerializer(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    exception_justification = serializers.CharField(required=False, allow_blank=True, default="")
