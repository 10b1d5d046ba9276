"""REST API of the prohibitions catalogue, violation cases and disciplinary actions.
Lists are scoped (`restrict`), an object outside the scope answers 404; the services
decide who may write, and their errors come back as JSON (400 with the field, 403)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from compliance import case_selectors as selectors
from compliance import case_services, discipline_services
from compliance.case_access import DISCIPLINE_READERS
from compliance.case_filtersets import (
    DisciplinaryActionFilterSet,
    ProhibitionFilterSet,
    ViolationCaseFilterSet,
)
from compliance.prohibitions import Prohibition
from managers.choices import Role

from .case_serializers import (
    AcknowledgementSerializer,
    ActionConfirmSerializer,
    ActionRecordSerializer,
    ActionWaiveSerializer,
    CaseStepRequestSerializer,
    DisciplinaryActionSerializer,
    EvidenceSerializer,
    EvidenceUploadSerializer,
    ProhibitionSerializer,
    ViolationCaseDetailSerializer,
    ViolationCaseSerializer,
    ViolationReportSerializer,
)

UPLOADS = [MultiPartParser, FormParser, JSONParser]


class ProhibitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The prohibitions (R-PRO-1…10) and other conduct rules (R-PRO-11). Everyone reads;
    administrators edit them in admin."""

    serializer_class = ProhibitionSerializer
    filterset_class = ProhibitionFilterSet
    queryset = Prohibition.objects.all()

    @extend_schema(request=None, responses=AcknowledgementSerializer)
    @action(detail=False, methods=["post"])
    def acknowledge(self, request):
        """An account manager acknowledges this year's catalogue (once, again if it changed)."""
        record = case_services.prohibitions_acknowledge(
            actor=request.user, today=timezone.localdate()
        )
        return Response(AcknowledgementSerializer(record).data)


class ViolationCaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Violation cases: anyone with a role reports; compliance investigates."""

    filterset_class = ViolationCaseFilterSet
    parser_classes = UPLOADS

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.case_detail_for(self.request.user)
        return selectors.cases_for(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ViolationReportSerializer
        if self.action == "retrieve":
            return ViolationCaseDetailSerializer
        return ViolationCaseSerializer

    def _answer(self, case, code=status.HTTP_200_OK):
        fresh = selectors.case_detail_for(self.request.user).get(pk=case.pk)
        context = self.get_serializer_context()
        return Response(ViolationCaseDetailSerializer(fresh, context=context).data, status=code)

    @extend_schema(request=ViolationReportSerializer, responses=ViolationCaseDetailSerializer)
    def create(self, request, *args, **kwargs):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        case = case_services.case_report(
            actor=request.user,
            manager=data["manager"],
            rules=data.get("rules", []),
            occurred_on=data["occurred_on"],
            place=data["place"],
            customer_numbers=data["customer_numbers"],
            description=data["description"],
            confidential=data["confidential"],
            files=data["evidence"],
        )
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(request=CaseStepRequestSerializer, responses=ViolationCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Compliance moves the case one step with a note (confirming needs a rule)."""
        body = CaseStepRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = case_services.case_advance(
            actor=request.user,
            case=self.get_object(),
            to_status=body.validated_data["to_status"],
            note=body.validated_data["note"],
            rules=body.validated_data.get("rules") or None,
        )
        return self._answer(case)

    @extend_schema(request=EvidenceUploadSerializer, responses=EvidenceSerializer(many=True))
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        """Add evidence files (multipart, field `evidence`, repeated)."""
        body = EvidenceUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = case_services.evidence_add(
            actor=request.user, case=self.get_object(), files=body.validated_data["evidence"]
        )
        return Response(EvidenceSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)


class DisciplineAccess(BasePermission):
    message = _("Your role does not follow disciplinary actions.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        roles = DISCIPLINE_READERS | {Role.INTEGRATION, Role.ACCOUNT_MANAGER}
        return bool(user and user.is_authenticated and (user.sees_whole_bank or user.role in roles))


class DisciplinaryActionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Disciplinary actions (R-DIS-1…3): proposed by detection or recorded by a person,
    confirmed or waived by another (compliance: admonishment, yellow card; HR: demotion,
    exit, dismissal). An account manager sees only the actions confirmed against them."""

    filterset_class = DisciplinaryActionFilterSet
    permission_classes = [DisciplineAccess]

    def get_queryset(self):
        return selectors.actions_for(self.request.user)

    def get_serializer_class(self):
        return ActionRecordSerializer if self.action == "create" else DisciplinaryActionSerializer

    def _answer(self, record, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(DisciplinaryActionSerializer(fresh).data, status=code)

    @extend_schema(request=ActionRecordSerializer, responses=DisciplinaryActionSerializer)
    def create(self, request, *args, **kwargs):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = discipline_services.action_record(actor=request.user, **body.validated_data)
        return self._answer(record, status.HTTP_201_CREATED)

    @extend_schema(request=ActionConfirmSerializer, responses=DisciplinaryActionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        body = ActionConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = discipline_services.action_confirm(
            actor=request.user, action=self.get_object(), **body.validated_data
        )
        return self._answer(record)

    @extend_schema(request=ActionWaiveSerializer, responses=DisciplinaryActionSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        body = ActionWaiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = discipline_services.action_waive(
            actor=request.user, action=self.get_object(), note=body.validated_data["note"]
        )
        return self._answer(record)
