from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.core.scoping import request_actor
from gongzhi.core.views import page_of


def log_view(request: HttpRequest) -> HttpResponse:
    """The audit log of the official's subtree, newest first, filterable by action."""
    actor = request_actor(request)
    qs = AuditEntry.objects.visible_to(actor).select_related(None)
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        qs = qs.filter(action=action)
    target = request.GET.get("q", "").strip()
    if target:
        qs = qs.filter(target_repr__icontains=target)
    page = page_of(request, qs.order_by("-at", "-id"), per_page=50)
    return render(
        request,
        "audit/log.html",
        {"page": page, "actions": AuditAction.choices, "action": action, "q": target},
    )
