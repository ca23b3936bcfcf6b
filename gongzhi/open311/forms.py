"""The bureau's form for issuing an Open311 API key."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.open311 import selectors
from gongzhi.open311.services import NAME_MAX


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        code = f" ({obj.division_code})" if obj.division_code else ""
        return f"{obj.name}{code}"


class KeyForm(forms.Form):
    name = forms.CharField(
        label=_("Client name"),
        max_length=NAME_MAX,
        help_text=_("The system that will use the key, e.g. the city 12345 hotline platform."),
    )
    node = NodeChoiceField(
        queryset=Jurisdiction.objects.none(),
        label=_("Jurisdiction"),
        help_text=_("Requests may be posted into this jurisdiction and below."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["node"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.client_nodes(actor)
        own = field.queryset.first()  # the widest node the actor holds: their own
        field.initial = own.pk if own is not None else None
