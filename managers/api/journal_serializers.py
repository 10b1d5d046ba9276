"""Serializers of work journals (R-JNL-1) and their reviews (R-VIS-2). The account
manager is always the requesting user's own (read-only); a journal outside what the user
may see is 'does not exist' (400)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from managers import journal_services
from managers.models import JournalReview, WorkJournal
from managers.models.journals import SECTION_FIELDS

from .serializers import ScopedPrimaryKeyField


class ReviewSummarySerializer(serializers.ModelSerializer):
    reviewer_name = serializers.CharField(source="reviewer.get_full_name", read_only=True)

    class Meta:
        model = JournalReview
        fields = ["id", "reviewer", "reviewer_name", "opinion", "next_day_work", "work_day"]
        read_only_fields = fields


class WorkJournalSerializer(serializers.ModelSerializer):
    manager = serializers.IntegerField(source="manager_id", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    unit = serializers.IntegerField(source="manager.unit_id", read_only=True)
    unit_name = serializers.CharField(source="manager.unit.name", read_only=True)
    visit_count = serializers.IntegerField(
        read_only=True, default=0, help_text=_("Visits the manager logged that day.")
    )
    outing_count = serializers.IntegerField(
        read_only=True, default=0, help_text=_("Outings the manager registered that day.")
    )
    review = ReviewSummarySerializer(read_only=True, allow_null=True, default=None)
    submit = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("Submit at once; otherwise the journal is kept as a draft."),
    )

    class Meta:
        model = WorkJournal
        fields = [
            "id",
            "manager",
            "manager_name",
            "unit",
            "unit_name",
            "day",
            *SECTION_FIELDS,
            "status",
            "submitted_at",
            "visit_count",
            "outing_count",
            "review",
            "submit",
        ]
        read_only_fields = ["status", "submitted_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            fields["day"].read_only = True  # a journal stays on its day
        return fields

    def _sections(self, validated_data) -> dict[str, str]:
        return {name: validated_data[name] for name in SECTION_FIELDS if name in validated_data}

    def create(self, validated_data):
        return journal_services.journal_create(
            actor=self.context["request"].user,
            day=validated_data["day"],
            sections=self._sections(validated_data),
            submit=validated_data.get("submit", False),
        )

    def update(self, instance, validated_data):
        return journal_services.journal_update(
            actor=self.context["request"].user,
            journal=instance,
            sections=self._sections(validated_data),
            submit=validated_data.get("submit", False),
        )


class JournalReviewSerializer(serializers.ModelSerializer):
    journal = ScopedPrimaryKeyField(WorkJournal)
    journal_day = serializers.DateField(source="journal.day", read_only=True)
    manager = serializers.IntegerField(source="journal.manager_id", read_only=True)
    manager_name = serializers.CharField(source="journal.manager.name", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.get_full_name", read_only=True)

    class Meta:
        model = JournalReview
        fields = [
            "id",
            "journal",
            "journal_day",
            "manager",
            "manager_name",
            "reviewer",
            "reviewer_name",
            "opinion",
            "next_day_work",
            "work_day",
            "reviewed_at",
        ]
        read_only_fields = ["reviewer", "work_day", "reviewed_at"]
        extra_kwargs = {"opinion": {"allow_blank": True}}  # the service says what is missing

    def create(self, validated_data):
        return journal_services.journal_review(
            actor=self.context["request"].user,
            journal=validated_data["journal"],
            opinion=validated_data["opinion"],
            next_day_work=validated_data.get("next_day_work", ""),
        )
