"""Forms of the decisions pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin, limit_choices
from gongzhi.decisions.models import Ballot, Candidate, Matter
from gongzhi.registry.models import BuildingUnit, Project


class MatterForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Matter.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    building_unit = forms.ModelChoiceField(
        queryset=BuildingUnit.objects.none(),
        label=_("Building unit"),
        required=False,
        help_text=_("Only for a matter of one building unit, such as an elevator retrofit."),
    )
    seats = forms.IntegerField(
        label=_("Seats"), min_value=1, max_value=30, required=False, help_text=_("Elections only.")
    )

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = BuildingUnit.objects.filter(project__in=projects).select_related("building")
        limit_choices(self, project=projects, building_unit=units)


class PublishForm(DomainErrorsMixin, forms.Form):
    voting_starts_on = forms.DateField(label=_("Voting starts"), widget=DateInput())
    voting_ends_on = forms.DateField(label=_("Voting ends"), widget=DateInput())


class CandidateForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Candidate"), max_length=64)
    statement = forms.CharField(
        label=_("Statement"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class VoteForm(DomainErrorsMixin, forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )


class ElectionVoteForm(DomainErrorsMixin, forms.Form):
    choice = forms.ModelMultipleChoiceField(
        queryset=Candidate.objects.none(),
        label=_("Candidates you vote for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = matter.candidates.all()
        field.help_text = _("At most %(seats)s; leave all unticked to abstain.") % {
            "seats": matter.seats
        }


class PaperBallotForm(DomainErrorsMixin, forms.Form):
    part_number = forms.CharField(label=_("Exclusive part number"), max_length=32)
    choice = forms.ChoiceField(label=_("Choice"), choices=Ballot.Choice.choices, required=False)
    candidates = forms.CharField(
        label=_("Candidate numbers (elections)"),
        required=False,
        help_text=_("Comma-separated candidate numbers as listed on this page."),
    )
    scan = forms.FileField(label=_("Scan of the paper ballot"))


class ProxyForm(DomainErrorsMixin, forms.Form):
    owner_id = forms.IntegerField(label=_("Owner number"))
    agent_mobile = forms.CharField(label=_("Proxy holder's mobile number"), max_length=11)
    document = forms.FileField(label=_("Written proxy (委托书)"))


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=20)
