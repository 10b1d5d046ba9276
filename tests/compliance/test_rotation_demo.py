"""`seed_rotation` gives the demo bank rotations due, outing and deadline proposals, a
judicial measure and unusual access to review (R-PRO-8, R-PRO-10, R-PRO-11, R-DIS-4)."""

from datetime import date

from compliance.demo_rotation import seed_rotation
from compliance.fine_choices import FineReason
from compliance.fines import FineProposal
from compliance.models import DisciplinaryAction, JudicialMeasure, OutingCheck
from compliance.rotation_selectors import rotation_list, shift_years
from customers.demo import seed_customers
from managers import demo


def test_seed_rotation(db):
    bank = demo.seed("small")
    seed_customers(bank, bank.size.customers_per_manager, bank.rng)
    seed_rotation(bank)
    reasons = set(FineProposal.objects.values_list("reason", flat=True))
    assert {
        FineReason.OUTING_ABSENT,
        FineReason.CREDIT_FILE_LATE,
        FineReason.OPINION_LATE,
    } <= reasons
    assert OutingCheck.objects.count() == 3
    assert DisciplinaryAction.objects.filter(kind="stand_down").count() == 1
    assert JudicialMeasure.objects.count() == 1
    rows = rotation_list(user=bank.logins["hr"], today=demo.DEMO_TODAY)
    due = [r for r in rows if shift_years(r.held_since, 3) <= date(2027, 1, 30)]
    assert len(due) >= 2
