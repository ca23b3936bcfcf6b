"""Template filters of the funds pages: money in fen, translated explanations."""

from __future__ import annotations

from typing import Any

from django import template

from gongzhi.funds.explain import explain as explain_text
from gongzhi.rules.money import format_fen

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    """Integer fen as ``¥1,234.56`` (empty for None)."""
    if value is None or value == "":
        return "—"
    return format_fen(int(value))


@register.filter
def explain(value: Any) -> str:
    return explain_text(value)
