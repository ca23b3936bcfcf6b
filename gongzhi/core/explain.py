"""A rule's explanation in the reader's language: the one stored shape and the one renderer.

The rules core returns :class:`~gongzhi.rules.explain.Explanation` values (an English
msgid, its parameters as display strings, the seed clause or law article it applies).
Rows that keep a reason store it as :func:`stored` makes it::

    {"message": "<English msgid with %(name)s>", "params": {"name": "…"}, "citation": "…"}

and pages (the ``explain`` template filter), PDFs and the API all show it through
:func:`explain`, so every reader sees the same words, translated (Chinese by default).
The citation is a policy profile's ``source``: where it explains in English (``Gongzhi
default: …``) it is a msgid too (``rules.profiles.messages``), shown through
:func:`cited` here and by the ``cited`` filter where a page shows a source on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from gongzhi.rules.explain import Explanation

StoredExplanation = dict[str, Any]
"""``{"message": msgid, "params": {name: text}, "citation": source}`` (JSON-safe)."""


def stored(explanation: Explanation) -> StoredExplanation:
    """The JSON form of an explanation, for a model's JSONField."""
    return {
        "message": explanation.message,
        "params": explanation.params_dict,
        "citation": explanation.citation,
    }


def cited(source: str) -> str:
    """A profile's source in the reader's language (a bare citation reads the same)."""
    return gettext(source) if source else ""


def explain(value: Explanation | Mapping[str, Any] | None, *, cite: bool = True) -> str:
    """The translated text of an explanation or of its stored form, with its source in
    brackets after it when ``cite`` (empty for nothing)."""
    if not value:
        return ""
    if isinstance(value, Explanation):
        message, params, citation = value.message, value.params_dict, value.citation
    else:
        message = str(value.get("message") or "")
        params = dict(value.get("params") or {})
        citation = str(value.get("citation") or "")
    if not message:
        return ""
    text = gettext(message) % params if params else gettext(message)
    return f"{text} [{cited(citation)}]" if cite and citation else text
