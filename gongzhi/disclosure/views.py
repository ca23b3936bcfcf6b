"""Pages of the disclosure board: the supervisors' overview (which projects miss what),
a project's board with history and editing, and the public, printable board with the QR
code that is posted on the physical board (seed 000 §14)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.disclosure import selectors, services
from gongzhi.disclosure.forms import BoardItemForm
from gongzhi.disclosure.models import BoardItem, ItemKind
from gongzhi.registry.models import Project
from gongzhi.rules import disclosure as rules


def home_view(request: HttpRequest) -> HttpResponse:
    """Owners go to their project's board (or choose one); everybody else to the overview."""
    actor = request_actor(request)
    if actor.has_role(Role.OWNER) and not actor.has_role(
        Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.BUREAU, Role.STREET_OFFICER,
        Role.COMMUNITY_OFFICER,
    ):  # fmt: skip
        projects = list(Project.objects.visible_to(actor.with_grant_kinds("owner")))
        if len(projects) == 1:
            return redirect("disclosure:board", pk=projects[0].pk)
        return render(request, "disclosure/choose.html", {"projects": projects})
    return redirect("disclosure:overview")


def _overview_rows(request: HttpRequest) -> list[selectors.ProjectRow]:
    actor = request_actor(request)
    only = request.GET.get("incomplete") == "1"
    return selectors.board_overview(actor=actor, only_incomplete=only)


def overview_view(request: HttpRequest) -> HttpResponse:
    rows = _overview_rows(request)
    complete = sum(1 for r in rows if r.status.current == r.status.required)
    return render(
        request,
        "disclosure/overview.html",
        {
            "rows": rows,
            "complete": complete,
            "incomplete_only": request.GET.get("incomplete") == "1",
        },
    )


def overview_export_view(request: HttpRequest) -> HttpResponse:
    headers = [
        pgettext("disclosure board", "Project"),
        pgettext("disclosure board", "Community"),
        gettext("Property company"),
        gettext("Policy profile"),
        gettext("Required items"),
        gettext("Posted and up to date"),
        gettext("Completeness (%)"),
        gettext("Missing"),
        gettext("Out of date"),
    ]
    rows = (
        [
            r.project.name,
            r.project.community.name,
            r.project.company.name if r.project.company else "",
            r.profile_id,
            r.status.required,
            r.status.current,
            r.status.percent,
            "、".join(r.missing_labels),
            "、".join(r.out_of_date_labels),
        ]
        for r in _overview_rows(request)
    )
    return xlsx_response(f"{gettext('Disclosure boards')}.xlsx", headers, rows)


def _qr_svg(data: str) -> str:
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()


def _public_url(request: HttpRequest, pk: int) -> str:
    return request.build_absolute_uri(reverse("disclosure:public_board", args=[pk]))


def board_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    board = selectors.board_for_project(actor=actor, project_id=pk)
    editable = {
        kind for kind in rules.ENTERED_KINDS if services.can_edit(actor, board.project, kind)
    }
    return render(
        request,
        "disclosure/board.html",
        {
            "board": board,
            "editable": editable,
            "public_url": _public_url(request, pk),
            "addable": [
                (k, ItemKind(k).label)
                for k in sorted(editable)
                if k not in {e.kind for e in board.entries}
            ],
        },
    )


def item_edit_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = request_actor(request)
    board = selectors.board_for_project(actor=actor, project_id=pk)
    if kind not in rules.FIELDS:
        raise Http404
    item = BoardItem.objects.filter(project_id=pk, kind=kind).first()
    if request.method == "POST":
        form = BoardItemForm(request.POST, kind=kind)
        if form.is_valid():
            try:
                services.board_item_put(
                    actor=actor,
                    project_id=pk,
                    kind=kind,
                    data=form.item_data(),
                    as_of=form.cleaned_data.get("as_of"),
                    note=form.cleaned_data.get("note", ""),
                )
            except DomainError as error:
                if error.status != 400:
                    raise
                form.add_error_of(error)
            else:
                messages.success(request, gettext("The board item has been updated."))
                return redirect("disclosure:board", pk=pk)
    else:
        form = BoardItemForm(initial=dict(item.data) if item else {}, kind=kind)
    return render(
        request,
        "disclosure/item_form.html",
        {"board": board, "form": form, "kind": kind, "label": ItemKind(kind).label, "item": item},
    )


def item_history_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = request_actor(request)
    board = selectors.board_for_project(actor=actor, project_id=pk)
    if kind not in rules.FIELDS:
        raise Http404
    revisions = [
        (rev, [(selectors.field_label(n), v) for n, v in rev.data.items() if v])
        for rev in selectors.item_history(actor=actor, project_id=pk, kind=kind)
    ]
    return render(
        request,
        "disclosure/history.html",
        {"board": board, "kind": kind, "label": ItemKind(kind).label, "revisions": revisions},
    )


def public_board_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The board for everybody, no sign-in: what the QR code on the physical board opens;
    ``?print=1`` is the A4 sheet with the QR code to post."""
    board = selectors.board_public(project_id=pk)
    url = _public_url(request, pk)
    return render(
        request,
        "disclosure/public.html",
        {"board": board, "public_url": url, "qr": _qr_svg(url), "print": "print" in request.GET},
    )


def public_qr_view(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.board_public(project_id=pk)  # 404 for an unknown project
    return HttpResponse(_qr_svg(_public_url(request, pk)), content_type="image/svg+xml")
