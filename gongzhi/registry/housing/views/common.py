"""What the housing pages share: list sizes, query-string parsing, and the create/edit
page of one record (valid input goes to a service; its refusal is shown on the form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS
from gongzhi.core.errors import DomainError, NotFoundError

OWNER_LIST_ROLES = SUPERVISORS | {Role.COMPANY_STAFF}
PAGE_SIZE = 25
PARTS_PAGE_SIZE = 50
EXPORT_LIMIT = 50_000


def to_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def choice(value: str | None, choices: list[str]) -> str:
    return value if value in choices else ""


def form_page(request: HttpRequest, form: Any, title: str, back: str, **extra: Any) -> Any:
    return render(
        request,
        "registry/housing/form.html",
        {"form": form, "title": title, "back": back, **extra},
        status=400 if request.method == "POST" else 200,
    )


def edit_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], HttpResponse],
    *,
    title: str,
    back: str,
    **extra: Any,
) -> HttpResponse:
    """A record's create or edit page: on a valid POST, ``save(cleaned_data)`` (a service
    call) and ``done(saved)`` (the redirect); a refusal goes back on the form (a
    ``DomainErrorsMixin`` form) with status 400.
    "Not found" is left to the middleware (404)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except NotFoundError:
            raise
        except DomainError as error:
            form.add_error_of(error)
        else:
            messages.success(request, _("Saved."))
            return done(saved)
    return form_page(request, form, title, back, **extra)
