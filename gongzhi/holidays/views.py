"""Holiday schedule pages: the years known (built in or entered), the banner for a missing
next year, and the bureau's form for one year's notice with a preview of the parsed days."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.holidays import selectors, services
from gongzhi.holidays.forms import HolidayYearForm
from gongzhi.holidays.parsing import format_days


def year_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "holidays/year_list.html",
        {
            "rows": selectors.year_rows(),
            "missing_year": selectors.missing_next_year(),
            "can_edit": services.may_edit(actor),
        },
    )


def _initial(year: int | None) -> dict[str, Any]:
    if year is None:
        return {"year": clock.today().year + 1}
    entry = selectors.year_get(year)
    if entry is None:
        return {"year": year}
    return {
        "year": entry.year,
        "source": entry.source,
        "rest_days": format_days(entry.rest_days),
        "workdays": format_days(entry.workdays),
    }


def year_edit_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    actor = request_actor(request)
    if not services.may_edit(actor):
        raise PermissionDenied
    form = HolidayYearForm(request.POST or None, initial=_initial(year))
    if year is not None:
        form.fields["year"].disabled = True  # editing a year: its number stays
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                preview = services.validate(**data)
            else:
                services.holiday_year_save(actor=actor, **data)
        except PermissionDeniedError:
            raise  # the 403 page (core.http.DomainErrorMiddleware)
        except DomainError as error:
            form.add_domain_errors(error.fields, error.message)
        else:
            if preview is None:
                messages.success(
                    request,
                    _("The holiday schedule of %(year)s was saved.") % {"year": data["year"]},
                )
                return redirect("holidays:year_list")
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "holidays/year_form.html",
        {
            "form": form,
            "year": year,
            "preview": preview,
            "preview_rest": sorted(preview.holidays) if preview else [],
            "preview_work": sorted(preview.workdays) if preview else [],
        },
        status=status,
    )


@require_POST
def year_delete_view(request: HttpRequest, year: int) -> HttpResponse:
    services.holiday_year_delete(actor=request_actor(request), year=year)
    messages.success(request, _("The holiday schedule of %(year)s was deleted.") % {"year": year})
    return redirect("holidays:year_list")
