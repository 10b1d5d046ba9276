"""Serializers of the prohibitions catalogue, violation cases and disciplinary actions.
A confidential reporter is `null` for whoever may not see them (R-PRO, see
`compliance.violations.reporter_shown`)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compliance.case_selectors import reportable_managers
from compliance.choices_cases import CaseStatus, DisciplineKind
from compliance.discipline import DisciplinaryAction
from compliance.discipline_text import describe
from compliance.prohibitions import Prohibition, ProhibitionAcknowledgement
from compliance.violations import Evidence, ViolationCase, ViolationStep, reporter_shown
from managers.api.serializers import ScopedPrimaryKeyField
from managers.models import AccountManager


class ProhibitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Prohibition
        fields = ["id", "code", "order", "title", "text", "is_active", "version", "revised_at"]
        read_only_fields = fields


class AcknowledgementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProhibitionAcknowledgement
        fields = ["id", "manager", "year", "acknowledged_at", "fingerprint"]
        read_only_fields = fields


def _user_sees_reporter(serializer, case) -> bool:
    return reporter_shown(case, serializer.context["request"].user)


class ViolationCaseSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    rules = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    customers = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    reporter = serializers.SerializerMethodField()
    reporter_name = serializers.SerializerMethodField()

    class Meta:
        model = ViolationCase
        fields = [
            "id",
            "number",
            "manager",
            "manager_name",
            "unit",
            "unit_name",
            "rules",
            "occurred_on",
            "place",
            "customers",
            "description",
            "status",
            "reporter",
            "reporter_name",
            "reporter_confidential",
            "reported_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.INT)
    def get_reporter(self, case):
        return case.reporter_id if _user_sees_reporter(self, case) else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_reporter_name(self, case):
        return case.reporter.get_full_name() if _user_sees_reporter(self, case) else None


class StepSerializer(serializers.ModelSerializer):
    # The first step (reported) comes from no status: "".
    from_status = serializers.ChoiceField(
        choices=[("", ""), *CaseStatus.choices], allow_blank=True, read_only=True
    )
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = ViolationStep
        fields = ["from_status", "to_status", "actor_name", "at", "note"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor_name(self, step):
        hidden = self.context.get("hidden_user")
        return None if step.actor_id == hidden else step.actor.get_full_name()


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class ViolationCaseDetailSerializer(ViolationCaseSerializer):
    steps = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(ViolationCaseSerializer.Meta):
        fields = [*ViolationCaseSerializer.Meta.fields, "steps", "evidence"]
        read_only_fields = fields

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, case):
        hidden = None if _user_sees_reporter(self, case) else case.reporter_id
        context = {**self.context, "hidden_user": hidden}
        return StepSerializer(case.steps.all(), many=True, context=context).data


@extend_schema_field(OpenApiTypes.INT)
class ReportableManagerField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return reportable_managers(self.context["request"].user)


class ViolationReportSerializer(serializers.Serializer):
    manager = ReportableManagerField()
    rules = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Prohibition.objects.filter(is_active=True),
    )
    occurred_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    customer_numbers = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, default=list
    )
    description = serializers.CharField()
    confidential = serializers.BooleanField(required=False, default=False)
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class CaseStepRequestSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=CaseStatus.choices)
    note = serializers.CharField()
    rules = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Prohibition.objects.filter(is_active=True),
    )


class EvidenceUploadSerializer(serializers.Serializer):
    evidence = serializers.ListField(child=serializers.FileField(), min_length=1)


class DisciplinaryActionSerializer(serializers.ModelSerializer):
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    unit_name = serializers.CharField(source="manager.unit.name", read_only=True)
    description = serializers.SerializerMethodField()

    class Meta:
        model = DisciplinaryAction
        fields = [
            "id",
            "manager",
            "manager_name",
            "unit_name",
            "kind",
            "status",
            "trigger",
            "facts",
            "description",
            "reason",
            "start_date",
            "end_date",
            "case",
            "evaluation",
            "customer",
            "previous",
            "grade_change",
            "proposed_at",
            "proposed_by",
            "decided_by",
            "decided_at",
            "note",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_description(self, action) -> str:
        return describe(action)


class ActionRecordSerializer(serializers.Serializer):
    manager = ScopedPrimaryKeyField(AccountManager)
    kind = serializers.ChoiceField(choices=DisciplineKind.choices)
    reason = serializers.CharField()
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    case = ScopedPrimaryKeyField(ViolationCase, required=False, allow_null=True, default=None)


class ActionConfirmSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ActionWaiveSerializer(serializers.Serializer):
    note = serializers.CharField()
