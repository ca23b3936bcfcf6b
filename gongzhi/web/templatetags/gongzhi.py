"""Template filters: masking of personal data, money in fen, querystring helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

from gongzhi.audit.display import HistoryRow
from gongzhi.audit.display import history_rows as render_history
from gongzhi.rules.identity import mask_id_number, mask_phone

register = template.Library()


@register.filter
def masked_id(value: str | None) -> str:
    return mask_id_number(value or "")


@register.filter
def masked_phone(value: str | None) -> str:
    return mask_phone(value or "")


@register.simple_tag(takes_context=True)
def may_open(context: dict[str, Any], url_name: str) -> bool:
    """Whether the signed-in user's roles admit the page ``url_name`` (the access registry),
    so a page links only to what its reader may open:
    ``{% may_open "complaints:statistics" as can %}{% if can %}<a …>{% endif %}``."""
    from gongzhi.accounts.selectors import request_actor
    from gongzhi.web.access import ACCESS

    request = context.get("request")
    rule = ACCESS.get(url_name)
    if request is None or rule is None:
        return False
    if rule.public:
        return True
    actor = request_actor(request)
    return rule.allows(actor.roles, actor.is_authenticated)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params: QueryDict = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def history_rows(entries: Any) -> list[HistoryRow]:
    """Audit entries as officials read them, through the one renderer
    (``gongzhi.audit.display``): ``{% history_rows history as rows %}``."""
    return render_history(entries or [])
