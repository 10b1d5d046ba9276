"""Settings of the fault tests' web server: config.settings as deployed (DEBUG off, from the
environment the test gives it), except the static files' storage. The production storage
needs the manifest `collectstatic` writes (minutes of compression, see the Dockerfile); these
tests never load a static file, and without the manifest every page would be a 500."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
