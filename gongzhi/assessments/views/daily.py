"""Pages of the daily community checks (日常考核, seed 004 §10): the list (Excel), the
phone form with photos, a check with its photos and the close action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import daily, selectors
from gongzhi.assessments.daily_models import DailyCheck
from gongzhi.core import clock
from gongzhi.core.attachments import attachment_response
from gongzhi.core.excel import xlsx_response
from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.core.views import NOT_FOUND_OR_FORBIDDEN, form_page, page_of, run_action
from gongzhi.registry.models import Project

PROBLEM = "problem_"


class DailyCheckForm(DomainErrorsMixin, forms.Form):
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Project.objects.none(), label=pgettext_lazy("daily check", "project")
    )
    checked_on = forms.DateField(label=pgettext_lazy("daily check", "checked on"), widget=DateInput)
    note = forms.CharField(
        label=pgettext_lazy("daily check", "remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, projects: Any, items: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        for item in items:
            self.fields[PROBLEM + item.code] = forms.CharField(
                label=item.label_zh,
                required=False,
                help_text=pgettext_lazy("daily check", "What was found wanting (empty: fine)."),
            )

    def problems(self) -> dict[str, str]:
        return {
            name[len(PROBLEM) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(PROBLEM)
        }

    def add_domain_errors(self, fields: Any, message: Any = None) -> None:
        placed = {
            (
                "project"
                if k == "project_id"
                else k.replace("problems.", PROBLEM, 1)
                if k.startswith("problems.")
                else k
            ): v
            for k, v in fields.items()
        }
        super().add_domain_errors(placed, message)


class CloseForm(forms.Form):
    note = forms.CharField(label=pgettext_lazy("daily check", "how it was put right"))


def daily_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = request.GET.get("status", "")
    qs = daily.daily_check_list(actor=actor, status=status)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            pgettext("daily check", "daily checks") + ".xlsx",
            [
                pgettext("daily check", "checked on"),
                pgettext("daily check", "project"),
                pgettext("daily check", "serving company"),
                pgettext("daily check", "findings"),
                pgettext("daily check", "status"),
            ],
            [
                [
                    c.checked_on,
                    c.project.name,
                    c.company.name if c.company else "",
                    "；".join(f"{f['label']}：{f['note']}" for f in c.findings),
                    c.get_status_display(),
                ]
                for c in qs
            ],
        )
    return render(
        request,
        "assessments/daily_list.html",
        {
            "page": page_of(request, qs),
            "statuses": DailyCheck.Status.choices,
            "status": status,
            "can_record": actor.has_role(*daily.CHECKERS),
        },
    )


def daily_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.has_role(*daily.CHECKERS):
        raise PermissionDenied
    projects = selectors.assessable_projects(actor=actor)
    source = request.POST if request.method == "POST" else request.GET
    chosen = source.get("project", "")
    project = projects.filter(pk=int(chosen) if chosen.isdigit() else 0).first()
    items = selectors.project_form(project) if project else ()
    form = DailyCheckForm(
        request.POST if request.method == "POST" else None,
        projects=projects,
        items=items,
        initial={"checked_on": clock.today(), "project": project},
    )
    return form_page(
        request,
        form,
        template="assessments/daily_form.html",
        context={"project": project, "items": items},
        save=lambda data: daily.daily_check_record(
            actor=actor,
            project_id=data["project"].pk,
            checked_on=data["checked_on"],
            problems=form.problems(),
            note=data["note"],
            photos=request.FILES.getlist("photos"),
        ),
        success_url=lambda check: reverse("assessments:daily_detail", args=[check.pk]),
        message=pgettext("daily check", "The check was recorded."),
        passes=NOT_FOUND_OR_FORBIDDEN,
    )


def daily_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    check = daily.daily_check_get(actor=actor, pk=pk)
    return render(
        request,
        "assessments/daily_detail.html",
        {
            "check": check,
            "photos": check.photos.all(),
            "actions": daily.DAILY_FLOW.available(check, actor),
            "close_form": CloseForm(),
        },
    )


@require_POST
def daily_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    check = daily.daily_check_get(actor=actor, pk=pk)
    return run_action(
        request,
        call=lambda: daily.daily_check_close(
            actor=actor, check_id=check.pk, note=request.POST.get("note", "")
        ),
        on_error=None,
        success_url=reverse("assessments:daily_detail", args=[check.pk]),
        message=pgettext("daily check", "The check was closed."),
        passes=NOT_FOUND_OR_FORBIDDEN,
    )


def daily_photo_view(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(
        daily.daily_photo_get(actor=request_actor(request), pk=pk), inline=True
    )
