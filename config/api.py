"""Shared REST API conventions: pagination, errors as JSON."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """DRF's handler, plus our services' Django errors as JSON: a PermissionDenied keeps
    its reason (403), a ValidationError keeps its field messages (400), the job queue
    being down is a 503 with Retry-After (nothing was queued), a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (DRF reads it through Django) a JSON 413, not Django's
    empty HTML 400 (issue #9)."""
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
    from django.core.exceptions import RequestDataTooBig
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework import exceptions
    from rest_framework.views import exception_handler as drf_exception_handler

    from config.celery import QueueUnavailable

    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(str(exc.args[0]))
    elif isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, QueueUnavailable):
        response = drf_exception_handler(QueueDown(str(exc.message)), context)
        response["Retry-After"] = "60"
        return response
    return drf_exception_handler(exc, context)


class QueueDown(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "queue_unavailable"


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE

    def __init__(self, limit: int):
        super().__init__(
            _("The body is larger than %(limit)s: split it into several requests.")
            % {"limit": filesizeformat(limit)}
        )
