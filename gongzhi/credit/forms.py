"""Forms of the credit pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin, limit_choices
from gongzhi.registry.models import Project
from gongzhi.rules.credit import CreditKind


def kind_label(kind: CreditKind) -> str:
    label = kind.label_zh if (get_language() or "").startswith("zh") else kind.label_en
    return f"{label} ({kind.points:+d})"


SERVICE_FIELDS = {"project_id": "project", "points": "kind_code", "files": "evidence_file"}


class RecordForm(DomainErrorsMixin, forms.Form):
    kind_code = forms.ChoiceField(label=_("Kind"))
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), label=_("Project"), required=False
    )
    manager_name = forms.CharField(label=_("Project manager"), max_length=64, required=False)
    manager_id_number = forms.CharField(
        label=_("Project manager ID number"), max_length=18, required=False
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened, where it is documented (decision number, inspection report)."),
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args: Any, kinds: list[CreditKind], projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, kind_code=[(k.code, kind_label(k)) for k in kinds], project=projects)

    def add_domain_errors(self, fields: dict[str, list[Any]], message: Any) -> None:
        """The service's names for the fields of this form (``points`` is the kind's)."""
        placed: dict[str, list[Any]] = {}
        for name, messages in fields.items():
            placed.setdefault(SERVICE_FIELDS.get(name, name), []).extend(messages)
        super().add_domain_errors(placed, message)


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class DrawForm(DomainErrorsMixin, forms.Form):
    node = forms.ChoiceField(label=_("Area"))
    seed = forms.CharField(
        label=_("Seed"),
        max_length=64,
        required=False,
        help_text=_("Leave empty to generate one; enter a recorded seed to reproduce a plan."),
    )
    year = forms.IntegerField(label=_("Grades of year"), min_value=2000, max_value=2100)
    per_project = forms.IntegerField(
        label=_("Inspectors per project"), min_value=1, max_value=5, initial=2
    )

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, node=nodes)
