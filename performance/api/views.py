"""REST API of evaluations (R-ELG-5) and monthly figures (DOMAIN §3). Reading is scoped:
evaluations and their results by `restrict()` (outside: 404, or filtered out), figure
imports to their importer (whole-bank users see all). Writing is for the roles the
services allow (others: 403); the services do the work."""

from functools import cached_property
from typing import NamedTuple

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from customers.api.import_views import ImportProblemSerializer
from performance.evaluations import evaluation_request, may_evaluate
from performance.figure_files import MAX_FILE_BYTES, MAX_FILE_LABEL
from performance.figure_imports import figure_import_submit, may_import_figures
from performance.models import Evaluation, EvaluationResult, FigureImport, ImportStatus
from performance.selectors import visible_evaluations, visible_imports

from .filtersets import EvaluationFilterSet, EvaluationResultFilterSet
from .serializers import (
    EvaluationRequestSerializer,
    EvaluationResultSerializer,
    EvaluationSerializer,
    FigureImportSerializer,
    FigureRowSerializer,
)

# config.api.exception_handler's answer to config.celery.QueueUnavailable (issue #9).
QUEUE_DOWN = OpenApiResponse(
    inline_serializer("QueueUnavailable", {"detail": serializers.CharField()}),
    description="The job queue is down: nothing was queued; retry after Retry-After seconds",
)


class WritersOnly(BasePermission):
    """Reading for any signed-in user (the querysets scope it); writing when the view's
    `may_write(user)` allows, otherwise 403 with the view's `refusal`."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS or view.may_write(user):
            return True
        self.message = view.refusal
        return False


class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Evaluations of the caller's subtree and those covering their unit (R-ELG-5). HR,
    administrators and integration clients ask for one; a worker runs it (poll `progress`)."""

    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet
    permission_classes = [WritersOnly]
    may_write = staticmethod(may_evaluate)
    refusal = gettext_lazy("Your role may not run evaluations.")

    def get_queryset(self):
        return visible_evaluations(self.request.user).defer("rules_used")

    @extend_schema(
        request=EvaluationRequestSerializer, responses={202: EvaluationSerializer, 503: QUEUE_DOWN}
    )
    def create(self, request):
        """Evaluate a period for a unit (default: the caller's unit, or the whole bank for
        administrators). Asking again re-runs it; while it is queued or running, no-op."""
        ask = EvaluationRequestSerializer(data=request.data, context=self.get_serializer_context())
        ask.is_valid(raise_exception=True)
        year, quarter = ask.validated_data["period"]
        evaluation = evaluation_request(
            actor=request.user, year=year, quarter=quarter, unit=ask.validated_data.get("unit")
        )
        return Response(self.get_serializer(evaluation).data, status=status.HTTP_202_ACCEPTED)


class EvaluationResultList(generics.ListAPIView):
    """One evaluation's results per account manager, as far as the caller may see them
    (an account manager: their own). Per grade the indicators and criteria met, and the
    gap to the next grade (R-ELG-5)."""

    serializer_class = EvaluationResultSerializer
    filterset_class = EvaluationResultFilterSet

    @cached_property
    def evaluation(self) -> Evaluation:
        return get_object_or_404(
            Evaluation.objects.restrict(self.request.user), pk=self.kwargs["pk"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no evaluation
            return EvaluationResult.objects.none()
        return (
            EvaluationResult.objects.restrict(self.request.user)
            .filter(evaluation=self.evaluation)
            .select_related("manager", "unit")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["rules_used"] = self.evaluation.rules_used
        return context


class RawBody(NamedTuple):
    file_format: str
    content: bytes


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE

    def __init__(self):
        super().__init__(
            _("The body is larger than %(limit)s: split it into several requests.")
            % {"limit": MAX_FILE_LABEL}
        )


class RawBodyParser(BaseParser):
    """The body unread, for the figure importer (it parses JSON and CSV itself)."""

    file_format = "json"

    def parse(self, stream, media_type=None, parser_context=None) -> RawBody:
        content = stream.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise BodyTooLarge
        return RawBody(self.file_format, content)


class JSONBodyParser(RawBodyParser):
    media_type = "application/json"


class CSVBodyParser(RawBodyParser):
    media_type = "text/csv"
    file_format = "csv"


class FigureImportView(APIView):
    """Import monthly figures (DOMAIN §3): a JSON list of rows (or `{"figures": [...]}`),
    or a CSV body (`Content-Type: text/csv`) with the template's or the English headers.
    All or nothing: any bad row rejects the whole body, every problem listed by row and
    column. Small bodies are imported at once (201); large ones are queued (202: poll the
    import's `url`). A month imported again replaces that month's figures."""

    parser_classes = [JSONBodyParser, CSVBodyParser]
    permission_classes = [WritersOnly]
    may_write = staticmethod(may_import_figures)
    refusal = gettext_lazy("Your role may not import figures.")

    @extend_schema(
        request={
            "application/json": FigureRowSerializer(many=True),
            "text/csv": OpenApiTypes.STR,
        },
        responses={
            201: FigureImportSerializer,
            202: OpenApiResponse(FigureImportSerializer, description="Queued: poll its url"),
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="FigureImportRefused",
                    serializers=[
                        inline_serializer(
                            "FigureImportRejected",
                            {
                                "errors": ImportProblemSerializer(many=True),
                                "import": serializers.IntegerField(),
                            },
                        ),
                        inline_serializer("ErrorDetail", {"detail": serializers.CharField()}),
                    ],
                    resource_type_field_name=None,
                ),
                description=(
                    "Nothing was saved: the problems and the rejected import's id, or (no "
                    "body, a body that cannot be parsed) a message"
                ),
            ),
            503: QUEUE_DOWN,
        },
    )
    def post(self, request):
        body = request.data
        if not isinstance(body, RawBody):  # an empty body is never parsed
            raise ParseError(_("Send the figures in the body, as JSON or CSV."))
        record = figure_import_submit(
            actor=request.user,
            file_name="api",
            file_format=body.file_format,
            content=body.content,
        )
        if record.status == ImportStatus.REJECTED:
            return Response(
                {"errors": record.errors, "import": record.pk}, status=status.HTTP_400_BAD_REQUEST
            )
        queued = record.status == ImportStatus.QUEUED
        return Response(
            FigureImportSerializer(record, context={"request": request}).data,
            status=status.HTTP_202_ACCEPTED if queued else status.HTTP_201_CREATED,
        )


class FigureImportViewSet(viewsets.ReadOnlyModelViewSet):
    """Figure imports with their status, progress, counts and problems: administrators see
    all of them, everyone else their own."""

    serializer_class = FigureImportSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return FigureImport.objects.none()
        return visible_imports(self.request.user)
