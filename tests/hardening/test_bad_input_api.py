"""Bad input to every REST API write (issue #9): malformed JSON, the wrong JSON type, null
for a required field, text for a number, a 100,000-character string, NUL bytes,
zero-width and right-to-left marks in identifiers, unknown fields, full-width digits.

Each is answered with a 4xx whose JSON names the field (or says the body is not JSON),
never a 500, and no business table gains or loses a row (`row_counts`). Policy, the same
on every endpoint:
- unknown fields are ignored (DRF's default; the response shows what was saved);
- full-width digits in numbers and dates are read as the digits they are (１２３ = 123);
- NUL characters are refused in every text field (PostgreSQL cannot store them);
- identifiers (employee numbers) refuse invisible characters (zero-width, RTL marks).
"""

import json

import pytest
from rest_framework.test import APIClient

from tests.hardening.bad_writes import WRITES, Write
from tests.hardening.row_counts import changed_counts, row_counts

pytestmark = pytest.mark.django_db


def client_for(world, write: Write) -> APIClient:
    client = APIClient()
    client.force_authenticate(getattr(world.bank, write.user))
    return client


def send(world, write: Write, body, *, raw: bytes | None = None):
    client = client_for(world, write)
    call = getattr(client, write.method)
    if raw is not None:
        return call(write.url(world), raw, content_type="application/json")
    return call(write.url(world), body, format="json")


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_the_good_body_is_accepted(world, write):
    """The baseline: the body the bad inputs vary is accepted as it is."""
    response = send(world, write, write.body(world))
    assert response.status_code in (200, 201, 202), response.content.decode()


HUGE = "长" * 100_000
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def assert_refused(response, before, *, field: str | None = None) -> dict:
    """A 4xx with a JSON message (about `field` when given) and no table changed."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:500])
    data = response.json()
    if field is not None:
        assert isinstance(data, dict) and data.get(field), data
        assert all(isinstance(message, str) and message for message in data[field]), data
    else:
        assert data, data
    assert changed_counts(before, row_counts()) == {}
    return data


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_malformed_json_is_a_parse_error(world, write):
    before = row_counts()
    response = send(world, write, None, raw=b'{"name": "\xe5\x9d\x8f", ')
    data = assert_refused(response, before)
    assert "JSON" in data["detail"]


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_a_list_instead_of_an_object(world, write):
    body = write.body(world)
    before = row_counts()
    data = assert_refused(send(world, write, [body]), before)
    assert json.dumps(data, ensure_ascii=False).count("字典") == 1, data


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_null_for_a_field(world, write):
    body = write.body(world) | {write.text: None}
    before = row_counts()
    assert_refused(send(world, write, body), before, field=write.text)


@pytest.mark.parametrize("write", [w for w in WRITES if w.number], ids=str)
def test_text_for_a_number_or_date(world, write):
    body = write.body(world) | {write.number: "十二"}
    before = row_counts()
    assert_refused(send(world, write, body), before, field=write.number)


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_an_object_for_a_text(world, write):
    body = write.body(world) | {write.text: {"value": "坏"}}
    before = row_counts()
    assert_refused(send(world, write, body), before, field=write.text)


@pytest.mark.parametrize("write", [w for w in WRITES if w.text != w.free_text], ids=str)
def test_a_huge_string_in_a_bounded_field(world, write):
    body = write.body(world) | {write.text: HUGE}
    before = row_counts()
    assert_refused(send(world, write, body), before, field=write.text)


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_a_body_over_the_upload_limit_is_not_read(world, write, settings):
    """Free text has no length limit of its own (a 100,000-character note is kept whole);
    the body has: DATA_UPLOAD_MAX_MEMORY_SIZE, as for form posts (config.api)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200_000
    body = write.body(world) | {write.free_text or write.text: HUGE}
    before = row_counts()
    response = send(world, write, body)
    assert response.status_code == 413, response.content[:300]
    assert "请求内容超过 195.3" in response.json()["detail"]
    assert changed_counts(before, row_counts()) == {}


TEXT_FIELDS = [
    pytest.param(write, name, id=f"{write}-{name}")
    for write in WRITES
    for name in dict.fromkeys((write.text, write.free_text))
    if name
]


@pytest.mark.parametrize("write, name", TEXT_FIELDS)
def test_a_nul_character(world, write, name):
    """DRF's CharField refuses NUL (ProhibitNullCharactersValidator) on every endpoint."""
    body = write.body(world) | {name: "甲\x00乙"}
    before = row_counts()
    assert_refused(send(world, write, body), before, field=name)


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_unknown_fields_are_ignored(world, write):
    body = write.body(world) | {"no_such_field": "坏", "id": 987654}
    response = send(world, write, body)
    assert response.status_code in (200, 201, 202), response.content.decode()
    data = response.json()
    assert "no_such_field" not in data and data.get("id") != 987654


@pytest.mark.parametrize("write", [w for w in WRITES if w.number], ids=str)
def test_full_width_digits_are_read_as_digits(world, write):
    body = write.body(world)
    value = body[write.number]
    response = send(world, write, body | {write.number: str(value).translate(FULL_WIDTH)})
    assert response.status_code in (200, 201, 202), response.content.decode()


@pytest.mark.parametrize(
    "number",
    ["BI\u200b0002", "BI\u200f0002", "BI\u202e2000", "BI 0002", "BI\u30000002", "BI\x070002"],
    ids=["zero-width-space", "rtl-mark", "rtl-override", "space", "ideographic-space", "bell"],
)
def test_invisible_characters_in_an_employee_number(world, number):
    """An employee number that would look like another (BI0002) is refused: imports and
    searches match numbers exactly (managers.models.org.plain_identifier)."""
    write = WRITES[0]
    body = write.body(world) | {"employee_number": number}
    before = row_counts()
    data = assert_refused(send(world, write, body), before, field="employee_number")
    assert "不可见字符" in data["employee_number"][0]


def test_a_full_width_employee_number_is_stored_in_ascii(world):
    write = WRITES[0]
    body = write.body(world) | {"employee_number": "ＢＩ０００３"}
    response = send(world, write, body)
    assert response.status_code == 201 and response.json()["employee_number"] == "BI0003"
    # …so that the same number typed in ASCII is the same manager.
    again = send(world, write, body | {"employee_number": "BI0003"})
    assert again.status_code == 400 and again.json()["employee_number"]


@pytest.mark.parametrize(
    "name",
    ["李Lily", "阿依古丽·买买提", "王\u200d芳", "\u202b张伟", "小明😀", "Ｚｈａｎｇ"],
    ids=[
        "mixed-scripts",
        "middle-dot",
        "zero-width-joiner",
        "rtl-embedding",
        "emoji",
        "full-width",
    ],
)
def test_names_are_kept_as_typed(world, name):
    """Names are shown, not matched: mixed scripts, emoji and marks are kept exactly (and
    escaped on every page); only NUL (test_a_nul_character) is refused."""
    write = WRITES[0]
    response = send(world, write, write.body(world) | {"name": name})
    assert response.status_code == 201 and response.json()["name"] == name
