"""docker-compose.yml cannot run on our machines, so its shape is checked by reading it."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'env(?:_flag)?\("([A-Z_]+)"', source))


def test_compose_has_the_production_services_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert set(compose()["volumes"]) == {"pgdata", "redisdata", "media"}
    for name in ("web", "worker"):  # uploaded evidence outlives the containers
        assert "media:/app/media" in services[name]["volumes"]


def test_compose_sets_only_variables_the_settings_read():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        variables = set(services[name]["environment"])
        assert variables <= settings_variables(), variables - settings_variables()
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"} <= variables


def test_required_variables_of_the_issue_are_read():
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= (
        settings_variables()
    )
