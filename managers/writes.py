"""The one way services save a business record."""


def save_validated(instance, actor, **save_kwargs):
    """Validate (`full_clean`, model constraints included), then save, recording `actor`
    as the author of the django-simple-history row written in the same transaction."""
    instance._history_user = actor
    instance.full_clean()
    instance.save(**save_kwargs)
    return instance
