"""``{% load explain %}{{ value|explain }}``: a rule's explanation on a page, translated,
with its source; ``{{ value|explain:False }}`` leaves the source out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from gongzhi.core.explain import cited as cited_text
from gongzhi.core.explain import explain as explain_text
from gongzhi.rules.explain import Explanation

register = template.Library()


@register.filter
def explain(value: Any, cite: bool = True) -> str:
    """See :func:`gongzhi.core.explain.explain`; anything else than an explanation or its
    stored form shows as nothing."""
    if not isinstance(value, Mapping | Explanation):
        return ""
    return explain_text(value, cite=cite)


@register.filter
def cited(source: Any) -> str:
    """``{{ item.source|cited }}``: a profile's source in the reader's language (see
    :func:`gongzhi.core.explain.cited`)."""
    return cited_text(str(source or ""))
