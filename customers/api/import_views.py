"""API for importing customers and their assignments (R-CUS-1…4, R-PRO-8): one multipart
upload, all or nothing; 200 with the counts, or 400 with every problem by row and column."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from customers.import_services import IMPORT_ROLES, customer_import_upload
from customers.imports import CappedUploadHandler, too_large_message
from managers.import_files import RowError, reported


class MayImport(BasePermission):
    message = gettext_lazy("Your role may not import customers.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.sees_whole_bank or user.role in IMPORT_ROLES


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The .xlsx or .csv file, at most 10 MB.")


class ImportProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text="Row as Excel shows it (the header is row 1); null: the file"
    )
    column = serializers.CharField(allow_null=True, help_text="The column's header")
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    assignments_created = serializers.IntegerField()
    warnings = ImportProblemSerializer(many=True)


# drf-spectacular wraps lists only on 2xx responses: the 400 body is spelt out.
PROBLEM_LIST = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "row": {"type": "integer", "nullable": True},
            "column": {"type": "string", "nullable": True},
            "message": {"type": "string"},
        },
        "required": ["row", "column", "message"],
    },
}


class CustomerImportView(APIView):
    """Create or update customers by customer number and assign them to account managers
    from a file in the import template's format. Nothing is saved if any row has a problem.
    Units and account managers must be within the caller's scope."""

    parser_classes = [MultiPartParser]
    permission_classes = [MayImport]

    def initialize_request(self, request, *args, **kwargs):
        # Before anything reads the body: a request over the size limit is never parsed.
        self.upload_guard = CappedUploadHandler(request)
        request.upload_handlers.insert(0, self.upload_guard)
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            200: ImportResultSerializer,
            400: OpenApiResponse(PROBLEM_LIST, description="Nothing was saved: the problems"),
        },
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if self.upload_guard.too_large:
            return self._problems([RowError(None, None, too_large_message())])
        if upload is None:
            message = _("Send the file in the multipart field “file”.")
            return self._problems([RowError(None, "file", message)])
        outcome = customer_import_upload(
            actor=request.user,
            upload=upload,
            today=timezone.localdate(),
            ip_address=request.META.get("REMOTE_ADDR"),
            path=request.path,
        )
        if outcome.errors:
            return self._problems(outcome.errors)
        result = outcome.result
        data = {
            **result.counts(),
            "warnings": [warning.as_dict() for warning in reported(result.warnings)],
        }
        return Response(data)

    def _problems(self, errors: list[RowError]) -> Response:
        return Response(
            [error.as_dict() for error in reported(errors)], status=status.HTTP_400_BAD_REQUEST
        )
