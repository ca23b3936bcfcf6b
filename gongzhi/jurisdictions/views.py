from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongzhi.accounts.selectors import request_actor
from gongzhi.jurisdictions.selectors import effective_profile_id, subtree


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

    roots = build(None)
    profiles = {r["node"].pk: effective_profile_id(r["node"]) for r in roots}
    return render(
        request,
        "jurisdictions/tree.html",
        {"roots": roots, "profiles": profiles, "count": len(nodes)},
    )
