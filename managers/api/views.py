"""REST API of the managers app. Lists and details go through the scoped selectors, so an
object outside the user's subtree answers 404."""

from rest_framework import mixins, viewsets

from managers import selectors
from managers.filtersets import AccountManagerFilterSet, OrgUnitFilterSet

from .permissions import HR_WRITERS, WriteRoles
from .serializers import AccountManagerSerializer, OrgUnitSerializer


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The org units (R-ORG-1) in the caller's subtree."""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def get_queryset(self):
        return selectors.org_units_for(self.request.user)


class AccountManagerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Account managers in the caller's subtree. HR and integration clients may create and
    update them (no deletion: a manager who leaves gets the status 'exited')."""

    serializer_class = AccountManagerSerializer
    filterset_class = AccountManagerFilterSet
    permission_classes = [WriteRoles]
    write_roles = HR_WRITERS

    def get_queryset(self):
        return selectors.account_managers_for(self.request.user)
