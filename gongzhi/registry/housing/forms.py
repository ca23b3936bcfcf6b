"""Forms of the housing pages. They only collect input: the rules (areas, numbers,
shares, categories, who may serve) live in ``validation.py`` and the services, whose
DomainError fields are put back on the form by the views."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.registry.models import ExclusivePart, Occupant, Owner, Project

_BLANK = [("", "—")]


def _text(label: Any, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, strip=True, **kwargs)


class ProjectForm(DomainErrorsMixin, forms.Form):
    name = _text(_("Name"), max_length=200)
    community = forms.ChoiceField(label=_("Community"))
    address = _text(_("Address"), required=False, max_length=255)
    category = forms.ChoiceField(label=_("Category"), choices=Project.Category.choices)
    service_mode = forms.ChoiceField(label=_("Service mode"), choices=Project.ServiceMode.choices)
    completed_year = _text(_("Year completed"), required=False)
    total_building_area = _text(
        _("Total building area (m²)"), required=False, help_text=_("At most 2 decimals.")
    )
    company = _text(_("Property company"), required=False, widget=forms.Select)
    developer_uscc = _text(
        _("Developer's unified social credit code"),
        required=False,
        help_text=_("An existing developer is found by its code; a new one is created."),
    )
    developer_name = _text(_("Developer's name"), required=False)

    def __init__(self, *args: Any, communities: Any = (), companies: Any = (), **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["community"]).choices = [
            (c.pk, c.name) for c in communities
        ]
        self.fields["company"].widget.choices = _BLANK + [(c.pk, c.name) for c in companies]


class BuildingForm(DomainErrorsMixin, forms.Form):
    name = _text(_("Building"), max_length=64)
    storeys = _text(_("Storeys"))
    completed_year = _text(_("Year completed"), required=False)


class UnitForm(DomainErrorsMixin, forms.Form):
    building = forms.ChoiceField(label=_("Building"))
    name = _text(_("Unit"), max_length=32)
    storeys = _text(_("Storeys"))
    has_elevator = forms.BooleanField(label=_("Elevator"), required=False)

    def __init__(self, *args: Any, buildings: Any = (), **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["building"]).choices = [
            (b.pk, b.name) for b in buildings
        ]


class UnitEditForm(DomainErrorsMixin, forms.Form):
    name = _text(_("Unit"), max_length=32)
    storeys = _text(_("Storeys"))
    has_elevator = forms.BooleanField(label=_("Elevator"), required=False)


class PartForm(DomainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ExclusivePart.Kind.choices)
    number = _text(_("Number"), max_length=32)
    building_unit = _text(
        _("Building unit"),
        required=False,
        widget=forms.Select,
        help_text=_("Optional for parking spaces and shops."),
    )
    floor = _text(_("Floor"), required=False)
    area = _text(_("Registered area (m²)"), help_text=_("To 0.01 m², e.g. 89.50."))
    use = _text(_("Use"), required=False, max_length=32)
    delivery = forms.ChoiceField(label=_("Delivery status"), choices=ExclusivePart.Delivery.choices)
    vacant_unrenovated = forms.BooleanField(label=_("Vacant and unrenovated"), required=False)

    def __init__(self, *args: Any, units: Any = (), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["building_unit"].widget.choices = _BLANK + [(u.pk, str(u)) for u in units]


class OwnerRowForm(forms.Form):
    """One owner of a part. ``owner_id`` set: an owner already on the part (kept with
    its stored identifiers). Leave the share empty to drop the row."""

    owner_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=Owner.Kind.choices, required=False)
    name = _text(_("Name"), required=False, max_length=200)
    id_number = _text(_("ID card number"), required=False, max_length=32)
    uscc = _text(_("Unified social credit code"), required=False, max_length=32)
    phone = _text(_("Phone"), required=False, max_length=32)
    share = _text(_("Share"), required=False, help_text=_("A fraction, e.g. 1/2."))
    since = _text(_("Since"), required=False, widget=DateInput())


OwnerRowFormSet = forms.formset_factory(OwnerRowForm, extra=2, max_num=50, absolute_max=50)


class OwnerEditForm(DomainErrorsMixin, forms.Form):
    name = _text(_("Name"), max_length=200)
    phone = _text(_("Phone"), required=False, max_length=32)
    number = _text(
        _("New ID card number or credit code"),
        required=False,
        max_length=32,
        help_text=_("Leave empty to keep the registered number."),
    )


class OccupantForm(DomainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Occupant.Kind.choices)
    name = _text(_("Name"), max_length=64)
    id_number = _text(
        _("ID card number"),
        required=False,
        max_length=32,
        help_text=_("Optional. When editing, leave empty to keep the registered number."),
    )
    phone = _text(_("Phone"), required=False, max_length=32)
    moved_in = _text(_("Moved in"), required=False, widget=DateInput())
    moved_out = _text(_("Moved out"), required=False, widget=DateInput())
