"""core.views: what a page does with a posted button or form, on the three outcomes
(accepted, refused by the rules, not found)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, invalid
from gongzhi.core.forms import DomainErrorsMixin, limit_choices
from gongzhi.core.views import DONE, choice_param, form_page, page_of, run_action, run_form


def _request(method: str = "post", data: dict[str, Any] | None = None, **get: str) -> HttpRequest:
    factory = RequestFactory()
    request = factory.post("/", data or {}) if method == "post" else factory.get("/", get)
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _texts(request: HttpRequest) -> list[str]:
    return [str(m) for m in get_messages(request)]


class NameForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField()
    file = forms.CharField(required=False)


def _refused(error: DomainError) -> HttpResponse:
    return HttpResponse("; ".join(error.lines()), status=error.status)


def _again(status: int) -> HttpResponse:
    return HttpResponse(status=status)


def test_run_action_accepted_says_so_and_redirects() -> None:
    # given a button whose service accepts
    request = _request()
    # when it runs
    response = run_action(request, call=lambda: 3, on_error=_refused, success_url="/done/")
    # then the page moves on with the default message
    assert (response.status_code, response["Location"]) == (302, "/done/")
    assert _texts(request) == [str(DONE)]


def test_run_action_refused_shows_the_page_again_with_the_error_status() -> None:
    # given a service that refuses with a conflict
    def call() -> None:
        raise ConflictError("taken")

    # when the button runs
    response = run_action(_request(), call=call, on_error=_refused, success_url="/done/")
    # then the page comes back with the refusal at 409
    assert (response.status_code, response.content) == (409, b"taken")


def test_run_action_leaves_not_found_to_the_middleware() -> None:
    def call() -> None:
        raise NotFoundError("gone")

    with pytest.raises(NotFoundError):
        run_action(_request(), call=call, on_error=_refused, success_url="/done/")


def test_run_action_without_a_page_turns_the_refusal_into_messages() -> None:
    request = _request()

    def call() -> None:
        raise invalid({"a": ["first"], "b": ["second"]})

    response = run_action(request, call=call, on_error=None, success_url="/back/")
    assert (response.status_code, response["Location"]) == (302, "/back/")
    assert _texts(request) == ["first", "second"]


def test_run_form_places_the_refusal_on_the_named_field_or_on_errors_on() -> None:
    def save(data: dict[str, Any]) -> None:
        raise invalid({"name": ["already used"]})

    form = NameForm({"name": "x"})
    response = run_form(
        _request(), form, save=save, on_invalid=_again, success_url="/", message="ok"
    )
    assert form.errors == {"name": ["already used"]}
    assert response.status_code == 400
    upload = NameForm({"name": "x"})
    run_form(
        _request(),
        upload,
        save=save,
        on_invalid=_again,
        success_url="/",
        message="ok",
        errors_on="file",
    )
    assert upload.errors == {"file": ["already used"]}


def test_run_form_passes_the_result_to_the_message_and_the_url() -> None:
    request = _request()
    response = run_form(
        request,
        NameForm({"name": "x"}),
        save=lambda data: data["name"],
        on_invalid=_again,
        success_url=lambda name: f"/{name}/",
        message=lambda name: f"saved {name}",
    )
    assert response["Location"] == "/x/"
    assert _texts(request) == ["saved x"]


def test_form_page_shows_the_form_on_get_and_again_at_400_when_invalid() -> None:
    seen: list[Any] = []

    def context() -> dict[str, Any]:
        seen.append(True)
        return {"title": "t"}

    page = form_page(
        _request("get"),
        NameForm(),
        template="_form.html",
        context=context,
        save=lambda data: None,
        success_url="/",
        message="ok",
    )
    assert page.status_code == 200
    again = form_page(
        _request(),
        NameForm({}),
        template="_form.html",
        context=context,
        save=lambda data: None,
        success_url="/",
        message="ok",
    )
    assert again.status_code == 400
    assert len(seen) == 2  # read only when the page is shown


def test_page_of_and_choice_param_read_the_query_string() -> None:
    request = _request("get", page="2", status="open")
    assert list(page_of(request, list(range(30)))) == list(range(25, 30))
    assert list(page_of(_request("get", page="x"), [1, 2])) == [1, 2]
    assert choice_param(request, "status", ["open", "closed"]) == "open"
    assert choice_param(request, "status", ["closed"]) == ""
    assert choice_param(request, "kind", ["a"], default="a") == "a"


def test_limit_choices_sets_choices_and_refuses_other_fields() -> None:
    class ChoiceForm(forms.Form):
        colour = forms.ChoiceField()
        name = forms.CharField()

    form = ChoiceForm()
    limit_choices(form, colour=[("red", "Red")])
    assert list(form.fields["colour"].choices) == [("red", "Red")]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        limit_choices(form, name=[])
