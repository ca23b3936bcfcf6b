"""What the housing pages share: list sizes, query-string parsing, and the create/edit
page of one record (valid input goes to a service; its refusal is shown on the form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS
from gongzhi.core.views import form_page

OWNER_LIST_ROLES = SUPERVISORS | {Role.COMPANY_STAFF}
PARTS_PAGE_SIZE = 50
EXPORT_LIMIT = 50_000


def choice(value: str | None, choices: list[str]) -> str:
    return value if value in choices else ""


def edit_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    back: str,
    back_pk: int | None = None,
    then: Callable[[Any], str] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A record's create or edit page (``core.views.form_page``): on a valid POST,
    ``save(cleaned_data)`` (a service call), "Saved." and the redirect to ``then(saved)``,
    or without ``then`` back where Cancel goes (URL ``back``, with ``back_pk``); a refusal
    goes back on the form (a ``DomainErrorsMixin`` form) with status 400. "Not found" is
    left to the middleware (404)."""
    back_url = reverse(back, args=[back_pk] if back_pk else [])
    return form_page(
        request,
        form,
        template="registry/form.html",
        context={"title": title, "back_url": back_url, **extra},
        save=save,
        success_url=then or back_url,
        message=_("Saved."),
    )
