"""Owner pages (masked, with the audited reveal), occupants, and the owner's own homes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.audit.selectors import history_for
from gongzhi.core.views import page_of
from gongzhi.registry.housing import forms, selectors, services
from gongzhi.registry.housing.permissions import REVEALABLE_FIELDS, can_reveal
from gongzhi.registry.housing.views.common import edit_page
from gongzhi.rules.identity import mask_phone


def owner_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search = request.GET.get("q", "").strip()
    page = page_of(request, selectors.owner_search(actor=actor, search=search))
    return render(request, "registry/housing/owner_list.html", {"page": page, "q": search})


def owner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    owner = selectors.owner_get(actor=actor, pk=pk)
    revealable = {f: can_reveal(actor, owner, f) for f in REVEALABLE_FIELDS}
    return render(
        request,
        "registry/owner_detail.html",
        {
            "owner": owner,
            "ownerships": selectors.owner_parts(actor=actor, owner=owner),
            "revealable": revealable,
            "can_write": selectors.owner_is_writable(actor=actor, owner=owner),
            "history": history_for(actor=actor, obj=owner),
        },
    )


def owner_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    owner = selectors.owner_get_writable(actor=actor, pk=pk)
    initial = {"name": owner.name, "phone": mask_phone(owner.phone)}
    return edit_page(
        request,
        forms.OwnerEditForm(request.POST or None, initial=initial),
        lambda d: services.owner_update(
            actor=actor,
            owner_id=owner.pk,
            name=d["name"],
            phone=_phone(d, owner.phone),
            number=d["number"] or None,
        ),
        title=_("Edit owner"),
        back="registry:owner_detail",
        back_pk=owner.pk,
    )


@require_POST
def owner_reveal_view(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """htmx: swap the masked value for the real one; the display is audited."""
    value = services.owner_reveal(actor=request_actor(request), owner_id=pk, field=field)
    return render(request, "registry/_revealed.html", {"value": value})


def _phone(d: dict[str, Any], stored: str) -> str:
    """A masked phone sent back unchanged keeps the stored one."""
    return stored if stored and d["phone"] == mask_phone(stored) else str(d["phone"])


def _occupant_fields(d: dict[str, Any], stored_phone: str = "") -> dict[str, Any]:
    return {
        "kind": d["kind"],
        "name": d["name"],
        "phone": _phone(d, stored_phone),
        "moved_in": d["moved_in"] or None,
        "moved_out": d["moved_out"] or None,
    }


def occupant_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    part = selectors.part_get_writable(actor=actor, pk=pk)
    return edit_page(
        request,
        forms.OccupantForm(request.POST or None),
        lambda d: services.occupant_create(
            actor=actor, part_id=part.pk, id_number=d["id_number"], **_occupant_fields(d)
        ),
        title=_("New occupant"),
        back="registry:part_detail",
        back_pk=part.pk,
    )


def occupant_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    occupant = selectors.occupant_get_writable(actor=actor, pk=pk)
    initial = {
        "kind": occupant.kind,
        "name": occupant.name,
        "phone": mask_phone(occupant.phone),
        "moved_in": occupant.moved_in.isoformat() if occupant.moved_in else "",
        "moved_out": occupant.moved_out.isoformat() if occupant.moved_out else "",
    }
    return edit_page(
        request,
        forms.OccupantForm(request.POST or None, initial=initial),
        lambda d: services.occupant_update(
            actor=actor,
            occupant_id=occupant.pk,
            id_number=d["id_number"] or None,
            **_occupant_fields(d, occupant.phone),
        ),
        title=_("Edit occupant"),
        back="registry:part_detail",
        back_pk=occupant.part_id,
        history=history_for(actor=actor, obj=occupant),
    )


def my_homes_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/my_homes.html",
        {"homes": selectors.my_homes(actor=request_actor(request))},
    )
