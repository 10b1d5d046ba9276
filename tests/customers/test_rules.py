"""Pure rules: GB 11643 ID check digit, mainland phone, masking, credit shares (R-CUS-4),
trainees and credit customers (R-GRD-5), the corporate holding warning (R-ELG-6)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers import share_rules as rules
from customers.validators import mask_middle, validate_mainland_phone, validate_resident_id

CORPORATE = rules.CustomerFacts("corporate", False, Decimal("0"), Decimal("0"))


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_valid_resident_ids(number):
    validate_resident_id(number)


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",
        "11010519491231002",
        "1101051949123100X2",
        "１１０１０５１９４９１２３１００２Ｘ",
    ],
)
def test_invalid_resident_ids(number):
    with pytest.raises(ValidationError):
        validate_resident_id(number)


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13812345678", True),
        ("19912345678", True),
        ("12812345678", False),
        ("1381234567", False),
        ("+8613812345678", False),
        ("021-12345678", False),
    ],
)
def test_mainland_mobile(phone, ok):
    if ok:
        validate_mainland_phone(phone)
    else:
        with pytest.raises(ValidationError):
            validate_mainland_phone(phone)


def test_masking_keeps_first_three_and_last_four():
    assert mask_middle("13812345678") == "138****5678"
    assert mask_middle("11010519491231002X") == "110***********002X"
    assert mask_middle("") == ""


def share(manager, value, basis="whole"):
    return rules.Share(manager, Decimal(value), basis)


def errors(existing, new, minimum="0.5", trainee=False, customer=CORPORATE):
    return rules.share_errors(
        existing, new, minimum=Decimal(minimum), manager_is_trainee=trainee, customer=customer
    )


def test_shares_up_to_exactly_100_percent():
    assert errors([share(1, "0.6")], share(2, "0.4")) == {}
    assert "credit_share" in errors([share(1, "0.6")], share(2, "0.4001"))


def test_baseline_shares_stand_apart_from_the_100_percent():
    existing = [share(1, "1", "baseline"), share(3, "0.4", "whole")]
    assert errors(existing, share(2, "0.6", "increase"), minimum="0.6") == {}


@pytest.mark.parametrize(
    ("minimum", "main", "ok"),
    [("0.5", "0.5", True), ("0.5", "0.4999", False), ("0.8", "0.8", True), ("0.8", "0.7", False)],
)
def test_main_share_minimum_by_source(minimum, main, ok):
    assert (errors([], share(1, main), minimum=minimum) == {}) is ok


def test_a_secondary_share_is_fine_when_the_main_one_meets_the_minimum():
    assert errors([share(1, "0.8")], share(2, "0.2"), minimum="0.8") == {}


def test_trainee_may_not_hold_a_credit_customer():
    credit = rules.CustomerFacts("corporate", True, Decimal("0"), Decimal("1"))
    assert "manager" in errors([], share(1, "1"), trainee=True, customer=credit)
    assert errors([], share(1, "1"), trainee=True) == {}


def test_same_manager_twice_on_one_basis():
    assert "manager" in errors([share(1, "0.5")], share(1, "0.5"))


@pytest.mark.parametrize(
    ("deposits", "loans", "line", "warned"),
    [
        ("499999.99", "0", "corporate", True),
        ("500000", "0", "corporate", False),
        ("0", "1", "corporate", False),
        ("0", "0", "personal", False),
    ],
)
def test_corporate_holding_warning(deposits, loans, line, warned):
    customer = rules.CustomerFacts("corporate", False, Decimal(deposits), Decimal(loans))
    assert (rules.corporate_warning(customer, line) is not None) is warned
