"""Pages of notices: the owner's inbox (opening a notice is its read receipt), the
issuers' list with the share read, publishing, the receipts, and the printable notice
(HTML and PDF) for posting in the project."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, pgettext

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import pdf_response
from gongzhi.notices import selectors, services
from gongzhi.notices.forms import NoticeForm
from gongzhi.notices.models import Notice


def inbox_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    notices = list(selectors.notice_inbox(actor=actor).select_related("project")[:100])
    return render(
        request,
        "notices/inbox.html",
        {"notices": notices, "unread": sum(1 for n in notices if getattr(n, "is_unread", False))},
    )


def inbox_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening the notice is the read receipt (once per owner; later openings count no
    more)."""
    actor = request_actor(request)
    notice = selectors.notice_get_for_owner(actor=actor, pk=pk)
    services.notice_mark_read(actor=actor, notice_id=notice.pk)
    return render(request, "notices/inbox_detail.html", {"notice": notice})


def list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    category = request.GET.get("category") or None
    notices = list(selectors.notice_list(actor=actor, category=category)[:200])
    return render(
        request,
        "notices/list.html",
        {
            "notices": notices,
            "can_issue": selectors.issuable_projects(actor=actor).exists()
            and any(g.kind != "owner" for g in actor.grants),
        },
    )


def _percent(read: int | None, total: int) -> int:
    return (read or 0) * 100 // total if total else 0


def list_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    headers = [
        pgettext("notice", "Published"),
        pgettext("notice", "Project"),
        pgettext("notice", "Issued by"),
        pgettext("notice", "Category"),
        pgettext("notice", "Title"),
        pgettext("notice", "Audience"),
        gettext("Recipients"),
        pgettext("notice", "Read"),
        gettext("Read (%)"),
    ]
    rows = (
        [
            n.published_at,
            n.project.name,
            n.issuer_name,
            n.get_category_display(),
            n.title,
            n.get_audience_display(),
            n.recipient_count,
            getattr(n, "read_count", 0) or 0,
            _percent(getattr(n, "read_count", 0), n.recipient_count),
        ]
        for n in selectors.notice_list(actor=actor)
    )
    return xlsx_response(f"{gettext('Notices')}.xlsx", headers, rows)


def create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = selectors.issuable_projects(actor=actor)
    if request.method == "POST":
        form = NoticeForm(request.POST, projects=projects)
        if form.is_valid():
            data = form.cleaned_data
            project = data["project"]
            building_id, unit_id, part_ids, errors = selectors.audience_ids(
                project_id=project.pk,
                building=data["building"] if data["audience"] == "building" else "",
                building_unit=data["building_unit"] if data["audience"] == "unit" else "",
                parts=data["parts"] if data["audience"] == "selected" else "",
            )
            if errors:
                form.add_domain_errors(errors, "")
            else:
                try:
                    notice = services.notice_publish(
                        actor=actor,
                        project_id=project.pk,
                        issuer=data["issuer"],
                        category=data["category"],
                        title=data["title"],
                        body=data["body"],
                        audience=data["audience"],
                        building_id=building_id,
                        building_unit_id=unit_id,
                        part_ids=part_ids,
                        channels=data["channels"],
                    )
                except DomainError as error:
                    if error.status != 400 and error.status != 403:
                        raise
                    form.add_error_of(error)
                else:
                    messages.success(
                        request,
                        gettext("The notice has been published to %(count)s owners.")
                        % {"count": notice.recipient_count},
                    )
                    return redirect("notices:detail", pk=notice.pk)
    else:
        form = NoticeForm(projects=projects)
    return render(request, "notices/form.html", {"form": form})


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    notice = selectors.notice_get(actor=actor, pk=pk)
    return render(
        request,
        "notices/detail.html",
        {
            "notice": notice,
            "receipts": selectors.notice_receipts(notice=notice),
            "recipients": selectors.notice_recipients(notice=notice)[:500],
        },
    )


def recipients_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    notice = selectors.notice_get(actor=actor, pk=pk)
    headers = [
        gettext("Owner"),
        gettext("Parts"),
        gettext("SMS queued"),
        gettext("E-mail queued"),
        pgettext("notice", "Read"),
    ]
    yes, no = gettext("Yes"), gettext("No")
    rows = (
        [
            r.owner.name,
            r.parts,
            yes if r.sms_queued else no,
            yes if r.email_queued else no,
            r.read_at or "",
        ]
        for r in selectors.notice_recipients(notice=notice).iterator(chunk_size=2000)
    )
    return xlsx_response(f"{gettext('Notice recipients')}-{notice.pk}.xlsx", headers, rows)


def _printable(actor: Actor, pk: int) -> Notice:
    """The notice for its issuers and supervisors, or for an owner it was sent to."""
    try:
        return selectors.notice_get(actor=actor, pk=pk)
    except NotFoundError:
        return selectors.notice_get_for_owner(actor=actor, pk=pk)


def _print_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    return {"notice": _printable(request_actor(request), pk)}


def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "notices/print.html", _print_context(request, pk))


def pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice as an A4 PDF to post (WeasyPrint with the system's Noto CJK fonts, no
    web fonts); 404 where WeasyPrint is not installed (extra "pdf")."""
    context = _print_context(request, pk)
    return pdf_response(request, "notices/print.html", context, f"notice-{pk}.pdf")
