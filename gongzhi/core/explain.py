"""A rule's explanation in the reader's language: the one stored shape and the one renderer.

The rules core returns :class:`~gongzhi.rules.explain.Explanation` values (an English
msgid, its parameters as display strings, the seed clause or law article it applies).
Rows that keep a reason store it as :func:`stored` makes it::

    {"message": "<English msgid with %(name)s>", "params": {"name": "…"}, "citation": "…",
     "labels": {"name": ["<msgid of a code's label>", …]}}

``labels`` is there only when a parameter holds codes (``rules.explain.terms``): the
renderer shows each code's label in the reader's language and joins them as that language
enumerates (、 in Chinese, ", " in English). A row stored before labels existed has the
codes in ``params`` and no ``labels``; it renders as it always did.

Pages (the ``explain`` template filter), PDFs and the API all show it through
:func:`explain`, so every reader sees the same words, translated (Chinese by default).
The citation is a policy profile's ``source``: where it explains in English (``Gongzhi
default: …``) it is a msgid too (``rules.profiles.messages``), shown through
:func:`cited` here and by the ``cited`` filter where a page shows a source on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext, pgettext

from gongzhi.rules.explain import Explanation

StoredExplanation = dict[str, Any]
"""``{"message": msgid, "params": {name: text}, "citation": source}`` and, where a
parameter holds codes, ``"labels": {name: [msgid, …]}`` (JSON-safe)."""


def stored(explanation: Explanation) -> StoredExplanation:
    """The JSON form of an explanation, for a model's JSONField."""
    shape: StoredExplanation = {
        "message": explanation.message,
        "params": explanation.params_dict,
        "citation": explanation.citation,
    }
    if explanation.labels:
        shape["labels"] = explanation.labels_dict
    return shape


def enumerate_items(items: Iterable[str]) -> str:
    """Items listed as the reader's language enumerates them: 招标人、物业管理专家 in
    Chinese (the enumeration comma), "Tenderer, Property-management experts" in English."""
    return pgettext("enumeration", ", ").join(items)


def _labelled(params: dict[str, str], labels: Mapping[str, Any]) -> dict[str, str]:
    """``params`` with each coded parameter shown as its translated labels."""
    for name, msgids in labels.items():
        if name in params and isinstance(msgids, list | tuple):
            params[name] = enumerate_items(gettext(str(msgid)) for msgid in msgids)
    return params


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
        params = _labelled(params, value.labels_dict)
    else:
        message = str(value.get("message") or "")
        params = dict(value.get("params") or {})
        citation = str(value.get("citation") or "")
        labels = value.get("labels")
        if isinstance(labels, Mapping):
            params = _labelled(params, labels)
    if not message:
        return ""
    text = gettext(message) % params if params else gettext(message)
    return f"{text} [{cited(citation)}]" if cite and citation else text
