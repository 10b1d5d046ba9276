"""`seed_demo` also loads a few dozen loans (R-RPT-1), some due in the month after
DEMO_TODAY, a few of them of the demo account manager's customers."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from managers.models import User
from performance.loan_selectors import loans_for
from performance.models import Loan


def test_demo_bank_has_loans_due_next_month(db):
    call_command("seed_demo", stdout=StringIO())
    loans = Loan.objects.all()
    assert 30 <= loans.count() <= 60
    december = loans.filter(due_on__range=(date(2026, 12, 1), date(2026, 12, 31)))
    assert december.count() >= 10
    assert not loans.filter(balance__lte=0).exists()
    assert Loan.history.count() == loans.count()
    head = User.objects.get(username="head")
    assert loans_for(head).filter(due_on__month=12, due_on__year=2026).exists()
    assert loans_for(User.objects.get(username="am")).exists()
