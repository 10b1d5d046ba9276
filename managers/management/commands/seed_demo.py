from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from compliance.demo_cases import seed_cases
from compliance.demo_rotation import seed_rotation
from customers.demo import seed_customers
from managers import demo
from managers.demo_journals import seed_journals
from managers.models import User
from meetings.demo import seed_meetings
from performance.demo import seed_figures
from performance.demo_loans import seed_loans


class Command(BaseCommand):
    help = "Load a deterministic demo bank (org tree, one login per role, account managers)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(demo.SIZES), default="small")

    def handle(self, *args, size, **options):
        if demo.is_seeded():
            self.stdout.write("The demo bank is already loaded; nothing changed.")
        else:
            with transaction.atomic():
                bank = demo.seed(size)
                seed_customers(bank, bank.size.customers_per_manager, bank.rng)
                seed_figures(bank)
                seed_loans(bank)  # R-RPT-1: a few dozen, some due next month
                if size == "small":  # three months of daily records: too slow for bench size
                    seed_journals(bank)
                    seed_meetings(bank)
                    seed_cases(bank)
                    seed_rotation(bank)
            self.stdout.write(self.style.SUCCESS(f"Demo bank loaded (size: {size})."))
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):")
        users = User.objects.filter(
            username__in=["am", "head", "officer", "hr", "compliance", "admin", "api"]
        ).select_related("org_unit")
        for user in users.order_by("id"):
            unit = user.org_unit.name if user.org_unit else "-"
            self.stdout.write(f"  {user.username:<11} {_(user.get_role_display())} · {unit}")
        token = Token.objects.filter(user__username="api").first()
        if token:
            self.stdout.write(f"\nAPI token of 'api': {token.key}")
            self.stdout.write(
                "  curl -H 'Authorization: Token <key>' http://127.0.0.1:8000/api/v1/managers/"
            )
