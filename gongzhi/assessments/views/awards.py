"""The yearly ranking and awards page (seed 001 §四(二)), with the bureau's form and Excel."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext, pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import awards, selectors
from gongzhi.assessments.award_models import Award
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.forms import DomainErrorsMixin
from gongzhi.registry.models import PropertyCompany


class AwardForm(DomainErrorsMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("award", "award"), max_length=100)
    recipient = forms.ChoiceField(
        label=pgettext_lazy("award", "recipient kind"), choices=Award.Recipient.choices
    )
    name = forms.CharField(label=pgettext_lazy("award", "awarded to"), max_length=100)
    company = forms.ModelChoiceField(
        queryset=PropertyCompany.objects.none(),
        label=pgettext_lazy("award", "property company"),
        required=False,
    )
    amount = forms.CharField(label=pgettext_lazy("award", "amount in yuan"), max_length=12)

    def add_domain_errors(self, fields: dict, message: object = None) -> None:
        super().add_domain_errors(
            {("company" if k == "company_id" else k): v for k, v in fields.items()}, message
        )


def awards_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    year_raw = request.GET.get("year") or request.POST.get("year") or ""
    year = int(year_raw) if year_raw.isdigit() else selectors.today().year
    granted = awards.award_list(actor=actor, year=year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            pgettext("award", "assessment awards") + f" {year}.xlsx",
            [
                pgettext("award", "award"),
                pgettext("award", "recipient kind"),
                pgettext("award", "awarded to"),
                pgettext("award", "property company"),
                pgettext("award", "amount (fen)"),
            ],
            [
                [
                    a.title,
                    a.get_recipient_display(),
                    a.name,
                    a.company.name if a.company else "",
                    a.amount_fen,
                ]
                for a in granted
            ],
        )
    may_grant = actor.has_role(Role.BUREAU)
    form = AwardForm(request.POST if request.method == "POST" else None)
    form.fields["company"].queryset = PropertyCompany.objects.visible_to(actor)  # type: ignore[attr-defined]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                awards.award_grant(
                    actor=actor,
                    year=year,
                    recipient=data["recipient"],
                    name=data["name"],
                    title=data["title"],
                    amount=data["amount"],
                    company_id=data["company"].pk if data["company"] else None,
                )
            except (NotFoundError, PermissionDeniedError):
                raise
            except DomainError as error:
                form.add_error_of(error)
                status = error.status
            else:
                messages.success(request, pgettext("award", "The award was recorded."))
                return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "assessments/awards.html",
        {
            "year": year,
            "ranking": awards.company_ranking(actor=actor, year=year),
            "awards": granted,
            "form": form if may_grant else None,
        },
        status=status,
    )
