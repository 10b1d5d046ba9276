"""Every UI string has a Simplified Chinese translation, and the compiled catalogue
(committed, so a machine without gettext still shows Chinese) matches its source."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def po_entries() -> dict[str, str]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")

    def join(block: str) -> str:
        return "".join(ast.literal_eval(line) for line in block.splitlines())

    return {join(i): join(s) for i, s in ENTRY.findall(text) if join(i)}


def test_every_message_is_translated():
    untranslated = [msgid for msgid, msgstr in po_entries().items() if not msgstr]
    assert not untranslated


def test_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = {
        msgid: msgstr
        for msgid, msgstr in po_entries().items()
        if catalogue.gettext(msgid) != msgstr
    }
    assert not stale, "run `make messages` to recompile locale/"
