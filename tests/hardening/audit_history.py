"""What a write did to the business tables, and whether django-simple-history recorded it:
a snapshot of every business model's rows before and after a request, and the history
rows the request should have left (who, when, what kind, which fields changed).

Every model of the business apps has a simple-history manager, except the ones in
`HISTORY_EXEMPT`, each with the reason (ARCHITECTURE.md: "django-simple-history on every
business model (figures: import batches instead)")."""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

BUSINESS_APPS = ("managers", "customers", "performance", "compliance", "meetings")

# Models without their own history, each for a reason. `test_audit` fails for any other.
HISTORY_EXEMPT = {
    # Figures come in import batches: the batch row says who imported which file when,
    # with its checksum and outcome (R-RPT-1); a figure changes only by a later import.
    "performance.FigureImport": "the import batch record itself (who, when, file, outcome)",
    "performance.MonthlyFigure": "figures: written by import batches (FigureImport)",
    "performance.CustomerYearFigure": "yearly roll-up recomputed from the monthly figures",
    # An evaluation is a computed run: the row keeps who asked for it and when, the rule
    # set version and the rules used; its results are replaced wholesale by a re-run.
    "performance.Evaluation": "a run record: requested_by/at, rule set version, rules used",
    "performance.EvaluationResult": "computed output of an evaluation run, recomputable",
    # The access log is itself the audit trail and nobody can edit it (R-PRO-8).
    "compliance.CustomerDataAccess": "append-only access log, read-only everywhere",
}


def business_models() -> list:
    """Every concrete model of the business apps, historical models left out."""
    return [
        model
        for app in BUSINESS_APPS
        for model in apps.get_app_config(app).get_models()
        if not _is_historical(model)
    ]


def _is_historical(model) -> bool:
    """simple-history's models: a row's history, or a many-to-many field's history."""
    return model._meta.pk.name in ("history_id", "m2m_history_id")


def label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def history_model(model):
    """The historical model of `model`, None when it has no simple-history manager."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def tracked_columns(model) -> list[str]:
    historical = history_model(model)
    if historical is None:
        return [f.attname for f in model._meta.concrete_fields]
    return [f.attname for f in historical.tracked_fields]


def snapshot() -> dict:
    """{model: {pk: {column: value}}} of every business model (the world is small)."""
    result = {}
    for model in business_models():
        columns = tracked_columns(model)
        pk = model._meta.pk.attname
        result[model] = {
            row[pk]: row for row in model._base_manager.values(*dict.fromkeys([pk, *columns]))
        }
    return result


@dataclass
class Change:
    model: type
    pk: object
    kind: str  # "+", "~" or "-", as simple-history's history_type
    fields: list[str] = field(default_factory=list)  # changed columns, for "~"

    def __str__(self) -> str:
        what = f" {self.fields}" if self.fields else ""
        return f"{label(self.model)} #{self.pk} {self.kind}{what}"


def changes(before: dict, after: dict) -> list[Change]:
    found = []
    for model, rows in after.items():
        old = before[model]
        found += [Change(model, pk, "+") for pk in rows.keys() - old.keys()]
        found += [Change(model, pk, "-") for pk in old.keys() - rows.keys()]
        for pk in rows.keys() & old.keys():
            changed = sorted(c for c, value in rows[pk].items() if old[pk][c] != value)
            if changed:
                found.append(Change(model, pk, "~", changed))
    return found


def history_problems(change: Change, *, user, start, end) -> list[str]:
    """What is wrong with the history of one changed row: no row written during the
    request, another author, another kind, or a diff that misses the changed fields."""
    if label(change.model) in HISTORY_EXEMPT:
        return []
    historical = history_model(change.model)
    if historical is None:
        return [f"{change}: the model has no history"]
    rows = historical.objects.filter(**{change.model._meta.pk.attname: change.pk})
    written = list(rows.filter(history_date__gte=start).order_by("history_date", "history_id"))
    if not written:
        return [f"{change}: no history row"]
    problems = []
    for record in written:
        if record.history_user_id != user.pk:
            problems.append(f"{change}: history_user {record.history_user_id}, not {user.pk}")
        if not start <= record.history_date <= end:
            problems.append(f"{change}: history_date {record.history_date} not during the write")
    kinds = {record.history_type for record in written}
    wanted = {"+": "+", "-": "-", "~": "~"}[change.kind]
    if wanted not in kinds and not (change.kind == "~" and "+" in kinds):
        problems.append(f"{change}: history types {sorted(kinds)}, expected {wanted!r}")
    if change.kind == "~":
        problems += _diff_problems(change, rows, written[-1], start)
    return problems


def _diff_problems(change: Change, rows, latest, start) -> list[str]:
    """The latest history row against the one in force before the write lists every
    changed field (simple-history's `diff_against`), and holds the new values."""
    before = rows.filter(history_date__lt=start).order_by("history_date", "history_id").last()
    if before is None:
        return [f"{change}: no history row from before the write to compare with"]
    fields = {f.attname: f for f in change.model._meta.concrete_fields}
    editable = [fields[c].name for c in change.fields if fields[c].editable]
    listed = set(latest.diff_against(before, included_fields=editable).changed_fields)
    # `diff_against` skips fields that are not editable (auto_now, fields only services
    # set): the two history rows are compared directly for those.
    listed |= {
        fields[c].name
        for c in change.fields
        if not fields[c].editable and getattr(latest, c) != getattr(before, c)
    }
    missing = [fields[c].name for c in change.fields if fields[c].name not in listed]
    return [f"{change}: the history diff misses {missing}"] if missing else []


def now():
    return timezone.now()
