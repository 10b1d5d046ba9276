"""REST API of fine proposals (R-DIS-4, R-MTG-2): scoped lists and details for those who
follow discipline; compliance officers confirm or waive (others: 403)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from compliance import fine_services
from compliance.fine_filtersets import FineProposalFilterSet
from compliance.fine_views import FINE_READERS, proposals_for
from managers.choices import Role

from .fine_serializers import FineConfirmSerializer, FineProposalSerializer, FineWaiveSerializer


class FineAccess(BasePermission):
    message = _("Your role does not follow fines.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        roles = FINE_READERS | {Role.INTEGRATION}
        return bool(user and user.is_authenticated and (user.sees_whole_bank or user.role in roles))


class FineProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Fine proposals: proposed by detection, confirmed or waived by compliance."""

    serializer_class = FineProposalSerializer
    filterset_class = FineProposalFilterSet
    permission_classes = [FineAccess]

    def get_queryset(self):
        return proposals_for(self.request.user)

    def _answer(self, proposal):
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(request=FineConfirmSerializer, responses=FineProposalSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        body = FineConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = fine_services.fine_confirm(
            actor=request.user, proposal=self.get_object(), **body.validated_data
        )
        return self._answer(proposal)

    @extend_schema(request=FineWaiveSerializer, responses=FineProposalSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        body = FineWaiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = fine_services.fine_waive(
            actor=request.user, proposal=self.get_object(), note=body.validated_data["note"]
        )
        return self._answer(proposal)
