"""Forms of the assessment pages. The item fields come from the profile's form; the points
are checked by the rules core through the services (one place for every rule)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongzhi.assessments.models import Frequency
from gongzhi.core.explain import cited
from gongzhi.core.forms import DomainErrorsMixin, limit_choices
from gongzhi.registry.models import OwnersCommittee, Project
from gongzhi.rules import periods
from gongzhi.rules.assessments import FormItem

PREFIX = "item_"


def item_label(item: FormItem) -> str:
    chinese = (get_language() or "").lower().startswith("zh")
    label = item.label_zh if chinese else item.label_en
    return f"{label} (0–{item.max_points})"


class _ItemsForm(DomainErrorsMixin, forms.Form):
    """Adds one points field per form item (``item_<code>``), phone-friendly."""

    def __init__(self, *args: Any, items: Sequence[FormItem] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = tuple(items)
        for item in self.items:
            self.fields[PREFIX + item.code] = forms.CharField(
                label=item_label(item),
                required=False,
                help_text=cited(item.source),
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}
                ),
            )

    def points(self) -> dict[str, str]:
        return {
            item.code: str(self.data.get(self.add_prefix(PREFIX + item.code), "")).strip()
            for item in self.items
        }

    def add_domain_errors(self, fields: dict[str, list[Any]], message: Any) -> None:
        """The service's names for the fields of this form: ``points.<code>`` is the item's
        field, ``project_id`` and ``committee_id`` the choices."""
        placed: dict[str, list[Any]] = {}
        for name, messages in fields.items():
            target = name.replace("points.", PREFIX, 1) if name.startswith("points.") else name
            target = {"project_id": "project", "committee_id": "committee"}.get(target, target)
            placed.setdefault(target, []).extend(messages)
        super().add_domain_errors(placed, message)


def period_choices(frequency: str) -> list[tuple[int, Any]]:
    """The periods of a year at ``frequency`` (``rules.periods``), labelled for the form."""
    label = {
        "monthly": _("Month %(n)s"),
        "quarterly": _("Quarter %(n)s"),
        "half_yearly": _("Half-year %(n)s"),
        "yearly": _("The whole year"),
    }[frequency]
    return [(n, str(label) % {"n": n}) for n in periods.numbers(frequency)]


class AssessmentForm(_ItemsForm):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Period"), choices=[], coerce=int)
    assessors = forms.CharField(label=_("Assessors"), max_length=255)
    experts = forms.CharField(label=_("Experts scoring on site"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project] | None = None,
        frequency: str = "quarterly",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["quarter"]
        assert isinstance(period, forms.TypedChoiceField)
        period.choices = period_choices(frequency)
        period.help_text = _("This jurisdiction assesses companies: %(frequency)s.") % {
            "frequency": Frequency(frequency).label
        }
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        if projects is not None:
            field.queryset = projects
        field.widget.attrs.update({"data-testid": "project"})


class AssessmentEditForm(_ItemsForm):
    assessors = forms.CharField(label=_("Assessors"), max_length=255)
    experts = forms.CharField(label=_("Experts scoring on site"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommitteeAssessmentForm(_ItemsForm):
    committee = forms.ModelChoiceField(
        queryset=OwnersCommittee.objects.none(), label=_("Committee")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(label=_("Period"), choices=[], coerce=int, required=False)
    note = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        committees: QuerySet[OwnersCommittee] | None = None,
        frequency: str = "yearly",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.TypedChoiceField)
        period.choices = period_choices(frequency)
        if frequency == "yearly":
            period.widget = forms.HiddenInput()
        if committees is not None:
            limit_choices(self, committee=committees)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF or image (PNG, JPEG, GIF, WebP)."))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 2}))
