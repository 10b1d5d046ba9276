import pytest

from compliance.fines import DEFAULT_FINES, FineRate
from meetings.defaults import install_default_types
from meetings.models import MeetingType


@pytest.fixture(autouse=True)
def meeting_defaults(db):
    """The migrations' meeting types and fine schedule, re-installed when a flushing
    (transactional) test removed them."""
    if not MeetingType.objects.filter(code="morning").exists():
        install_default_types(MeetingType)
    for reason, (amount, minimum) in DEFAULT_FINES.items():
        FineRate.objects.get_or_create(
            reason=reason, defaults={"amount": amount, "minimum": minimum}
        )


@pytest.fixture
def english():
    """Service messages in English, so tests can match their wording (the UI is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
