"""REST API of work journals (R-JNL-1) and their reviews (R-VIS-2). Lists and details go
through the scoped journal selectors (outside the scope: 404). Account managers write
their own journals; unit heads and credit officers write reviews (others: 403 with the
reason)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from managers import journal_selectors, journal_services
from managers.choices import Role
from managers.journal_access import JOURNAL_READERS, may_review
from managers.journal_filtersets import JournalReviewFilterSet, WorkJournalFilterSet

from .journal_serializers import JournalReviewSerializer, WorkJournalSerializer

READERS = JOURNAL_READERS | {Role.INTEGRATION}


def _may_read(user) -> bool:
    return bool(user and user.is_authenticated) and (user.sees_whole_bank or user.role in READERS)


class JournalAccess(BasePermission):
    """Reading for the roles that follow journals; writing for account managers, each
    their own."""

    message = _("Your role does not follow work journals.")

    def has_permission(self, request, view) -> bool:
        if not _may_read(request.user):
            return False
        if request.method in SAFE_METHODS:
            return True
        refusal = journal_services.writer_refusal(request.user)
        if refusal:
            self.message = refusal
            return False
        return True


class ReviewAccess(BasePermission):
    """Reading for the roles that follow journals; signing for heads and credit officers."""

    message = _("Only unit heads and credit officers review journals.")

    def has_permission(self, request, view) -> bool:
        if not _may_read(request.user):
            return False
        return request.method in SAFE_METHODS or may_review(request.user)


def _created(viewset, serializer) -> Response:
    """Answer a write with the row as the list shows it (with its computed fields)."""
    row = viewset.get_queryset().get(pk=serializer.instance.pk)
    return Response(viewset.get_serializer(row).data, status=status.HTTP_201_CREATED)


class WorkJournalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Work journals (R-JNL-1): an account manager's own, or a unit's subtree. An account
    manager creates the journal of a day (not a future one, one per day), changes it
    while it is a draft, and submits it (`submit: true` or the `submit` action)."""

    serializer_class = WorkJournalSerializer
    filterset_class = WorkJournalFilterSet
    permission_classes = [JournalAccess]

    def get_queryset(self):
        return journal_selectors.journals_for(self.request.user).order_by(
            "-day", "manager__name", "pk"
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return _created(self, serializer)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        row = self.get_queryset().get(pk=response.data["id"])
        return Response(self.get_serializer(row).data)

    @extend_schema(request=None, responses=WorkJournalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit the account manager's own draft as it is."""
        journal = journal_services.journal_submit(actor=request.user, journal=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=journal.pk)).data)


class JournalReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Reviews of journals (R-JNL-1, R-VIS-2): the head's signed opinion and the work
    assigned for the next working day. Created by a unit head or credit officer of the
    journal's subtree, once per submitted journal."""

    serializer_class = JournalReviewSerializer
    filterset_class = JournalReviewFilterSet
    permission_classes = [ReviewAccess]

    def get_queryset(self):
        return journal_selectors.reviews_for(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return _created(self, serializer)
