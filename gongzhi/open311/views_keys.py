"""The bureau's Open311 key pages: the keys of its jurisdiction, issuing a key (shown
once) and revoking one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.views import page_of
from gongzhi.open311 import selectors, services
from gongzhi.open311.forms import KeyForm


def key_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = KeyForm(request.POST or None, actor=actor)
    new_key = new_client = None
    if request.method == "POST" and form.is_valid():
        try:
            new_client, new_key = services.client_create(
                actor=actor, name=form.cleaned_data["name"], node=form.cleaned_data["node"]
            )
        except DomainError as error:
            for field, texts in error.fields.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, str(text))
            if not error.fields:
                form.add_error(None, str(error.message))
        else:
            form = KeyForm(actor=actor)
    page = page_of(request, selectors.client_list(actor))
    return render(
        request,
        "open311/key_list.html",
        {"form": form, "page": page, "new_key": new_key, "new_client": new_client},
        status=400 if request.method == "POST" and new_key is None else 200,
    )


@require_POST
def key_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        client = services.client_revoke(actor=request_actor(request), pk=pk)
    except NotFoundError:
        raise  # the 404 page (core.http.DomainErrorMiddleware)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The key of %(name)s has been revoked.") % {"name": client.name}
        )
    return redirect("open311:key_list")
