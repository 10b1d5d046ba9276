from rest_framework import serializers

from customers.models import Assignment, Customer, Transfer
from customers.validators import mask_middle
from managers.api.serializers import ScopedPrimaryKeyField
from managers.models import AccountManager


class HolderSerializer(serializers.ModelSerializer):
    manager = serializers.IntegerField(source="manager_id")
    manager_name = serializers.CharField(source="manager.name")
    employee_number = serializers.CharField(source="manager.employee_number")

    class Meta:
        model = Assignment
        fields = ["manager", "manager_name", "employee_number", "credit_share", "basis"]


class CustomerSerializer(serializers.ModelSerializer):
    """Personal data is masked here; `POST …/reveal/` shows it and logs the access."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    holders = HolderSerializer(source="current_assignments", many=True, read_only=True)

    class Meta:
        model = Customer
        fields = [
            "id",
            "number",
            "name",
            "kind",
            "is_credit",
            "unit",
            "unit_name",
            "opened_on",
            "has_basic_account",
            "source",
            "tier",
            "contact_person",
            "id_number",
            "phone",
            "deposit_daily_avg",
            "loan_balance",
            "holders",
        ]

    def get_id_number(self, customer) -> str:
        return mask_middle(customer.id_number)

    def get_phone(self, customer) -> str:
        return mask_middle(customer.phone)


class RevealRequestSerializer(serializers.Serializer):
    purpose = serializers.CharField(min_length=4, max_length=500)


class RevealedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "number", "name", "id_number", "phone", "contact_person"]


class AssignmentSerializer(serializers.ModelSerializer):
    customer = ScopedPrimaryKeyField(Customer)
    manager = ScopedPrimaryKeyField(AccountManager)
    customer_number = serializers.CharField(source="customer.number", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True, default=list)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "customer",
            "customer_number",
            "manager",
            "manager_name",
            "credit_share",
            "basis",
            "baseline_deposit_avg",
            "start_date",
            "end_date",
            "warnings",
        ]
        read_only_fields = ["basis", "baseline_deposit_avg", "end_date"]


class EndAssignmentSerializer(serializers.Serializer):
    end_date = serializers.DateField()


class BulkAssignSerializer(serializers.Serializer):
    customers = serializers.ListField(
        child=ScopedPrimaryKeyField(Customer), min_length=1, max_length=1000
    )
    manager = ScopedPrimaryKeyField(AccountManager)
    credit_share = serializers.DecimalField(max_digits=5, decimal_places=4)
    start_date = serializers.DateField()


class TransferSerializer(serializers.ModelSerializer):
    customer = ScopedPrimaryKeyField(Customer)
    from_manager = ScopedPrimaryKeyField(AccountManager)
    to_manager = ScopedPrimaryKeyField(AccountManager)
    baseline_deposit_avg = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="Defaults to the customer's latest deposit daily average.",
    )

    class Meta:
        model = Transfer
        fields = [
            "id",
            "customer",
            "from_manager",
            "to_manager",
            "transfer_date",
            "baseline_deposit_avg",
            "increase_share",
            "reason",
            "created_at",
        ]
