"""The housing bureau's responsibility list page (职责清单, seed 000 §5; 003 §五).

Every official reads what is in force for a jurisdiction of theirs and where it comes
from (the policy profile, or the bureau's edited list at which node); the housing bureau
edits it as a table — one row per category — saved whole through
``responsibility_list_save`` or dropped with ``responsibility_list_reset``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.complaints import routing, services
from gongzhi.complaints.forms import BaseResponsibilityFormSet, responsibility_formset
from gongzhi.complaints.models import Party, ResponsibilityList
from gongzhi.complaints.views import _home_node, _language
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile, subtree
from gongzhi.rules import complaints as rules

PREFIX = "rows"
# The parser names the entry it refuses: "[3].department_kind: expected …".
_WHERE = re.compile(r"^\[(\d+)\]\.(\w+)")


def _node(actor: Actor, home: Jurisdiction, chosen: str | None) -> Jurisdiction:
    if not chosen:
        return home
    return get_visible(Jurisdiction.objects.all(), actor, pk=chosen)


def _origin(node: Jurisdiction) -> ResponsibilityList | None:
    """The edited list in force at ``node`` (the nearest one at or above it), if any."""
    return (
        ResponsibilityList.objects.filter(node_id__in=node.ancestor_ids())
        .select_related("node", "updated_by")
        .order_by("-node__depth")
        .first()
    )


def _here(node: Jurisdiction, home: Jurisdiction) -> str:
    url = reverse("complaints:responsibilities")
    return url if node.pk == home.pk else f"{url}?{urlencode({'node': node.pk})}"


def _refused(formset: BaseResponsibilityFormSet, error: DomainError) -> list[str]:
    """Put the service's refusal next to the row and field it names; else on the list."""
    kept = formset.kept()
    for detail in error.fields.get("entries", []):
        match = _WHERE.match(str(detail))
        if match and int(match[1]) < len(kept):
            form = kept[int(match[1])]
            form.add_error(match[2] if match[2] in form.fields else None, str(error.message))
            return []
    return [str(error.message)]


def _stale(post: Any, initial: list[dict[str, str]]) -> bool:
    """Whether the posted rows were shown from another version of the list: an existing
    row keeps its code by position, so a list saved meanwhile by someone else would
    otherwise put this official's edits on the wrong categories."""
    try:
        shown = int(post.get(f"{PREFIX}-INITIAL_FORMS", ""))
    except ValueError:
        return True
    return shown != len(initial) or any(
        post.get(f"{PREFIX}-{index}-row_code") != row["code"] for index, row in enumerate(initial)
    )


def responsibilities_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    home = _home_node(actor)
    if home is None:
        raise Http404
    node = _node(actor, home, request.GET.get("node"))
    can_edit = actor.has_role(Role.BUREAU)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    current = routing.responsibilities_for(node)
    origin = _origin(node)
    here = _here(node, home)
    formset: BaseResponsibilityFormSet | None = None
    list_errors: list[str] = []
    status = 200
    if can_edit:
        initial = rules.dump_responsibilities(current)
        if request.method != "POST":
            formset = responsibility_formset(initial=initial, prefix=PREFIX)
        elif "reset" in request.POST:
            if origin is not None and origin.node_id == node.pk:
                services.responsibility_list_reset(actor=actor, node=node)
                messages.success(request, _("The profile's list applies again."))
            return redirect(here)
        elif _stale(request.POST, initial):
            formset = responsibility_formset(initial=initial, prefix=PREFIX)
            list_errors = [
                str(
                    _(
                        "The list was changed meanwhile by someone else. This is the list in "
                        "force now; please make your change again."
                    )
                )
            ]
            status = 409
        elif "add_row" in request.POST:
            # Without JavaScript: the same rows again, and one blank row more.
            data = request.POST.copy()
            bound = responsibility_formset(data, initial=initial, prefix=PREFIX)
            data[f"{PREFIX}-TOTAL_FORMS"] = str(bound.total_form_count() + 1)
            formset = responsibility_formset(data, initial=initial, prefix=PREFIX)
        else:
            posted = responsibility_formset(request.POST, initial=initial, prefix=PREFIX)
            formset = posted
            if posted.is_valid():
                try:
                    services.responsibility_list_save(
                        actor=actor, node=node, entries=posted.entries()
                    )
                except PermissionDeniedError:
                    raise  # the 403 page (core.http.DomainErrorMiddleware)
                except DomainError as error:
                    list_errors = _refused(posted, error)
                else:
                    messages.success(request, _("The responsibility list was saved."))
                    return redirect(here)
            status = 400
    context: dict[str, Any] = {
        "node": node,
        "nodes": subtree(actor=actor, max_depth=home.depth + 1),
        "items": [
            (
                item,
                Party(item.party).label,
                Department.Kind(item.department_kind).label if item.department_kind else "",
            )
            for item in current
        ],
        "origin": origin,
        "own_list": origin is not None and origin.node_id == node.pk,
        "profile": effective_profile(node),
        "formset": formset,
        "list_errors": list_errors,
        "here": here,
        "language": _language(),
    }
    return render(request, "complaints/responsibilities.html", context, status=status)
