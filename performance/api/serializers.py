"""Serializers of the performance API. Money is yuan as decimal strings (settlement: USD)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from rest_framework import serializers

from customers.api.import_views import ImportProblemSerializer
from managers.api.serializers import ScopedPrimaryKeyField
from managers.models import OrgUnit
from performance.evaluation_details import rebuilt
from performance.evaluations import parse_period
from performance.models import Evaluation, EvaluationResult, FigureImport


def _money(**kwargs):
    return serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True, **kwargs)


class BlankAsNullField(serializers.CharField):
    """A code stored as "" when there is none, shown as null."""

    def to_representation(self, value):
        return value or None


class EvaluationRequestSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="Year and quarter, e.g. 2026Q3")
    unit = ScopedPrimaryKeyField(
        OrgUnit,
        required=False,
        allow_null=True,
        help_text="Org unit id to evaluate (and below); default: your unit or the whole bank",
    )

    def validate_period(self, value: str) -> tuple[int, int]:
        try:
            return parse_period(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class EvaluationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:evaluation-detail")
    period = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(
        source="unit.name", read_only=True, allow_null=True, default=None
    )
    stage = serializers.SerializerMethodField()
    requested_by = serializers.CharField(
        source="requested_by.username", read_only=True, allow_null=True, default=None
    )
    rule_set_year = serializers.IntegerField(
        source="rule_set.year", read_only=True, allow_null=True, default=None
    )
    results = serializers.HyperlinkedIdentityField(view_name="api:evaluation-results")

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "url",
            "period",
            "year",
            "quarter",
            "unit",
            "unit_name",
            "status",
            "progress",
            "stage",
            "error",
            "requested_by",
            "requested_at",
            "started_at",
            "finished_at",
            "rule_set",
            "rule_set_year",
            "rule_set_version",
            "figures_import",
            "managers_count",
            "results",
        ]
        read_only_fields = fields

    def get_stage(self, evaluation) -> str:
        return gettext(evaluation.stage) if evaluation.stage else ""


class IndicatorsSerializer(serializers.Serializer):
    """R-ELG-1 over the customers at or above the grade's floor (R-ELG-2)."""

    customers_counted = serializers.IntegerField()
    deposits = _money()
    largest_deposit = _money()
    loans = _money()
    largest_loan = _money()
    settlement_usd = _money()
    new_deposits = _money()


class GradeSerializer(serializers.Serializer):
    code = serializers.CharField()
    indicators = IndicatorsSerializer()
    criteria_met = serializers.ListField(
        child=serializers.CharField(), help_text="deposits, loans, settlement, new_deposits"
    )
    criteria_needed = serializers.IntegerField()
    figures_met = serializers.BooleanField()
    tenure_met = serializers.BooleanField()
    eligible = serializers.BooleanField()


class GapSerializer(serializers.Serializer):
    """What is still missing for the grade above the current one (null: not offered)."""

    grade_code = serializers.CharField()
    deposits = _money(allow_null=True)
    deposit_single_customer = _money(allow_null=True)
    loans = _money(allow_null=True)
    loan_single_customer = _money(allow_null=True)
    settlement_usd = _money(allow_null=True, help_text="USD")
    new_deposits = _money(allow_null=True)
    criteria_short = serializers.IntegerField()
    marketing_years_short = serializers.DecimalField(max_digits=6, decimal_places=2)


class EvaluationResultSerializer(serializers.ModelSerializer):
    """One account manager's result (R-ELG-5); `grades`, `gap` and `messages` are rebuilt
    from the stored details with the evaluation's rules (context `rules_used`)."""

    manager = serializers.IntegerField(source="manager_id")
    employee_number = serializers.CharField(source="manager.employee_number")
    name = serializers.CharField(source="manager.name")
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    current_grade = BlankAsNullField(source="current_grade_code", allow_null=True)
    eligible_grade = BlankAsNullField(source="eligible_grade_code", allow_null=True)
    small_enterprise_tier = BlankAsNullField(allow_null=True)
    grades = GradeSerializer(source="verdict.grades", many=True)
    gap = GapSerializer(source="verdict.gap", allow_null=True)
    messages = serializers.ListField(child=serializers.CharField(), source="verdict.messages")

    class Meta:
        model = EvaluationResult
        fields = [
            "manager",
            "employee_number",
            "name",
            "unit",
            "unit_name",
            "current_grade",
            "eligible_grade",
            "action",
            "minimum_line_passed",
            "quality_passed",
            "deposits",
            "loans",
            "settlement_usd",
            "new_deposits",
            "deposit_target",
            "plan_completion",
            "customers_count",
            "credit_customers_count",
            "small_enterprise_tier",
            "grades",
            "gap",
            "messages",
        ]
        read_only_fields = fields

    def to_representation(self, result):
        # Rebuilt once per row (pure rules, no query); the `verdict.*` fields read it.
        result.verdict = rebuilt(
            result.details, self.context["rules_used"], result.current_grade_code or None
        )
        return super().to_representation(result)


class FigureImportSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:figure-import-detail")
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    months = serializers.ListField(child=serializers.CharField(), read_only=True)
    errors = ImportProblemSerializer(many=True, read_only=True)

    class Meta:
        model = FigureImport
        fields = [
            "id",
            "url",
            "status",
            "progress",
            "file_name",
            "file_format",
            "rows_total",
            "rows_created",
            "rows_updated",
            "months",
            "errors",
            "checksum",
            "created_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class FigureRowSerializer(serializers.Serializer):
    """One customer's figures of one month (the import template's columns, English keys).
    Amounts in yuan (settlement in USD), as numbers or strings."""

    customer_number = serializers.CharField()
    month = serializers.CharField(help_text="YYYY-MM")
    deposit_avg = serializers.DecimalField(max_digits=20, decimal_places=2)
    loan_avg = serializers.DecimalField(max_digits=20, decimal_places=2)
    settlement_usd = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
    loan_class = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True, help_text="1–5 (五级分类)"
    )
    interest_arrears = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
    overdue_days = serializers.IntegerField(min_value=0, required=False)
    advances = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
