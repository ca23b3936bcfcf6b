"""Showing a rule's explanation in the reader's language: the rules core returns English
msgids with parameters (``gongzhi.rules.explain``); this translates them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gongzhi.rules.explain import Explanation


def explain(value: Explanation | dict[str, Any] | None, *, cite: bool = True) -> str:
    """The translated text of an explanation (or of its stored form), with its source."""
    if not value:
        return ""
    if isinstance(value, Explanation):
        message, params, citation = value.message, value.params_dict, value.citation
    else:
        message = str(value.get("message", ""))
        params = dict(value.get("params") or {})
        citation = str(value.get("citation", ""))
    text = gettext(message) % params if params else gettext(message)
    return f"{text} [{citation}]" if cite and citation else text
