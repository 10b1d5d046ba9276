"""factory_boy factories with Chinese fake data. Org units are tree nodes, so the factory
creates them through treebeard (`add_root` / `add_child`), never with a bare save()."""

import datetime

import factory
from factory.django import DjangoModelFactory

from managers.choices import Education, ManagerLine, ManagerStatus, OrgUnitKind, Role
from managers.models import AccountManager, OrgUnit, User


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Faker("city_name", locale="zh_CN")
    kind = OrgUnitKind.SUB_BRANCH

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        return model_class.objects.add_child(parent, kwargs)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Faker("last_name", locale="zh_CN")
    first_name = factory.Faker("first_name", locale="zh_CN")
    role = Role.ACCOUNT_MANAGER
    password = factory.django.Password("test-pass-123")


class AccountManagerFactory(DjangoModelFactory):
    class Meta:
        model = AccountManager

    employee_number = factory.Sequence(lambda n: f"T{n:06d}")
    name = factory.Faker("name", locale="zh_CN")
    line = ManagerLine.CORPORATE
    hire_date = datetime.date(2018, 3, 1)
    marketing_since = datetime.date(2018, 6, 1)
    education = Education.BACHELOR
    status = ManagerStatus.ACTIVE


def grade_levels() -> dict:
    """The active scheme's levels by code, installing the default scheme when a flushing
    (transactional) test removed the one the migration seeded."""
    from managers.grade_defaults import install_default_scheme
    from managers.models import GradeLevel, GradeScheme

    if not GradeScheme.objects.filter(is_active=True).exists():
        install_default_scheme(GradeScheme, GradeLevel)
    return {level.code: level for level in GradeLevel.objects.filter(scheme__is_active=True)}


def appoint(manager, level, *, start, proposer, approver, justification="test exception"):
    """Give `manager` a grade through the real services (propose, then approve)."""
    from managers import grade_services
    from managers.choices import GradeChangeKind

    kind = (
        GradeChangeKind.APPOINT
        if manager.current_appointment_id is None
        else (GradeChangeKind.RENEW)
    )
    change = grade_services.grade_change_propose(
        actor=proposer,
        manager=manager,
        kind=kind,
        to_level=level,
        effective_date=start,
        reason="测试聘任",
    )
    grade_services.grade_change_approve(
        actor=approver, change=change, opinion="同意", exception_justification=justification
    )
    manager.refresh_from_db()
    return manager.current_appointment


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = "customers.Customer"

    number = factory.Sequence(lambda n: f"C{n:08d}")
    name = factory.Faker("company", locale="zh_CN")
    kind = "corporate"
    is_credit = False
    opened_on = datetime.date(2020, 5, 1)
    source = "natural"
    tier = "gold"
    contact_person = factory.Faker("name", locale="zh_CN")
    id_number = "11010519491231002X"
    phone = "13812345678"


def default_rule_set():
    """The 2026 rule set as the migration seeds it, re-seeded when a flushing
    (transactional) test removed it."""
    import importlib

    from django.apps import apps

    from performance.models import RuleSet

    if not RuleSet.objects.filter(year=2026, is_active=True).exists():
        importlib.import_module("performance.migrations.0002_default_rule_set").seed(apps, None)
    return RuleSet.objects.get(year=2026, is_active=True)
