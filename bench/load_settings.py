"""Settings of the server that the load test starts (bench/load_harness.py): production's
(config.settings run with DEBUG=0, SECRET_KEY and the database of the test or benchmark)
with three differences that do not change what a request costs:

- static files are named as in development: production's manifest needs `collectstatic`,
  minutes of compression for files the load never asks for;
- passwords hashed with MD5 are accepted (and preferred), as in the test suite: the
  simulated people's logins are made by the test, and 20 PBKDF2 hashes would load the
  machine at start-up for nothing the load measures;
- the cache keys (the request counts of the integration tokens' throttle) carry
  LOAD_CACHE_PREFIX, so that other runs sharing the Redis server count apart.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import CACHES, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
CACHES = {
    "default": {**CACHES["default"], "KEY_PREFIX": os.environ.get("LOAD_CACHE_PREFIX", "load")}
}
