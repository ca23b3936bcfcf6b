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
submits it). :class:`DetailPage` is an object's page, shown by its detail view and again
by the actions that post to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor, request_actor

T = TypeVar("T")

Message = str | Promise
"""What the success message says (translatable)."""

Passes = tuple[type[DomainError], ...]
"""Domain errors a view leaves to the middleware's 404 / 403 page instead of its own."""

DONE = _("Done.")
"""The message of a button whose result the page itself shows."""

NOT_FOUND: Passes = (NotFoundError,)
NOT_FOUND_OR_FORBIDDEN: Passes = (NotFoundError, PermissionDeniedError)


M = TypeVar("M")


@dataclass(frozen=True)
class DetailPage(Generic[M]):
    """An object's page: ``get(actor=, pk=)`` finds it in the actor's scope (a selector,
    NotFoundError outside it), ``context(actor, obj, **extra)`` fills ``template``, and
    ``url_name`` (one ``pk`` argument) is where a successful action returns to."""

    template: str
    get: Callable[..., M]
    context: Callable[..., dict[str, Any]]
    url_name: str

    def url(self, pk: int) -> str:
        return reverse(self.url_name, args=[pk])

    def render(
        self, request: HttpRequest, actor: Any, pk: int, *, status: int = 200, **extra: Any
    ) -> HttpResponse:
        """The page of object ``pk``; ``extra`` adds to (or replaces) its context: a posted
        form with its errors, ``action_errors`` of a refused button."""
        obj = self.get(actor=actor, pk=pk)
        return render(request, self.template, self.context(actor, obj, **extra), status=status)

    def refused(
        self, request: HttpRequest, actor: Any, pk: int, **extra: Any
    ) -> Callable[[DomainError], HttpResponse]:
        """``on_error`` of :func:`run_action`: the page again with the refusal's lines."""

        def show(error: DomainError) -> HttpResponse:
            lines = error.lines()
            return self.render(
                request, actor, pk, status=error.status, action_errors=lines, **extra
            )

        return show

    def with_form(
        self, request: HttpRequest, actor: Any, pk: int, **form: Any
    ) -> Callable[[int], HttpResponse]:
        """``on_invalid`` of :func:`run_form`: the page again with the posted form (named
        as the context names it) and its errors."""
        return lambda status: self.render(request, actor, pk, status=status, **form)

    def view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The detail view itself."""
        return self.render(request, request_actor(request), pk)

    def run(
        self,
        request: HttpRequest,
        actor: Any,
        pk: int,
        call: Callable[[], object],
        *,
        passes: Passes = NOT_FOUND,
    ) -> HttpResponse:
        """A button on the page of object ``pk``: :func:`run_action` with "Done." and back
        to the page, or the page again with the refusal."""
        return run_action(
            request,
            call=call,
            on_error=self.refused(request, actor, pk),
            success_url=self.url(pk),
            passes=passes,
        )

    def action_view(
        self,
        actions: Collection[str],
        act: Callable[[Actor, int, str, QueryDict], object],
    ) -> Callable[[HttpRequest, int, str], HttpResponse]:
        """The view of the page's workflow buttons (``<pk>/<action>/``, POST only): an
        action outside ``actions`` is 404; ``act(actor, pk, action, request.POST)`` calls
        the service, then as :meth:`run`."""

        @require_POST
        def action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
            if action not in actions:
                raise Http404
            actor = request_actor(request)
            return self.run(request, actor, pk, lambda: act(actor, pk, action, request.POST))

        return action_view

    def upload_view(
        self,
        form_class: Callable[..., forms.BaseForm],
        add: Callable[[Actor, int, dict[str, Any]], object],
        *,
        form_name: str,
        message: Message,
        errors_on: str | None = "file",
    ) -> Callable[[HttpRequest, int], HttpResponse]:
        """The view that adds a file to the object (POST only): ``form_class`` with the
        posted file, ``add(actor, pk, cleaned_data)`` calls the service, then as
        :func:`run_form`; the page shows the form again as ``form_name``, the refusal on
        field ``errors_on`` (``None``: on the fields it names)."""

        @require_POST
        def upload_view(request: HttpRequest, pk: int) -> HttpResponse:
            actor = request_actor(request)
            form = form_class(request.POST, request.FILES)
            return run_form(
                request,
                form,
                save=lambda data: add(actor, pk, data),
                on_invalid=self.with_form(request, actor, pk, **{form_name: form}),
                success_url=self.url(pk),
                message=message,
                errors_on=errors_on,
            )

        return upload_view


def post_page(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any] | Callable[[], dict[str, Any]],
    call: Callable[[], T],
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message],
    passes: Passes = NOT_FOUND_OR_FORBIDDEN,
) -> HttpResponse:
    """A page whose plain HTML form the service reads field by field (no Django form):
    GET shows ``template``; POST runs ``call()`` as :func:`run_action`, and a refusal
    shows the page again at 400 with ``errors`` (its lines). The page sees ``data``, the
    posted fields (nothing on GET), to fill the form in again."""

    def page(errors: list[str], status: int) -> HttpResponse:
        more = context() if callable(context) else context
        data = request.POST if request.method == "POST" else {}
        return render(request, template, {**more, "data": data, "errors": errors}, status=status)

    if request.method != "POST":
        return page([], 200)
    return run_action(
        request,
        call=call,
        on_error=lambda error: page(error.lines(), 400),
        success_url=success_url,
        message=message,
        passes=passes,
    )


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    """A printable page as a PDF download, made with WeasyPrint (extra "pdf"; the CJK font
    from the system, no network: ``base_url`` is the site and the template loads nothing
    remote; the template sees ``pdf``). 404 where WeasyPrint is not installed."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        raise Http404 from None
    html = render_to_string(template, {**context, "pdf": True}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PAGE_SIZE = 25
"""Rows on a page of a list."""


def page_of(request: HttpRequest, rows: Any, per_page: int = PAGE_SIZE) -> Page[Any]:
    """The page of ``rows`` (a queryset or list) that the query string's ``page`` asks
    for; a page out of range or not a number gives the nearest page."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def choice_param(
    request: HttpRequest, name: str, choices: Collection[str], default: str = ""
) -> str:
    """Query-string parameter ``name`` when it is one of ``choices``, else ``default``."""
    value = request.GET.get(name, default)
    return value if value in choices else ""


def _after(value: T, then: str | Callable[[T], str]) -> str:
    return then(value) if callable(then) else then


def run_action(
    request: HttpRequest,
    *,
    call: Callable[[], T],
    on_error: Callable[[DomainError], HttpResponse] | None,
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message] = DONE,
    passes: Passes = NOT_FOUND,
) -> HttpResponse:
    """Run one service ``call`` for a posted button.

    Accepted: ``message`` (or ``message(result)``) and a redirect to ``success_url`` (a URL
    or URL name, or a function of the call's result). Refused: ``on_error(error)``, which
    shows the page again with ``error.lines()`` at ``error.status``; with ``on_error=None``
    the page shows messages only: each line an error message, and back to ``success_url``
    (a string then). An error of a class in ``passes`` propagates to the 404 / 403 page
    (core.http.DomainErrorMiddleware)."""
    try:
        result = call()
    except passes:
        raise
    except DomainError as error:
        if on_error is not None:
            return on_error(error)
        for line in error.lines():
            messages.error(request, line)
        return redirect(success_url)
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
    errors_on: str | None = None,
) -> HttpResponse:
    """A posted ``form``: when valid, ``save(form.cleaned_data)`` calls the service.

    Accepted: ``message`` and a redirect to ``success_url`` (as in :func:`run_action`).
    Invalid or refused: ``on_invalid(status)`` shows the page again with the form, which
    carries the service's messages on the fields they name (``DomainErrorsMixin``), or all
    on field ``errors_on`` (an upload's file); the status is 400, or the refusal's own
    (409 for a conflict)."""
    status = 400
    if form.is_valid():
        try:
            result = save(form.cleaned_data)
        except passes:
            raise
        except DomainError as error:
            status = error.status
            if errors_on is None:
                form.add_error_of(error)  # type: ignore[attr-defined]
            else:
                for line in error.lines():
                    form.add_error(errors_on, line)
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
    context: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    passes: Passes = NOT_FOUND,
) -> HttpResponse:
    """A page that is a form: GET shows ``template`` with ``{"form": form, **context}``,
    POST submits it through :func:`run_form` (the page again at 400 when refused).
    ``context`` may be a function, read only when the page is shown (not before a
    redirect, nor before the service has run)."""

    def page(status: int) -> HttpResponse:
        more = context() if callable(context) else context or {}
        return render(request, template, {"form": form, **more}, status=status)

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
