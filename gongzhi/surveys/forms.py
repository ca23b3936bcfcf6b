"""Forms of the survey pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin, limit_choices
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules.surveys import Level, Question


class SurveyForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    title = forms.CharField(label=_("Title"), max_length=200)
    closes_on = forms.DateField(label=_("Answers until"), widget=DateInput())

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, project=projects)


class PartField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.number)


class AnswerForm(DomainErrorsMixin, forms.Form):
    """One radio group per question of the survey (fields ``q_<code>``)."""

    part = PartField(queryset=ExclusivePart.objects.none(), label=_("For my home"))

    def __init__(
        self,
        *args: Any,
        parts: QuerySet[ExclusivePart],
        questions: tuple[Question, ...],
        scale: tuple[Level, ...],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["part"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parts
        if parts.count() == 1:
            field.initial = parts.first()
            field.widget = forms.HiddenInput()
        choices = [(lv.value, lv.label(language)) for lv in scale]
        for question in questions:
            self.fields[f"q_{question.code}"] = forms.TypedChoiceField(
                label=question.label(language),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                required=False,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else to tell us?"),
            max_length=500,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.codes = [q.code for q in questions]

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {code: data.get(f"q_{code}") for code in self.codes}

    def add_domain_errors(self, fields: dict[str, list[Any]], message: Any) -> None:
        renamed = {
            (f"q_{k.removeprefix('answers.')}" if k.startswith("answers.") else k): v
            for k, v in fields.items()
        }
        super().add_domain_errors(renamed, message)
