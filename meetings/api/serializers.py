"""Serializers of meetings, attendance, leave and minutes scores (R-MTG-1…3). Writes go
through the services; ids the user may not use are 'does not exist' or a field error
(400)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from managers.api.serializers import ScopedPrimaryKeyField
from managers.models import OrgUnit, User

from .. import leave_services, minutes_services, services
from ..access import HOSTS
from ..models import Attendance, LeaveRequest, Meeting, MeetingType, Member, MinutesScore


class HostField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return User.objects.filter(role__in=HOSTS, is_active=True)


class SignInSerializer(serializers.Serializer):
    """One member's sign-in: `manager` (account manager id) or `staff` (credit officer's
    user id), and the times. Members left out signed in nowhere: absent, or on leave."""

    manager = serializers.IntegerField(required=False, allow_null=True)
    staff = serializers.IntegerField(required=False, allow_null=True)
    signed_in_at = serializers.DateTimeField(required=False, allow_null=True)
    left_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, attrs):
        manager, staff = attrs.get("manager"), attrs.get("staff")
        if (manager is None) == (staff is None):
            raise serializers.ValidationError(_("Give either `manager` or `staff`."))
        attrs["member"] = Member(manager_id=manager, staff_id=staff)
        return attrs


def sign_ins(rows) -> list[services.SignIn]:
    return [
        services.SignIn(row["member"], row.get("signed_in_at"), row.get("left_at")) for row in rows
    ]


class MeetingSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyField(OrgUnit)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    meeting_type = serializers.PrimaryKeyRelatedField(queryset=MeetingType.objects.active())
    meeting_type_name = serializers.CharField(source="meeting_type.name", read_only=True)
    combined_with = serializers.PrimaryKeyRelatedField(
        queryset=MeetingType.objects.active(), required=False, allow_null=True
    )
    host = HostField()
    host_name = serializers.CharField(source="host.get_full_name", read_only=True)
    expected_count = serializers.IntegerField(read_only=True)
    late_count = serializers.IntegerField(read_only=True)
    left_early_count = serializers.IntegerField(read_only=True)
    absent_count = serializers.IntegerField(read_only=True)
    leave_count = serializers.IntegerField(read_only=True)
    minutes_score = serializers.IntegerField(
        source="minutes_score.score", read_only=True, allow_null=True, default=None
    )
    sign_ins = SignInSerializer(many=True, write_only=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "unit",
            "unit_name",
            "meeting_type",
            "meeting_type_name",
            "combined_with",
            "date",
            "starts_at",
            "ends_at",
            "host",
            "host_name",
            "place",
            "study",
            "reports",
            "priorities",
            "minutes",
            "expected_count",
            "late_count",
            "left_early_count",
            "absent_count",
            "leave_count",
            "minutes_score",
            "sign_ins",
        ]
        read_only_fields = ["date"]

    def create(self, validated_data):
        rows = validated_data.pop("sign_ins", [])
        return services.meeting_record(
            actor=self.context["request"].user, sign_ins=sign_ins(rows), **validated_data
        )

    def update(self, instance, validated_data):
        rows = validated_data.pop("sign_ins", None)
        fixed = {"unit", "meeting_type"} & set(validated_data)
        if any(validated_data[name] != getattr(instance, name) for name in fixed):
            raise serializers.ValidationError(
                {name: _("A recorded meeting keeps its unit and type.") for name in fixed}
            )
        for name in fixed:
            validated_data.pop(name)
        return services.meeting_update(
            actor=self.context["request"].user,
            meeting=instance,
            sign_ins=None if rows is None else sign_ins(rows),
            **validated_data,
        )


class AttendanceSerializer(serializers.ModelSerializer):
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)
    unit = serializers.IntegerField(source="meeting.unit_id", read_only=True)
    unit_name = serializers.CharField(source="meeting.unit.name", read_only=True)
    meeting_type = serializers.IntegerField(source="meeting.meeting_type_id", read_only=True)
    person_name = serializers.CharField(read_only=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "meeting",
            "meeting_date",
            "unit",
            "unit_name",
            "meeting_type",
            "manager",
            "staff",
            "person_name",
            "signed_in_at",
            "left_at",
            "status",
            "minutes_late",
            "leave",
        ]
        read_only_fields = ["meeting", "manager", "staff", "status", "minutes_late", "leave"]

    def update(self, instance, validated_data):
        return services.attendance_sign_in(
            actor=self.context["request"].user,
            attendance=instance,
            signed_in_at=validated_data.get("signed_in_at", instance.signed_in_at),
            left_at=validated_data.get("left_at", instance.left_at),
        )


class LeaveRequestSerializer(serializers.ModelSerializer):
    manager = serializers.IntegerField(source="manager_id", required=False, allow_null=True)
    staff = serializers.IntegerField(source="staff_id", required=False, allow_null=True)
    person_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = LeaveRequest
        fields = [
            "id",
            "manager",
            "staff",
            "person_name",
            "unit",
            "unit_name",
            "date_from",
            "date_to",
            "reason",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = [
            "unit",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]

    def validate(self, attrs):
        manager, staff = attrs.pop("manager_id", None), attrs.pop("staff_id", None)
        if (manager is None) == (staff is None):
            raise serializers.ValidationError({"manager": _("Give either `manager` or `staff`.")})
        attrs["member"] = Member(manager_id=manager, staff_id=staff)
        return attrs

    def create(self, validated_data):
        return leave_services.leave_request(actor=self.context["request"].user, **validated_data)


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MinutesScoreSerializer(serializers.ModelSerializer):
    meeting = ScopedPrimaryKeyField(Meeting)
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)
    meeting_type = serializers.IntegerField(source="meeting.meeting_type_id", read_only=True)
    unit = serializers.IntegerField(source="meeting.unit_id", read_only=True)
    unit_name = serializers.CharField(source="meeting.unit.name", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.get_full_name", read_only=True)

    class Meta:
        model = MinutesScore
        fields = [
            "id",
            "meeting",
            "meeting_date",
            "meeting_type",
            "unit",
            "unit_name",
            "reviewer",
            "reviewer_name",
            "score",
            "note",
            "scored_at",
        ]
        read_only_fields = ["reviewer", "scored_at"]

    def create(self, validated_data):
        return minutes_services.minutes_score(actor=self.context["request"].user, **validated_data)
