"""The notice form: the service checks every value; the form only carries them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.forms import DomainErrorsMixin, limit_choices
from gongzhi.notices.models import Audience, Category, Channel, Issuer
from gongzhi.registry.models import Project

# Vote, result and top-up notices come from their own capabilities; people write these.
FORM_CATEGORIES = (Category.GENERAL, Category.EXIT)


class NoticeForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(
        label=pgettext_lazy("notice", "Project"), queryset=Project.objects.none()
    )
    issuer = forms.ChoiceField(label=pgettext_lazy("notice", "Issued by"), choices=Issuer.choices)
    category = forms.ChoiceField(
        label=pgettext_lazy("notice", "Category"),
        choices=[(c.value, c.label) for c in FORM_CATEGORIES],
    )
    title = forms.CharField(label=pgettext_lazy("notice", "Title"), max_length=200)
    body = forms.CharField(
        label=pgettext_lazy("notice", "Text"), widget=forms.Textarea(attrs={"rows": 8})
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    building = forms.CharField(
        label=_("Building"), required=False, help_text=_("For a building: its name, e.g. 1栋.")
    )
    building_unit = forms.CharField(
        label=_("Building unit"),
        required=False,
        help_text=_("For a unit: building and unit, e.g. 1栋-1单元."),
    )
    parts = forms.CharField(
        label=_("Parts"),
        required=False,
        help_text=_("For chosen parts: their numbers, separated by commas or spaces."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Also send by"),
        choices=[
            (Channel.SMS.value, Channel.SMS.label),
            (Channel.EMAIL.value, Channel.EMAIL.label),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, project=projects)
