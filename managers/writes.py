"""The one way services save a business record."""


def save_validated(instance, actor, **save_kwargs):
    """Validate (`full_clean`, model constraints included), then save, recording `actor`
    as the author of the django-simple-history row written in the same transaction."""
    instance._history_user = actor
    instance.full_clean()
    instance.save(**save_kwargs)
    return instance


def update_now(instance, **values) -> None:
    """Set `values` on `instance` and write just those columns at once, without a history
    row: progress and status of long work, committed as it goes when outside a
    transaction, so that a page polling them sees it move."""
    for name, value in values.items():
        setattr(instance, name, value)
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
