from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.explain import explain
from gongzhi.jurisdictions.selectors import community_staffing, effective_profile_id, subtree


def tree_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    nodes = list(subtree(actor=actor).select_related(None))
    by_parent: dict[int | None, list] = {}
    ids = {n.pk for n in nodes}
    for n in nodes:
        key = n.parent_id if n.parent_id in ids else None
        by_parent.setdefault(key, []).append(n)

    def build(parent: int | None) -> list[dict]:
        return [{"node": n, "children": build(n.pk)} for n in by_parent.get(parent, [])]

    # property officers per community against the profile's minimum (seed 004 §3)
    staffing = {
        pk: {"check": check, "reason": explain(check.explanation)}
        for pk, check in community_staffing(nodes).items()
    }
    for n in nodes:
        n.staffing = staffing.get(n.pk)  # type: ignore[attr-defined]
    roots = build(None)
    profiles = {r["node"].pk: effective_profile_id(r["node"]) for r in roots}
    return render(
        request,
        "jurisdictions/tree.html",
        {"roots": roots, "profiles": profiles, "count": len(nodes)},
    )
