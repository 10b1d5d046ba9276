import pytest

from tests.factories import CustomerFactory


@pytest.fixture
def customer_a(bank):
    """A corporate customer of sub-branch A with real-looking personal data."""
    return CustomerFactory(
        unit=bank.sub_a,
        name="城东科技有限公司",
        id_number="11010519491231002X",
        phone="13812345678",
    )


@pytest.fixture
def customer_b(bank):
    return CustomerFactory(unit=bank.sub_b, name="城西贸易有限公司")
