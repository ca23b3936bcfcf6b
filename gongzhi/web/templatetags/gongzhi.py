"""Template filters: masking of personal data, money in fen, querystring helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.apps import apps
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


# Bookkeeping columns that mean nothing to an official reading an edit history.
_HIDDEN_HISTORY_FIELDS = {"id", "node_path", "path", "depth", "created_at", "action"}


def _history_value(value: Any) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    return value


def _field_labels(target_type: str) -> dict[str, str]:
    try:
        model = apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        model = None
    labels: dict[str, str] = {}
    if model is not None:
        for f in model._meta.concrete_fields:
            labels[f.attname] = labels[f.name] = str(f.verbose_name)
    return labels


@register.filter
def field_label(entry: Any) -> str:
    """The translated name of the audit entry's field (e.g. the number revealed)."""
    return _field_labels(entry.target_type).get(entry.field, entry.field)


@register.filter
def changes(entry: Any) -> list[tuple[str, Any, Any]]:
    """An audit entry's changed fields as (label, before, after) rows, labelled with the
    model's translated field names and with bookkeeping columns left out."""
    before = entry.before or {}
    after = entry.after or {}
    labels = _field_labels(entry.target_type)
    keys = [*after, *(k for k in before if k not in after)]
    return [
        (labels.get(k, k), _history_value(before.get(k)), _history_value(after.get(k)))
        for k in keys
        if k not in _HIDDEN_HISTORY_FIELDS
    ]
