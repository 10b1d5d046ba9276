"""Serializers of fine proposals (R-DIS-4, R-MTG-2)."""

from rest_framework import serializers

from compliance.fines import FineProposal


class FineProposalSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = FineProposal
        fields = [
            "id",
            "manager",
            "staff",
            "person_name",
            "unit",
            "unit_name",
            "reason",
            "amount",
            "day",
            "meeting",
            "status",
            "proposed_at",
            "decided_by",
            "decided_at",
            "note",
        ]
        read_only_fields = fields


class FineConfirmSerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FineWaiveSerializer(serializers.Serializer):
    note = serializers.CharField()
