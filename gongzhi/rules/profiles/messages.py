"""The profiles' source texts that readers see translated.

A profile cites the source of every value (``source = "…"``; a credit kind's
``citation``). Most sources are citations that read the same in every language
(``seed 000 §24``, ``民法典 art. 278``); some explain in English where the law is
silent (``Gongzhi default: no national deadline``). Those are msgids: ``makemessages``
(``gongzhi.core`` overrides it) extracts them from the TOML files through
:func:`source_msgids`, and the web layer translates a cited source with ``gettext``
(``gongzhi.core.explain.cited``), so a page, a PDF and the API show it in the reader's
language.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

# Words a bare citation is made of; a source with any other word explains in English.
_CITATION_WORDS = frozenset({"seed", "seeds", "art", "arts", "item", "items", "and", "annex"})
_SOURCE = re.compile(r'\b(?:source|citation)\s*=\s*("(?:[^"\\]|\\.)*")')
_CODE = re.compile(r"[a-z_]+")  # a credit kind's ``source`` names where records come from


def explains(source: str) -> bool:
    """Whether ``source`` has English prose to translate (not a bare citation or code)."""
    if _CODE.fullmatch(source):
        return False
    return any(word.lower() not in _CITATION_WORDS for word in re.findall(r"[A-Za-z]{2,}", source))


def source_msgids(toml_text: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of every source of a profile file that is a msgid."""
    for number, line in enumerate(toml_text.splitlines(), start=1):
        for found in _SOURCE.finditer(line):
            text = tomllib.loads(f"v = {found.group(1)}")["v"]
            if explains(text):
                yield number, text
