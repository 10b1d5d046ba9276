"""REST API of loans falling due (R-RPT-1): the core-banking system sends loan contracts
with their balance and maturity date, upserted by contract number, all or nothing."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from customers.api.import_views import ImportProblemSerializer
from managers.import_files import ImportRefused, refused, reported
from performance.loan_imports import loans_upsert, may_import_loans

from .views import WritersOnly

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_BODY_LABEL = "10 MB"


class LoansBodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE

    def __init__(self):
        super().__init__(
            _("The body is larger than %(limit)s: split it into several requests.")
            % {"limit": MAX_BODY_LABEL}
        )


NOT_JSON = object()  # the parser's answer to a body that is not JSON


class CappedJSONParser(BaseParser):
    """JSON, read no further than MAX_BODY_BYTES; a body that is not JSON is NOT_JSON, so
    that the view reports it in its own error format."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        content = stream.read(MAX_BODY_BYTES + 1)
        if len(content) > MAX_BODY_BYTES:
            raise LoansBodyTooLarge
        try:
            return json.loads(content)
        except (ValueError, UnicodeDecodeError):
            return NOT_JSON


class LoanRowSerializer(serializers.Serializer):
    contract_number = serializers.CharField(max_length=40, help_text="Unique: the upsert key")
    customer = serializers.CharField(max_length=32, help_text="The customer number")
    balance = serializers.DecimalField(
        max_digits=18, decimal_places=2, min_value=0, help_text="Outstanding balance in yuan"
    )
    start_date = serializers.DateField()
    due_on = serializers.DateField(help_text="Maturity date, not before start_date")


class LoanUpsertSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class LoanImportView(APIView):
    """Create or update loans by contract number (R-RPT-1): a JSON list of loans. Nothing
    is saved if any row has a problem (unknown customer or one outside your units, bad
    date or amount, maturity before start, a contract twice): every problem is listed by
    row (item n of the list is row n) and field."""

    parser_classes = [CappedJSONParser]
    permission_classes = [WritersOnly]
    may_write = staticmethod(may_import_loans)
    refusal = gettext_lazy("Your role may not import loans.")

    @extend_schema(
        request=LoanRowSerializer(many=True),
        responses={
            200: LoanUpsertSerializer,
            400: OpenApiResponse(
                inline_serializer(
                    "LoanImportRejected", {"errors": ImportProblemSerializer(many=True)}
                ),
                description="Nothing was saved: the problems by row and field",
            ),
        },
    )
    def post(self, request):
        try:
            if request.data is NOT_JSON:
                raise refused(_("The body is not valid JSON."))
            result = loans_upsert(actor=request.user, items=request.data)
        except ImportRefused as refusal:
            errors = [error.as_dict() for error in reported(refusal.errors)]
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(LoanUpsertSerializer(result).data)
