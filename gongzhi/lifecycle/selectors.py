"""Reads of the lifecycle capability, scoped to the actor; deadlines are computed from the
profile in force, never stored (handover due dates, overdue list, reselection reminders).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from gongzhi.audit.selectors import history_for
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.selectors import profiles_for
from gongzhi.core import clock
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.lifecycle.models import Bidder, Exit, ExitItem, Handover, HandoverFinding, Selection
from gongzhi.lifecycle.services.common import explain, profile_of
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import lifecycle as rules

# --- selections ---------------------------------------------------------------------------


def selection_list(*, actor: Actor, status: str = "", search: str = "") -> QuerySet[Selection]:
    qs = Selection.objects.visible_to(actor).select_related(
        "project", "project__community", "winner"
    )
    qs = narrowed(qs, status=status, search=search, search_in=("title", "project__name"))
    return qs.annotate(n_bidders=Count("bidders")).order_by("-announced_on", "-id")


def selection_get(*, actor: Actor, pk: Any) -> Selection:
    return get_visible(
        Selection.objects.select_related(
            "project", "project__community", "winner", "contract", "approved_by"
        ),
        actor,
        pk=pk,
    )


def bidders(selection: Selection) -> list[Bidder]:
    return list(
        Bidder.objects.filter(selection=selection).select_related("company").order_by("rank", "id")
    )


def selection_mode(selection: Selection) -> rules.SelectionMode:
    return rules.selection_mode(
        profile_of(selection.project),
        eligible_bidders=sum(1 for b in bidders(selection) if b.eligible),
        total_area_m2=selection.project.total_building_area,
        claimed_small=selection.claimed_small,
    )


def committee_check(selection: Selection) -> rules.PartiesCheck:
    return rules.parties_check(
        profile_of(selection.project),
        "tender_committee_parties",
        {m.get("party", "") for m in selection.committee},
    )


def candidate_contracts(selection: Selection) -> QuerySet[ServiceContract]:
    """The selected company's contracts for the project (to link the one it signed)."""
    return ServiceContract.objects.filter(
        project_id=selection.project_id, company_id=selection.winner_id
    ).order_by("-signed_on")


def bid_companies() -> QuerySet[PropertyCompany]:
    """Companies are public register data; eligibility is judged when one is added."""
    return PropertyCompany.objects.order_by("name")


# --- handover inspections -------------------------------------------------------------------


def handover_list(
    *, actor: Actor, status: str = "", search: str = "", overdue: bool = False
) -> QuerySet[Handover]:
    qs = Handover.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    qs = narrowed(qs, status=status, search=search, search_in=("project__name", "company__name"))
    if overdue:
        qs = qs.filter(pk__in=overdue_handover_ids(actor=actor))
    return qs.order_by("delivery_on", "id")


def handover_get(*, actor: Actor, pk: Any) -> Handover:
    return get_visible(
        Handover.objects.select_related(
            "project", "project__community", "project__developer", "company", "filed_by"
        ),
        actor,
        pk=pk,
    )


def findings(handover: Handover) -> list[HandoverFinding]:
    return list(HandoverFinding.objects.filter(handover=handover).order_by("id"))


def finding_get(*, actor: Actor, pk: Any) -> HandoverFinding:
    return get_visible(HandoverFinding.objects.select_related("handover"), actor, pk=pk)


def handover_due(handover: Handover) -> rules.DueDate:
    return rules.handover_due(profile_of(handover.project), handover.delivery_on)


def dues_for(handovers: list[Handover]) -> dict[int, rules.DueDate]:
    """Due dates of many handovers (``project__community`` selected), one profile query."""
    profiles = profiles_for(h.project.community for h in handovers)
    return {
        h.pk: rules.handover_due(profiles[h.project.community_id], h.delivery_on) for h in handovers
    }


def overdue_handover_ids(*, actor: Actor, on: dt.date | None = None) -> list[int]:
    """Visible handovers whose inspection was not signed by the profile's days before
    delivery (seed 000 §24; 004 §12), or was signed late."""
    day = on or clock.today()
    rows = list(
        Handover.objects.visible_to(actor).select_related("project__community").order_by("id")
    )
    dues = dues_for(rows)
    return [h.pk for h in rows if dues[h.pk].overdue(done_on=h.signed_on, today=day)]


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    label_zh: str
    label_en: str
    source: str
    met: bool


def precondition_rows(handover: Handover) -> list[ChecklistRow]:
    return [
        ChecklistRow(
            i.code, i.label_zh, i.label_en, i.source, bool(handover.preconditions.get(i.code))
        )
        for i in rules.handover_preconditions(profile_of(handover.project))
    ]


def warranty_note(handover: Handover) -> str:
    note = rules.warranty_extension(profile_of(handover.project))
    return explain(note) if note else ""


