"""No secret in the repository: the files git tracks hold no private key, no access token
and no credential literal that is not an obvious placeholder. Production takes every
secret from the environment (SECRET_KEY is required when DEBUG is off)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Where the tree is not a git checkout, everything but these (what .gitignore leaves out).
UNTRACKED = {
    ".git",
    ".venv",
    "node_modules",
    "static_vendor",
    "staticfiles",
    "build",
    "test-artifacts",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "__pycache__",
    ".test-services",
}
BINARY_SUFFIXES = {".png", ".jpg", ".ico", ".xlsx", ".sqlite3", ".mo", ".pyc", ".gz", ".zip"}

PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
TOKEN_FORMATS = re.compile(
    r"AKIA[0-9A-Z]{16}"  # AWS access key id
    r"|gh[pousr]_[A-Za-z0-9]{36}"  # GitHub tokens
    r"|xox[abprs]-[A-Za-z0-9-]{10,}"  # Slack tokens
    r"|\bToken [0-9a-f]{40}\b"  # a DRF token written out
)
CREDENTIAL = re.compile(
    r"""(?P<name>\w*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY)\w*)"""
    r"""\s*[:=]\s*(?P<quote>["'])(?P<value>[^"'\s]{12,})(?P=quote)""",
    re.IGNORECASE,
)
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+]*://[^/\s:@]+:(?P<value>[^@\s/]+)@", re.IGNORECASE)
# Values that are placeholders, not secrets: said so in their text, or templated.
PLACEHOLDER = re.compile(
    r"insecure|example|dummy|changeme|placeholder|test|demo|pass\b|[{$<]", re.IGNORECASE
)


def tracked_files() -> list[Path]:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        ).stdout.decode()
        files = [ROOT / name for name in listing.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [
            path
            for path in ROOT.rglob("*")
            if path.is_file() and not UNTRACKED & set(path.relative_to(ROOT).parts)
        ]
    return [path for path in files if path.is_file() and path.suffix not in BINARY_SUFFIXES]


def secrets_in(text: str) -> list[str]:
    found = PRIVATE_KEY.findall(text) + TOKEN_FORMATS.findall(text)
    for match in CREDENTIAL.finditer(text):
        if not PLACEHOLDER.search(match["value"]):
            found.append(f"{match['name']}=…")
    for match in URL_PASSWORD.finditer(text):
        if not PLACEHOLDER.search(match["value"]):
            found.append("password in a URL")
    return found


def test_no_secret_in_the_tracked_files():
    problems = {}
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if found := secrets_in(text):
            problems[str(path.relative_to(ROOT))] = found
    assert not problems


def test_no_key_or_environment_file_is_tracked():
    names = {path.name for path in tracked_files()}
    suffixes = {path.suffix for path in tracked_files()}
    assert not names & {".env", "id_rsa", "id_ed25519"}
    assert not suffixes & {".pem", ".key", ".p12", ".pfx"}


def test_the_scanner_recognises_secrets():
    """Built at run time, so that this file holds no secret-looking literal itself."""
    import secrets as random

    key = random.token_urlsafe(40)
    assert secrets_in("-----BEGIN " + "RSA PRIVATE KEY-----")
    assert secrets_in(f'SECRET_KEY = "{key}"')
    assert secrets_in(f"DATABASE_URL=postgres://bank:{key}@db/am")
    assert secrets_in("Token " + random.token_hex(20))
    assert not secrets_in('SECRET_KEY = "dev-only-insecure-key"')
    assert not secrets_in("postgres://am:${POSTGRES_PASSWORD}@db/am")
    assert not secrets_in('SECRET_KEY = env("SECRET_KEY")')
