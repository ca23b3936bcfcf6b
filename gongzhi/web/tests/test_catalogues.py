"""Every string in the zh_Hans catalogues reads in Chinese: a msgid whose only entries are
empty or fuzzy (gettext skips fuzzy entries) shows in English on a zh-hans page. The
catalogues are merged at run time, so an entry left empty in one catalogue is fine while
another translates it; this test asks the merged catalogue, as the pages do."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

import gongzhi

ROOT = Path(gongzhi.__file__).parent
# Strings that read the same in Chinese (names, codes, punctuation-only formats).
SAME_IN_CHINESE = frozenset({"%(kind)s · %(project)s", "Excel", "PDF"})


def _entries(path: Path) -> list[tuple[str, str, str]]:
    """(msgctxt, msgid, msgid_plural) of every entry but the header, from a .po file
    (entries are separated by blank lines, as xgettext and msgmerge write them)."""
    found: list[tuple[str, str, str]] = []
    fields: dict[str, str] = {}
    current = ""

    def flush() -> None:
        if fields.get("msgid"):
            found.append(
                (fields.get("msgctxt", ""), fields["msgid"], fields.get("msgid_plural", ""))
            )
        fields.clear()

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            flush()
            current = ""
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current:
                fields[current] += ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            current = "" if keyword.startswith("msgstr") else keyword
            if current:
                fields[current] = ast.literal_eval(rest)
    return found


def _msgids() -> set[tuple[str, str, str]]:
    return {
        entry
        for path in sorted(ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/*.po"))
        for entry in _entries(path)
    }


def test_every_catalogued_string_reads_in_chinese():
    entries = _msgids()
    assert len(entries) > 2000
    untranslated = []
    with translation.override("zh-hans"):
        for context, msgid, plural in sorted(entries):
            if msgid in SAME_IN_CHINESE:
                continue
            if plural:
                said = translation.ngettext(msgid, plural, 1)
            elif context:
                said = translation.pgettext(context, msgid)
            else:
                said = translation.gettext(msgid)
            if said == msgid:
                untranslated.append(msgid)
    assert not untranslated, f"{len(untranslated)} strings show in English: {untranslated[:20]}"
