"""REST API throttling: integration clients authenticate with a token; each token gets
`settings.API_TOKEN_THROTTLE_RATE` requests. Browser sessions (people) are not throttled.
The count is in the cache (Redis): with Redis down, requests are let through, not refused."""

import logging

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle


class IntegrationTokenThrottle(SimpleRateThrottle):
    scope = "integration-token"

    def allow_request(self, request, view) -> bool:
        # Fail open: a throttle is fairness between clients, not access control, and an
        # outage of the cache must not turn every token request into a 500.
        try:
            return super().allow_request(request, view)
        except RedisError:
            logging.getLogger(__name__).warning("Throttle not counted: the cache is down")
            return True

    def get_rate(self) -> str | None:
        # Read on every request (not once at import, as DRF's rates are) so that the
        # setting can be changed in tests and by override_settings.
        return settings.API_TOKEN_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, Token):
            return None  # not token-authenticated: not throttled here
        return self.cache_format % {"scope": self.scope, "ident": request.auth.user_id}
