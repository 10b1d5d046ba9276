"""R-JNL-1 "heads spot-check journals": a random sample of N journals, or of P %, among a
period's submitted journals in the head's subtree, recorded with its seed so the head
sees the same sample again; pages scoped and with constant query counts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from managers import journal_services as services
from managers.models import JournalSpotCheck
from tests.factories import AccountManagerFactory
from tests.managers.journal_factories import WorkJournalFactory, submitted

START = date(2026, 9, 1)
END = date(2026, 9, 30)


@pytest.fixture
def journals(bank):
    """Twelve submitted journals in A's subtree in September, a draft, one in B, and one
    in A in October."""
    days = [START + timedelta(days=i) for i in range(0, 24, 2)]
    mine = [submitted(bank.am_a if i % 2 else bank.am_a1, day) for i, day in enumerate(days)]
    WorkJournalFactory(manager=bank.am_a, day=date(2026, 9, 30))
    submitted(bank.am_b, date(2026, 9, 10))
    submitted(bank.am_a, date(2026, 10, 8))
    return mine


def draw(user, unit, **how):
    return services.spot_check_draw(actor=user, unit=unit, start=START, end=END, **how)


def test_a_sample_of_n_is_drawn_from_the_subtree_and_recorded(bank, journals):
    check = draw(bank.head_a, bank.sub_a, count=5, seed=7)
    sample = set(check.journals.all())
    assert len(sample) == 5 and sample <= set(journals)
    assert (check.population, check.seed, check.drawn_by) == (12, 7, bank.head_a)
    again = draw(bank.head_a, bank.sub_a, count=5, seed=7)
    assert set(again.journals.all()) == sample  # the same seed draws the same sample
    assert check.history.get().history_user == bank.head_a


def test_a_percentage_rounds_up_and_a_count_is_capped(bank, journals):
    assert draw(bank.head_a, bank.sub_a, percent=10).journals.count() == 2  # 12 × 10% → 2
    assert draw(bank.head_a, bank.outlet_a1, count=50).journals.count() == 6


def test_a_new_seed_is_chosen_and_kept(bank, journals):
    check = draw(bank.head_a, bank.sub_a, count=3)
    check.refresh_from_db()
    assert check.seed is not None
    assert set(draw(bank.head_a, bank.sub_a, count=3, seed=check.seed).journals.all()) == set(
        check.journals.all()
    )


@pytest.mark.parametrize(
    ("how", "field"),
    [
        ({}, "count"),
        ({"count": 3, "percent": 10}, "count"),
    ],
)
def test_bad_requests_are_refused_and_nothing_saved(bank, journals, how, field):
    with pytest.raises(ValidationError) as refused:
        draw(bank.head_a, bank.sub_a, **how)
    assert field in refused.value.error_dict
    assert not JournalSpotCheck.objects.exists()


def test_another_units_subtree_or_an_empty_period_is_refused(bank, journals):
    with pytest.raises(ValidationError) as refused:
        draw(bank.head_b, bank.sub_a, count=3)
    assert "unit" in refused.value.error_dict
    with pytest.raises(ValidationError):
        services.spot_check_draw(actor=bank.head_a, unit=bank.sub_a, start=END, end=START, count=3)
    with pytest.raises(ValidationError):
        services.spot_check_draw(
            actor=bank.head_a,
            unit=bank.sub_a,
            start=date(2026, 8, 1),
            end=date(2026, 8, 31),
            count=3,
        )
    assert not JournalSpotCheck.objects.exists()


@pytest.mark.parametrize("user_attr", ["officer_a", "am_a_user", "hr"])
def test_only_heads_spot_check(bank, journals, user_attr):
    with pytest.raises(PermissionDenied):
        draw(getattr(bank, user_attr), bank.sub_a, count=3)


def test_the_conclusion_is_written_by_a_head_of_the_subtree(bank, journals):
    check = draw(bank.head_a, bank.sub_a, count=3)
    with pytest.raises(PermissionDenied):
        services.spot_check_conclude(actor=bank.head_b, spot_check=check, conclusion="好")
    with pytest.raises(ValidationError):
        services.spot_check_conclude(actor=bank.head_a, spot_check=check, conclusion=" ")
    services.spot_check_conclude(actor=bank.head_a, spot_check=check, conclusion="质量良好")
    check.refresh_from_db()
    assert check.conclusion == "质量良好" and check.concluded_at is not None


# --- pages ----------------------------------------------------------------------------------


def test_head_draws_on_the_page_and_sees_the_same_sample_again(client, bank, journals):
    client.force_login(bank.head_a)
    form = client.get(reverse("spot-check-list")).context["form"]
    assert set(form.fields["unit"].queryset) == {bank.sub_a, bank.outlet_a1}
    response = client.post(
        reverse("spot-check-list"),
        {"unit": bank.sub_a.pk, "start": "2026-09-01", "end": "2026-09-30", "count": 4},
    )
    check = JournalSpotCheck.objects.get()
    assert response["Location"] == reverse("spot-check-detail", args=[check.pk])
    first = list(client.get(response["Location"]).context["journals"])
    second = list(client.get(response["Location"]).context["journals"])
    assert first == second and len(first) == 4
    client.post(response["Location"], {"conclusion": "抽查4篇，填写规范"})
    check.refresh_from_db()
    assert check.conclusion == "抽查4篇，填写规范"


def test_a_bad_draw_shows_errors_and_saves_nothing(client, bank, journals):
    client.force_login(bank.head_a)
    response = client.post(
        reverse("spot-check-list"),
        {"unit": bank.sub_b.pk, "start": "2026-09-01", "end": "2026-09-30", "count": 4},
    )
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    assert not JournalSpotCheck.objects.exists()


def test_spot_checks_of_another_unit_answer_404(client, bank, journals):
    check = draw(bank.head_a, bank.sub_a, count=3)
    client.force_login(bank.head_b)
    assert client.get(reverse("spot-check-detail", args=[check.pk])).status_code == 404
    assert check not in client.get(reverse("spot-check-list")).context["page"]
    client.force_login(bank.am_a_user)
    assert client.get(reverse("spot-check-list")).status_code == 403


def test_spot_check_pages_keep_a_constant_query_count(
    client, bank, journals, django_assert_max_num_queries
):
    check = draw(bank.head_a, bank.sub_a, count=1)
    client.force_login(bank.head_a)
    detail = reverse("spot-check-detail", args=[check.pk])
    with django_assert_max_num_queries(12) as list_before:
        client.get(reverse("spot-check-list"))
    with django_assert_max_num_queries(12) as detail_before:
        client.get(detail)
    for index in range(8):
        manager = AccountManagerFactory(unit=bank.sub_a)
        submitted(manager, START + timedelta(days=index))
        draw(bank.head_a, bank.sub_a, count=2)
    in_a = check.journals.model.objects.filter(
        day__range=(START, END), manager__unit__path__startswith=bank.sub_a.path
    )
    check.journals.set(in_a[:15])
    with django_assert_max_num_queries(len(list_before.captured_queries)):
        assert len(client.get(reverse("spot-check-list")).context["page"]) == 9
    with django_assert_max_num_queries(len(detail_before.captured_queries)):
        assert len(client.get(detail).context["journals"]) == 15
