"""Monthly reports: the archive of a node's reports (and its subtree's), asking for one
(built in the background), its progress (htmx polling, no script of our own), and the
PDF and Excel downloads — served only through this scoped view, never from /media/."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.scoping import get_visible
from gongzhi.core.views import page_of
from gongzhi.dashboards import services
from gongzhi.dashboards.models import MonthlyReport
from gongzhi.jurisdictions.selectors import subtree

PAGE_SIZE = 30


def _months(count: int = 24) -> list[dt.date]:
    month = clock.today().replace(day=1)
    out = []
    for _ in range(count):
        out.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return out


def report_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    nodes = list(subtree(actor=actor))
    errors: list[str] = []
    if request.method == "POST":
        try:
            month = dt.datetime.strptime(request.POST.get("month", ""), "%Y-%m").date()  # noqa: DTZ007
            node_id = int(request.POST.get("node", ""))
        except ValueError:
            errors.append(_t("Choose a month and a jurisdiction."))
        else:
            try:
                report = services.report_request(actor=actor, node_id=node_id, month=month)
            except NotFoundError:
                errors.append(_t("Choose a month and a jurisdiction."))
            except DomainError as error:
                errors.extend(error.lines())
            else:
                messages.success(request, _t("The report is being built."))
                return redirect("dashboards:report", pk=report.pk)
    reports = MonthlyReport.objects.visible_to(actor).select_related("node")
    page = page_of(request, reports, per_page=PAGE_SIZE)
    return render(
        request,
        "dashboards/report_list.html",
        {"page": page, "nodes": nodes, "months": _months(), "errors": errors},
        status=400 if errors else 200,
    )


def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    report = get_visible(MonthlyReport.objects.select_related("node"), actor, pk=pk)
    partial = request.headers.get("HX-Request") == "true"
    template = "dashboards/_report_status.html" if partial else "dashboards/report.html"
    return render(request, template, {"report": report})


def report_file_view(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    actor = request_actor(request)
    report = get_visible(MonthlyReport.objects.select_related("node"), actor, pk=pk)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if field is None or not field or report.status != MonthlyReport.Status.DONE:
        raise NotFoundError(_t("Not found."))
    name = f"{report.node.name}-{report.month:%Y-%m}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
