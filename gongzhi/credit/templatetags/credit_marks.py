"""Template tag of the credit pages: a grade shown in the style of the company's profile
(``credit_rating_style``: letter grades, stars or the bare score; ``rules.credit.credit_mark``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from gongzhi.credit.services.common import company_profile
from gongzhi.rules.credit import credit_mark

register = template.Library()


@register.simple_tag
def credit_badge(company: Any, grade: str, score: Any) -> str:
    """``<span class="badge">`` with the mark (e.g. B, ★★★★☆ or 87) and grade · score."""
    if not grade:
        return ""
    try:
        mark = credit_mark(company_profile(company), score, grade)
    except ValueError:  # a grade stored under bands the profile no longer has
        return format_html('<span class="badge">{}</span>', grade)
    return format_html(
        '<span class="badge" title="{}" data-style="{}" data-testid="credit-mark">{}</span>',
        mark.title,
        mark.style,
        mark.text,
    )
