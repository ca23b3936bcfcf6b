"""What every app's pages do with a posted action or form, written once.

A page posts, the view calls one service (style principle 3: one write path per action),
and then one of three things happens:

- the service accepts: a message and a redirect (post/redirect/get);
- the rules refuse (:class:`~gongzhi.core.errors.DomainError`): the same page again, with
  the refusal on it and the error's status (400, or 409 for a conflict);
- the object is not there for this actor (:class:`~gongzhi.core.errors.NotFoundError`),
  and for some pages the actor may not do this at all: the error is left to
  :class:`gongzhi.core.http.DomainErrorMiddleware`, which shows the 404 / 403 page.

:func:`run_action` is a button (an action on an object's page), :func:`run_form` a form
posted on an object's page and :func:`form_page` a page that is a form (GET shows it, POST
submits it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError

T = TypeVar("T")

Message = str | Promise
"""What the success message says (translatable)."""

Passes = tuple[type[DomainError], ...]
"""Domain errors a view leaves to the middleware's 404 / 403 page instead of its own."""

DONE = _("Done.")
"""The message of a button whose result the page itself shows."""

NOT_FOUND: Passes = (NotFoundError,)
NOT_FOUND_OR_FORBIDDEN: Passes = (NotFoundError, PermissionDeniedError)


def _after(value: T, then: str | Callable[[T], str]) -> str:
    return then(value) if callable(then) else then


def run_action(
    request: HttpRequest,
    *,
    call: Callable[[], T],
    on_error: Callable[[DomainError], HttpResponse],
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message] = DONE,
    passes: Passes = NOT_FOUND,
) -> HttpResponse:
    """Run one service ``call`` for a posted button.

    Accepted: ``message`` (or ``message(result)``) and a redirect to ``success_url`` (a URL
    or URL name, or a function of the call's result). Refused: ``on_error(error)``, which
    shows the page again with ``error.lines()`` at ``error.status``. An error of a class in
    ``passes`` propagates to the 404 / 403 page (core.http.DomainErrorMiddleware)."""
    try:
        result = call()
    except passes:
        raise
    except DomainError as error:
        return on_error(error)
    messages.success(request, _after(result, message))  # type: ignore[arg-type]
    return redirect(_after(result, success_url))


def run_form(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], T],
    on_invalid: Callable[[int], HttpResponse],
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message],
    passes: Passes = NOT_FOUND,
) -> HttpResponse:
    """A posted ``form``: when valid, ``save(form.cleaned_data)`` calls the service.

    Accepted: ``message`` and a redirect to ``success_url`` (as in :func:`run_action`).
    Invalid or refused: ``on_invalid(status)`` shows the page again with the form, which
    carries the service's messages on the fields they name (``DomainErrorsMixin``); the
    status is 400, or the refusal's own (409 for a conflict)."""
    status = 400
    if form.is_valid():
        try:
            result = save(form.cleaned_data)
        except passes:
            raise
        except DomainError as error:
            status = error.status
            form.add_error_of(error)  # type: ignore[attr-defined]
        else:
            messages.success(request, _after(result, message))  # type: ignore[arg-type]
            return redirect(_after(result, success_url))
    return on_invalid(status)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    template: str,
    save: Callable[[dict[str, Any]], T],
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message],
    context: dict[str, Any] | None = None,
    passes: Passes = NOT_FOUND,
) -> HttpResponse:
    """A page that is a form: GET shows ``template`` with ``{"form": form, **context}``,
    POST submits it through :func:`run_form` (the page again at 400 when refused)."""

    def page(status: int) -> HttpResponse:
        return render(request, template, {"form": form, **(context or {})}, status=status)

    if request.method != "POST":
        return page(200)
    return run_form(
        request,
        form,
        save=save,
        on_invalid=page,
        success_url=success_url,
        message=message,
        passes=passes,
    )
