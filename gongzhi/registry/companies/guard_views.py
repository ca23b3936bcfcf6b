"""Pages of the security-guard filings (seed 004 §2): recorded from the company page,
reviewed there by the filing bureau, and listed (with Excel) for the supervisors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.core.scoping import Actor
from gongzhi.core.views import page_of
from gongzhi.registry.companies import guards, selectors
from gongzhi.registry.models import GuardFiling


class GuardFilingForm(DomainErrorsMixin, forms.Form):
    police_bureau = forms.CharField(label=_("filed with (public-security bureau)"), max_length=100)
    filing_number = forms.CharField(label=_("guard filing number"), max_length=64)
    filed_on = forms.DateField(label=_("guard filing date"), widget=DateInput)
    valid_until = forms.DateField(label=_("valid until"), widget=DateInput, required=False)
    guards = forms.IntegerField(label=_("security guards filed"), min_value=0, required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=500)


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("reason for return"), required=False, max_length=500)


def guard_context(actor: Actor, company: object, form: GuardFilingForm | None) -> dict:
    """The company page's section: filings, the reviewer's buttons, the add form."""
    filings = list(guards.guard_filings(actor=actor, company=company))  # type: ignore[arg-type]
    today = clock.today()
    return {
        "guard_filings": [
            (f, f.is_valid_on(today), guards.GUARD_FLOW.available(f, actor)) for f in filings
        ],
        "guard_form": form or GuardFilingForm(),
        "review_form": ReviewForm(),
    }


def _report(request: HttpRequest, error: DomainError) -> None:
    """Show a refused write's message and each field's reason on the company page."""
    messages.error(request, str(error))
    for name, field_errors in error.fields.items():
        for message in field_errors:
            messages.error(request, f"{GUARD_LABELS.get(name, name)}: {message}")


GUARD_LABELS = {name: field.label for name, field in GuardFilingForm.base_fields.items()}


@require_POST
def guard_filing_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a filing from the company page; refused input comes back as messages."""
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    form = GuardFilingForm(request.POST)
    if not form.is_valid():
        _report(
            request,
            DomainError(
                _("Please correct the errors below."),
                fields={k: [str(m) for m in v] for k, v in form.errors.items()},
            ),
        )
        return redirect("registry:company_detail", pk=company.pk)
    try:
        guards.guard_filing_record(actor=actor, company_id=company.pk, **form.cleaned_data)
    except (NotFoundError, PermissionDeniedError):
        raise  # the 404 and 403 pages
    except DomainError as error:
        _report(request, error)
    else:
        messages.success(request, _("The guard filing was recorded."))
    return redirect("registry:company_detail", pk=company.pk)


@require_POST
def guard_filing_review_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    filing = guards.guard_filing_get(actor=actor, pk=pk)
    if action not in guards.GUARD_FLOW.transitions:
        raise Http404
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        guards.guard_filing_review(
            actor=actor, filing_id=filing.pk, action=action, note=form.cleaned_data.get("note", "")
        )
    except (NotFoundError, PermissionDeniedError):
        raise  # the 404 and 403 pages
    except DomainError as error:
        _report(request, error)
    else:
        messages.success(request, _("The guard filing was reviewed."))
    return redirect("registry:company_detail", pk=filing.company_id)


def guard_filing_list_view(request: HttpRequest) -> HttpResponse:
    """Every guard filing the actor sees, with its validity today; Excel export."""
    actor = request_actor(request)
    qs = guards.guard_filings(actor=actor)
    status = request.GET.get("status", "")
    if status in GuardFiling.Status.values:
        qs = qs.filter(status=status)
    today = clock.today()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"{_t('security-guard filings')}.xlsx",
            [
                _t("property company"),
                _t("filed with (public-security bureau)"),
                _t("guard filing number"),
                _t("guard filing date"),
                _t("valid until"),
                _t("security guards filed"),
                _t("status"),
                _t("valid today"),
            ],
            [
                [
                    f.company.name,
                    f.police_bureau,
                    f.filing_number,
                    f.filed_on,
                    f.valid_until,
                    f.guards,
                    f.get_status_display(),
                    _t("yes") if f.is_valid_on(today) else _t("no"),
                ]
                for f in qs
            ],
        )
    page = page_of(request, qs)
    return render(
        request,
        "registry/companies/guard_filings.html",
        {
            "page": page,
            "rows": [(f, f.is_valid_on(today)) for f in page.object_list],
            "statuses": GuardFiling.Status.choices,
            "status": status,
        },
    )
