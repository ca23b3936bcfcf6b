"""Form pieces every app's pages share: the date input and showing a service's refusal.

Services validate and raise :class:`~gongzhi.core.errors.DomainError`; a form only shows
what the service said, next to the field it names (or above the form).
"""

from __future__ import annotations

from typing import Any

from django import forms

from gongzhi.core.errors import DomainError


class DateInput(forms.DateInput):
    """A phone's native date picker (ISO dates, as the browser sends them)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def limit_choices(form: forms.BaseForm, **choices: Any) -> None:
    """Give each named choice field of ``form`` what it offers: a queryset for a
    model-choice field (the actor's rows: an id outside it is refused as invalid), a list
    of (value, label) pairs for a plain choice field."""
    for name, offered in choices.items():
        field = form.fields[name]
        if isinstance(field, forms.ModelChoiceField):  # and ModelMultipleChoiceField
            field.queryset = offered
        elif isinstance(field, forms.ChoiceField):
            field.choices = offered
        else:
            raise TypeError(f"{name} is not a choice field")


class DomainErrorsMixin:
    """Show a service's DomainError on the form: each message on the field it names, a
    message for an unknown field above the form, the error's message when none is placed.

    ``FIELD_MAP`` names the form field of a service argument called otherwise
    (``{"project_id": "project"}``)."""

    FIELD_MAP: dict[str, str] = {}

    def add_domain_errors(self, fields: dict[str, list[Any]], message: Any) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        placed = False
        for name, messages in fields.items():
            target = self.FIELD_MAP.get(name, name)
            for text in messages:
                form.add_error(target if target in form.fields else None, str(text))
                placed = True
        if not placed:
            form.add_error(None, str(message))

    def add_error_of(self, error: DomainError) -> None:
        """The same, from the error itself."""
        self.add_domain_errors(error.fields, error.message)
