"""Forms of the joint-meeting and talk pages; the services validate, forms only shape."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.oversight.models import JointMeeting, Talk
from gongzhi.registry.models import PropertyCompany

TASK_ROWS = 3


class MeetingForm(DomainErrorsMixin, forms.Form):
    node = forms.ModelChoiceField(queryset=Jurisdiction.objects.none(), label=_("Convened by"))
    kind = forms.ChoiceField(label=_("Meeting kind"), choices=JointMeeting.Kind.choices)
    held_on = forms.DateField(label=_("Meeting date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    attendees = forms.CharField(
        label=_("Attending bodies"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. 街道办事处 张三; 市场监管所 李四."),
    )
    minutes = forms.CharField(label=_("Meeting minutes"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(
        self,
        *args: Any,
        nodes: QuerySet[Jurisdiction],
        departments: QuerySet[Department],
        offices: QuerySet[Jurisdiction],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        for i in range(TASK_ROWS):
            self.fields[f"task_{i}_description"] = forms.CharField(
                label=_("Decided matter %(n)s") % {"n": i + 1}, required=False, max_length=2000
            )
            self.fields[f"task_{i}_department"] = forms.ModelChoiceField(
                queryset=departments, required=False, label=_("Responsible department")
            )
            self.fields[f"task_{i}_office"] = forms.ModelChoiceField(
                queryset=offices, required=False, label=_("or responsible office")
            )
            self.fields[f"task_{i}_due_on"] = forms.DateField(
                required=False, label=_("Deadline"), widget=DateInput()
            )

    def tasks(self) -> list[dict[str, Any]]:
        """The filled task rows, as the service takes them."""
        data = self.cleaned_data
        out = []
        for i in range(TASK_ROWS):
            row = {
                "description": data.get(f"task_{i}_description") or "",
                "department_id": getattr(data.get(f"task_{i}_department"), "pk", None),
                "assignee_node_id": getattr(data.get(f"task_{i}_office"), "pk", None),
                "due_on": data.get(f"task_{i}_due_on"),
            }
            if any(row.values()):
                out.append(row)
        return out

    def add_domain_errors(self, fields: dict[str, list[Any]], message: Any) -> None:
        # the service names task rows tasks[i]; show them on that row's first field
        renamed: dict[str, list[Any]] = {}
        index = 0
        rows = [
            i
            for i in range(TASK_ROWS)
            if self.cleaned_data.get(f"task_{i}_description")
            or self.cleaned_data.get(f"task_{i}_due_on")
            or self.cleaned_data.get(f"task_{i}_department")
            or self.cleaned_data.get(f"task_{i}_office")
        ]
        for name, messages in fields.items():
            if name.startswith("tasks["):
                index = int(name[6:-1])
                name = f"task_{rows[index]}_description" if index < len(rows) else "__all__"
            renamed[name] = messages
        super().add_domain_errors(renamed, message)


class TaskForm(DomainErrorsMixin, forms.Form):
    description = forms.CharField(label=_("Decided matter"), max_length=2000)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, label=_("Responsible department")
    )
    office = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.none(), required=False, label=_("or responsible office")
    )
    due_on = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        departments: QuerySet[Department],
        offices: QuerySet[Jurisdiction],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class TalkForm(DomainErrorsMixin, forms.Form):
    node = forms.ModelChoiceField(queryset=Jurisdiction.objects.none(), label=_("Talk held by"))
    company = forms.ModelChoiceField(
        queryset=PropertyCompany.objects.none(), label=_("Property company")
    )
    scheduled_on = forms.DateField(label=_("Day of the talk"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    reason = forms.CharField(
        label=_("Reason for the talk"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: Any,
        nodes: QuerySet[Jurisdiction],
        companies: QuerySet[PropertyCompany],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class HoldForm(DomainErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Talk outcome"),
        choices=[
            (Talk.Outcome.REMINDER, Talk.Outcome.REMINDER.label),
            (Talk.Outcome.WARNING, Talk.Outcome.WARNING.label),
        ],
    )
    held_on = forms.DateField(label=_("Talk held on"), widget=DateInput())
    attendees = forms.CharField(
        label=_("Attendees"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    minutes = forms.CharField(label=_("Talk record"), widget=forms.Textarea(attrs={"rows": 5}))
    rectification_due = forms.DateField(
        label=_("Rectify by"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty when no rectification is asked."),
    )


class ReportForm(DomainErrorsMixin, forms.Form):
    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(DomainErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
