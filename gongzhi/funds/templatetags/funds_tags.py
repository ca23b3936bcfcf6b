"""Template filters of the funds pages: money in fen (explanations: ``{% load explain %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from gongzhi.rules.money import format_fen

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    """Integer fen as ``¥1,234.56`` (empty for None)."""
    if value is None or value == "":
        return "—"
    return format_fen(int(value))
