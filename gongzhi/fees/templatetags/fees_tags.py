"""Template filters of the fee pages: fen as yuan (explanations: ``{% load explain %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from gongzhi.rules.money import format_fen

register = template.Library()


@register.filter
def fen(value: Any) -> str:
    """Integer fen as ``¥1,234.56`` (empty for None)."""
    return "" if value is None else format_fen(int(value))