# --- exits --------------------------------------------------------------------------------


def exit_list(
    *, actor: Actor, status: str = "", kind: str = "", search: str = ""
) -> QuerySet[Exit]:
    qs = Exit.objects.visible_to(actor).select_related(
        "project", "project__community", "company", "incoming_company"
    )
    qs = narrowed(
        qs, status=status, kind=kind, search=search, search_in=("project__name", "company__name")
    )
    return qs.order_by("-created_at", "-id")


def exit_get(*, actor: Actor, pk: Any) -> Exit:
    return get_visible(
        Exit.objects.select_related(
            "project", "project__community", "company", "contract", "incoming_company"
        ),
        actor,
        pk=pk,
    )


def exit_items(*, actor: Actor, exit_: Exit) -> list[ExitItem]:
    return list(
        ExitItem.objects.visible_to(actor)
        .filter(exit=exit_)
        .select_related("confirmed_by")
        .order_by("id")
    )


def exit_notice_text(exit_: Exit) -> str:
    if exit_.kind not in rules.NOTICE_KINDS or exit_.notice_on is None or exit_.end_on is None:
        return ""
    check = rules.notice_check(
        profile_of(exit_.project), kind=exit_.kind, notice_on=exit_.notice_on, end_on=exit_.end_on
    )
    return explain(check.explanation)


def exit_item_get(*, actor: Actor, pk: Any) -> ExitItem:
    return get_visible(ExitItem.objects.select_related("exit"), actor, pk=pk)


def project_choices(*, actor: Actor) -> QuerySet[Project]:
    """Projects the actor sees, for the forms that open a selection or a handover."""
    return Project.objects.visible_to(actor).select_related("community").order_by("name")


def contracts_in_force(*, actor: Actor) -> QuerySet[ServiceContract]:
    """Filed contracts the actor sees: what an exit can be opened on."""
    return (
        ServiceContract.objects.visible_to(actor)
        .filter(status=ServiceContract.Status.FILED)
        .select_related("project", "company")
        .order_by("project__name")
    )


def party_label(code: str) -> str:
    from django.utils.translation import gettext

    return gettext(rules.PARTIES.get(code, code))


def parties(profile_key: str, project: Project) -> list[tuple[str, str]]:
    """The parties a profile list requires, with their labels (for forms)."""
    return [(c, party_label(c)) for c in rules.required_parties(profile_of(project), profile_key)]


def all_parties() -> list[tuple[str, str]]:
    return [(c, party_label(c)) for c in rules.PARTIES]


# --- reselection reminders (seed 004 §8) ----------------------------------------------------


@dataclass(frozen=True)
class ReselectionRow:
    project: Project
    contract: ServiceContract
    reminder: rules.Reminder
    text: str


def reselection_due(*, actor: Actor, on: dt.date | None = None) -> list[ReselectionRow]:
    """Projects in preliminary service for the profile's years without an owners'
    committee: the community organises a new selection (seed 004 §8)."""
    day = on or clock.today()
    contracts = list(
        ServiceContract.objects.visible_to(actor)
        .filter(kind=ServiceContract.Kind.PRELIMINARY, status=ServiceContract.Status.FILED)
        .exclude(project__formation=Project.Formation.COMMITTEE)
        .select_related("project", "project__community", "company")
        .order_by("term_start")
    )
    profiles = profiles_for(c.project.community for c in contracts)
    out: list[ReselectionRow] = []
    seen: set[int] = set()
    for contract in contracts:
        if contract.project_id in seen:
            continue
        seen.add(contract.project_id)
        reminder = rules.reselection_check(
            profiles[contract.project.community_id],
            service_start=contract.term_start,
            has_committee=False,
            today=day,
        )
        if reminder.due:
            out.append(
                ReselectionRow(contract.project, contract, reminder, explain(reminder.explanation))
            )
    return out


# --- a project's lifecycle --------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLifecycle:
    project: Project
    selections: list[Selection]
    handovers: list[Handover]
    exits: list[Exit]
    history: Any


def project_lifecycle(*, actor: Actor, project_id: Any) -> ProjectLifecycle:
    project: Project = get_visible(
        Project.objects.select_related("community", "company"), actor, pk=project_id
    )
    history = [
        e for e in history_for(actor=actor, obj=project, limit=200) if e.field == "lifecycle"
    ]
    return ProjectLifecycle(
        project=project,
        selections=list(selection_list(actor=actor).filter(project=project)),
        handovers=list(handover_list(actor=actor).filter(project=project)),
        exits=list(exit_list(actor=actor).filter(project=project)),
        history=history,
    )


def history(*, actor: Actor, obj: Any) -> Any:
    return history_for(actor=actor, obj=obj)
