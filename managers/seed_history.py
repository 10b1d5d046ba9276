"""The first history row of rows that data migrations seeded: simple-history writes one
on `save()`, but a migration's historical models have no history manager, so seeded
defaults (grade scheme, calendars, policies, catalogues) had none, and their first edit
in the admin showed an "after" with no "before"."""

from django.utils import timezone

REASON = "seeded default"
_HISTORY_COLUMNS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def record_seeded_rows(apps, app_label: str, model_names: list[str]) -> None:
    """A "+" history row, by nobody, for every row of the models that has none yet."""
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        columns = [
            field.attname
            for field in historical._meta.concrete_fields
            if field.attname not in _HISTORY_COLUMNS
        ]
        recorded = historical.objects.values("id")
        rows = model.objects.exclude(pk__in=recorded).values(*columns)
        historical.objects.bulk_create(
            [
                historical(**row, history_date=now, history_type="+", history_change_reason=REASON)
                for row in rows.iterator(chunk_size=1000)
            ],
            batch_size=1000,
        )


def forget_seeded_rows(apps, app_label: str, model_names: list[str]) -> None:
    for name in model_names:
        historical = apps.get_model(app_label, f"Historical{name}")
        historical.objects.filter(history_change_reason=REASON).delete()
