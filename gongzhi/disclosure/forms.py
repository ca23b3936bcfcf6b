"""The form of an entered board item, built from the item's fields in the rules core."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.disclosure.selectors import field_label
from gongzhi.rules import disclosure as rules


class BoardItemForm(DomainErrorsMixin, forms.Form):
    """One field per item field (long ones as text areas), the as-of day and a note. The
    service checks every value; the form only carries them."""

    as_of = forms.DateField(
        label=_("Up to date as of"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for today."),
    )
    note = forms.CharField(label=_("Note on this change"), max_length=200, required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        fields: dict[str, forms.Field] = {}
        self.required_names = {name for name, required, _m in rules.FIELDS[kind] if required}
        for name, _required, max_length in rules.FIELDS[kind]:
            widget = forms.Textarea(attrs={"rows": 4}) if max_length > 200 else None
            fields[name] = forms.CharField(
                label=field_label(name), required=False, widget=widget, strip=True
            )
        fields.update(self.fields)
        self.fields = fields

    def item_data(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _r, _m in rules.FIELDS[self.kind]}
