"""Bad input to the pages' own forms (issue #9). Django's form fields refuse NUL characters;
these views read a note straight from the POST (fine and discipline decisions: a 500
before `managers.form_errors.posted_text`) or dropped an invalid note and decided anyway
(leave). Each now refuses with a message and saves nothing. The login form too."""

import pytest
from django.test import Client
from django.urls import reverse

from compliance.choices_cases import DisciplineKind
from compliance.discipline import DisciplinaryAction
from tests.hardening.row_counts import changed_counts, row_counts

pytestmark = pytest.mark.django_db

NUL = "甲\x00乙"


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "route, subject, decision",
    [
        ("fine-decide", "fine_proposal", "waive"),
        ("fine-decide", "fine_proposal", "confirm"),
        ("discipline-decide", "disciplinary_action", "waive"),
    ],
)
def test_a_nul_in_a_decision_note(world, route, subject, decision):
    client = browser(world.bank.compliance)
    if subject == "disciplinary_action":  # a proposal, still to decide
        pk = DisciplinaryAction.objects.create(
            manager=world.bank.am_a, kind=DisciplineKind.ADMONISHMENT, reason="诫勉建议"
        ).pk
    else:
        pk = world.sides["a"].objects[subject].pk
    before = row_counts()
    response = client.post(
        reverse(route, args=[pk]), {"decision": decision, "note": NUL}, follow=True
    )
    assert response.status_code == 200
    assert "NUL" in response.content.decode() or "空字符" in response.content.decode()
    assert changed_counts(before, row_counts()) == {}


def test_a_nul_in_a_leave_decision_note(world):
    """The leave is not decided without the note the approver wrote (it was dropped)."""
    leave = world.sides["a"].objects["leave_request"]
    client = browser(world.bank.head_a)
    before = row_counts()
    response = client.post(
        reverse("leave-request-decide", args=[leave.pk]),
        {"decision": "approve", "note": NUL},
        follow=True,
    )
    assert response.status_code == 200 and "空字符" in response.content.decode()
    assert changed_counts(before, row_counts()) == {}
    leave.refresh_from_db()
    assert leave.decided_at is None


def test_a_nul_in_the_login_name(world):
    before = row_counts()
    response = Client().post(reverse("login"), {"username": NUL, "password": "x"})
    assert response.status_code == 200
    assert changed_counts(before, row_counts()) == {}
