"""The statistics page (seed 002 §二(一)2(1)): volumes, overdue rate, average handling
time, satisfaction and repeat complaints by category, project, company, street or day,
the projects and companies with the most complaints, filters and Excel export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.selectors import request_actor
from gongzhi.complaints import stats
from gongzhi.complaints.views import _categories_at, _home_node, _language
from gongzhi.core import clock
from gongzhi.core.excel import xlsx_response
from gongzhi.core.listing import int_param
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.selectors import subtree
from gongzhi.registry.models import PropertyCompany

DIMENSION_LABELS = {
    "category": _("Category"),
    "project": _("Project"),
    "company": _("Property company"),
    "street": _("Street / town"),
    "day": _("Day"),
}
TOP = 10


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return None


def _context(request: HttpRequest, actor: Actor) -> dict[str, Any]:
    today = clock.today()
    streets = subtree(actor=actor).filter(level="street").order_by("path")
    street = streets.filter(pk=int_param(request.GET.get("street")) or 0).first()
    companies = PropertyCompany.objects.visible_to(actor).order_by("name")
    company = companies.filter(pk=int_param(request.GET.get("company")) or 0).first()
    dimension = request.GET.get("by", "category")
    if dimension not in DIMENSION_LABELS:
        dimension = "category"
    filters = stats.StatFilters(
        date_from=_date(request.GET.get("from")) or today.replace(month=1, day=1),
        date_to=_date(request.GET.get("to")) or today,
        street=street,
        category=request.GET.get("category", "")[:48],
        company_id=company.pk if company else None,
    )
    node = _home_node(actor)
    labels = {i.code: i.label(_language()) for i in _categories_at(node)}
    first_street = streets.first()
    depth = first_street.depth if first_street is not None else 1
    result = stats.summary(
        actor, filters, dimension, street_depth=depth, category_labels=labels, top=TOP
    )
    return {
        "filters": filters,
        "dimension": dimension,
        "dimensions": list(DIMENSION_LABELS.items()),
        "streets": streets,
        "companies": companies,
        "categories": sorted(labels.items(), key=lambda kv: kv[0]),
        "totals": result.totals,
        "rows": result.rows,
        "top_projects": result.top_projects,
        "top_companies": result.top_companies,
        "open_overdue": stats.open_overdue(actor, today),
    }


def statistics_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(request, "complaints/statistics.html", _context(request, actor))


def statistics_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    context = _context(request, actor)
    headers = [
        str(DIMENSION_LABELS[context["dimension"]]),
        _t("Received"),
        _t("Resolved"),
        _t("Overdue"),
        _t("Overdue rate (%)"),
        _t("Average handling time (days)"),
        _t("Satisfaction (1-5)"),
        _t("Repeat complaints"),
        _t("Substantiated"),
    ]
    data = [
        [
            r.label,
            r.received,
            r.resolved,
            r.overdue,
            r.overdue_rate,
            r.average_days,
            r.satisfaction,
            r.repeat,
            r.substantiated,
        ]
        for r in context["rows"]
    ]
    return xlsx_response(f"{_t('Complaint statistics')}.xlsx", headers, data)
