"""Writes of a selection (选聘): the tender with its bidders, the evaluation committee and
scores, the negotiated selection approved by the bureau, the published result, the owners'
decision and the contract it ends in.

Seed 000 §13 (before the pre-sale permit; filed companies; owners select under the
street's guidance); seed 001 §(二)1 (bidders filed and in good credit); seed 004 §8 (the
evaluation committee, A grade or better); 物业管理条例 art. 24 (fewer than three bidders or
a small project: negotiation approved by the bureau).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.contracts.models import ServiceContract
from gongzhi.core.errors import ConflictError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.credit.selectors import tender_eligibility
from gongzhi.decisions.services import matter_create
from gongzhi.lifecycle.models import Bidder, Selection
from gongzhi.lifecycle.services.common import (
    FieldErrors,
    Rows,
    as_date,
    explain,
    history,
    invalid,
    profile_of,
    project_get,
    require,
    required_text,
    set_serving_company,
    today,
    user_of,
)
from gongzhi.lifecycle.workflow import SELECTION_FLOW, is_committee_of, is_official_over
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import lifecycle as rules

S = Selection.Status
SOURCE_PREFIX = "lifecycle.selection:"
# who may organise the owners' selection: the owners' committee, or the property management
# committee that stands in for it (seed 004 §19: 代行业主委员会职责)
OWNERS_BODIES = (Project.Formation.COMMITTEE, Project.Formation.MANAGEMENT_COMMITTEE)


SELECTIONS = Rows(
    Selection,
    SELECTION_FLOW,
    related=("project", "project__community", "winner"),
    lockable=("project", "project__community"),
)
_selection = SELECTIONS.get
_act = SELECTIONS.act


@transaction.atomic
def selection_create(
    *,
    actor: Actor,
    project_id: Any,
    kind: str,
    title: str,
    announced_on: Any,
    bid_deadline: Any,
    presale_permit_on: Any = None,
    claimed_small: bool = False,
) -> Selection:
    """Open a selection. A preliminary tender is organised by the bureau or street over a
    project no company serves yet, and announced before the pre-sale permit (seed 000 §13:
    在办理商品房预售许可 … 前 … 发布前期物业招标公告). An owners' selection needs an owners'
    committee in office and is organised by it or the street (seed 000 §13)."""
    project = project_get(actor, project_id)
    errors: FieldErrors = {}
    if kind not in Selection.Kind.values:
        errors["kind"] = [_("Select a valid choice.")]
    officials = is_official_over(actor, project.node_path, Role.BUREAU, Role.STREET_OFFICER)
    if kind == Selection.Kind.PRELIMINARY and not officials:
        raise PermissionDeniedError(
            _("The housing bureau or the street organises a preliminary-service tender.")
        )
    if kind == Selection.Kind.OWNERS and not (officials or is_committee_of(actor, project.pk)):
        raise PermissionDeniedError(
            _("The owners' committee, guided by the street, organises the owners' selection.")
        )
    text = required_text(title, "title", errors, max_length=200)
    announced = as_date(announced_on, "announced_on", errors)
    deadline = as_date(bid_deadline, "bid_deadline", errors)
    permit = as_date(presale_permit_on, "presale_permit_on", errors, required=False)
    if announced and announced > today():
        errors.setdefault("announced_on", []).append(_("The date cannot be in the future."))
    if announced and deadline and deadline < announced:
        errors.setdefault("bid_deadline", []).append(
            _("Bids cannot be due before the tender is announced.")
        )
    if kind == Selection.Kind.PRELIMINARY:
        if project.company_id is not None:
            errors.setdefault("project_id", []).append(
                _("A company already serves this project: select through the owners.")
            )
        if permit is None and "presale_permit_on" not in errors:
            errors["presale_permit_on"] = [
                _("Give the planned date of the pre-sale permit (seed 000 §13).")
            ]
        elif permit and announced and announced >= permit:
            errors.setdefault("announced_on", []).append(
                _("The tender must be announced before the pre-sale permit (seed 000 §13).")
            )
    if kind == Selection.Kind.OWNERS and project.formation not in OWNERS_BODIES:
        errors.setdefault("kind", []).append(
            _(
                "The owners select a company only once an owners' committee (or a property "
                "management committee acting for it) is in office."
            )
        )
    open_one = Selection.objects.filter(project_id=project.pk).exclude(
        status__in=(S.CONTRACTED, S.OWNERS_REJECTED)
    )
    if open_one.exists():
        errors.setdefault("project_id", []).append(
            _("This project already has a selection in progress.")
        )
    require(errors)
    selection = Selection.objects.create(
        project=project,
        kind=kind,
        title=text,
        announced_on=announced,
        bid_deadline=deadline,
        presale_permit_on=permit,
        claimed_small=bool(claimed_small),
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, selection)
    history(actor, project, "selection_opened", selection=selection.pk, kind=kind)
    return selection


@transaction.atomic
def bidder_add(*, actor: Actor, selection_id: int, company_id: Any) -> Bidder:
    """Admit a bidder: filed, not blacklisted and of the profile's minimum grade (seed 000
    §13; 001 §(二)1; 004 §8), judged by the credit capability's tender eligibility. An
    ineligible company is refused with the reasons; nothing is written."""
    selection = _selection(actor, selection_id, lock=True)
    if not _organises(actor, selection):
        raise PermissionDeniedError(_("Your role may not do this for this record."))
    if selection.status != S.OPEN:
        raise ConflictError(_("Bidders can be added only while the selection is open."))
    company = (
        PropertyCompany.objects.select_related("filed_with").filter(pk=company_id).first()
        if str(company_id or "").isdigit()
        else None
    )
    if company is None:
        raise invalid({"company_id": [_("Unknown property company.")]})
    if Bidder.objects.filter(selection=selection, company=company).exists():
        raise invalid({"company_id": [_("This company is already a bidder.")]})
    eligibility = tender_eligibility(company, on=today())
    if not eligibility.ok:
        raise invalid(
            {"company_id": [*eligibility.reasons]},
            _("%(company)s may not bid.") % {"company": company.name},
        )
    bidder = Bidder.objects.create(
        selection=selection, company=company, eligible=True, reasons=list(eligibility.reasons)
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=selection,
        field="bidder",
        after={"company": company.pk, "name": company.name, "reasons": eligibility.reasons},
    )
    return bidder


def _organises(actor: Actor, selection: Selection) -> bool:
    from gongzhi.lifecycle.workflow import organises

    return organises(actor, selection)


@transaction.atomic
def committee_set(*, actor: Actor, selection_id: int, members: list[dict[str, Any]]) -> Selection:
    """Record the evaluation committee: each member's party and name (seed 004 §8: 新城、
    镇街、招标人和物业管理专家)."""
    selection = _selection(actor, selection_id, lock=True)
    if not _organises(actor, selection):
        raise PermissionDeniedError(_("Your role may not do this for this record."))
    if selection.status != S.OPEN:
        raise ConflictError(_("The committee can be changed only while the selection is open."))
    clean: list[dict[str, str]] = []
    errors: FieldErrors = {}
    for index, member in enumerate(members):
        party = str(member.get("party") or "")
        name = str(member.get("name") or "").strip()
        if party not in rules.PARTIES:
            errors.setdefault("members", []).append(
                _("Line %(n)s: choose the member's party.") % {"n": index + 1}
            )
        if not name:
            errors.setdefault("members", []).append(
                _("Line %(n)s: enter the member's name.") % {"n": index + 1}
            )
        clean.append({"party": party, "name": name[:64]})
    if not clean:
        errors["members"] = [_("Name at least one committee member.")]
    require(errors)
    before = audit.snapshot(selection)
    selection.committee = clean
    selection.save(update_fields=["committee"])
    audit.record_update(actor, selection, before=before)
    return selection


def _eligible_count(selection: Selection) -> int:
    return Bidder.objects.filter(selection=selection, eligible=True).count()


@transaction.atomic
def selection_request_negotiation(*, actor: Actor, selection_id: int, reason: str) -> Selection:
    """Ask the bureau for a negotiated selection: allowed only with fewer eligible bidders
    than ``tender_min_bidders`` or a small project (物业管理条例 art. 24; seed 002 §二(二)1)."""
    selection = _selection(actor, selection_id, lock=True)
    mode = rules.selection_mode(
        profile_of(selection.project),
        eligible_bidders=_eligible_count(selection),
        total_area_m2=selection.project.total_building_area,
        claimed_small=selection.claimed_small,
    )
    if not mode.negotiated_allowed:
        raise invalid({"reason": [explain(mode.explanation)]})
    errors: FieldErrors = {}
    text = required_text(reason, "reason", errors)
    require(errors)
    done = _act(
        actor,
        selection,
        "request_negotiation",
        changes={"negotiation_grounds": list(mode.grounds), "negotiation_reason": text},
    )
    history(actor, done.project, "negotiation_requested", selection=done.pk, grounds=mode.grounds)
    return done


@transaction.atomic
def selection_decide_negotiation(
    *, actor: Actor, selection_id: int, approve: bool, note: str
) -> Selection:
    """The housing bureau approves (the selection becomes negotiated) or refuses."""
    selection = _selection(actor, selection_id)
    changes: dict[str, Any] = {"approval_note": str(note or "").strip()}
    if approve:
        changes.update(mode=Selection.Mode.NEGOTIATED, approved_by=user_of(actor))
    done = _act(
        actor,
        selection,
        "approve_negotiation" if approve else "refuse_negotiation",
        changes=changes,
        note=note,
    )
    history(actor, done.project, "negotiation_decided", selection=done.pk, approved=approve)
    return done


def _score(value: Any) -> Decimal | None:
    try:
        score = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not score.is_finite() or score < 0 or score > 100:
        return None
    exponent = score.as_tuple().exponent
    return score if isinstance(exponent, int) and exponent >= -2 else None


@transaction.atomic
def selection_evaluate(
    *, actor: Actor, selection_id: int, scores: dict[Any, Any], evaluated_on: Any = None
) -> Selection:
    """Score every bidder (0–100, two decimals) and choose the best-ranked one.

    The committee must hold every party of ``tender_committee_parties`` (seed 004 §8). A
    tender needs at least ``tender_min_bidders`` eligible bidders; fewer need the bureau's
    approved negotiation first (物业管理条例 art. 24). A tie for first place is refused: the
    committee breaks it.
    """
    selection = _selection(actor, selection_id, lock=True)
    profile = profile_of(selection.project)
    bidders = list(Bidder.objects.filter(selection=selection).order_by("id"))
    errors: FieldErrors = {}
    day = as_date(evaluated_on, "evaluated_on", errors, required=False) or today()
    parties = rules.parties_check(
        profile, "tender_committee_parties", {m["party"] for m in selection.committee}
    )
    if not parties.ok:
        errors["members"] = [explain(parties.explanation)]
    eligible = sum(1 for b in bidders if b.eligible)
    if selection.mode == Selection.Mode.TENDER:
        minimum = profile.int_value("tender_min_bidders")
        if eligible < minimum:
            errors.setdefault("scores", []).append(
                _(
                    "Only %(count)s eligible bidders, fewer than %(minimum)s: ask the bureau "
                    "to approve a negotiated selection."
                )
                % {"count": eligible, "minimum": minimum}
            )
    elif eligible < 1:
        errors.setdefault("scores", []).append(_("A negotiated selection needs one bidder."))
    given = {str(k): v for k, v in scores.items()}
    clean: dict[int, Decimal] = {}
    for bidder in bidders:
        score = _score(given.get(str(bidder.pk)))
        if score is None:
            errors.setdefault(f"score_{bidder.pk}", []).append(
                _("Enter a score between 0 and 100 with at most two decimals.")
            )
        else:
            clean[bidder.pk] = score
    ranked = rules.rank_bidders(clean)
    winner = rules.unique_winner(ranked)
    if not errors and winner is None:
        errors["scores"] = [_("Two bidders share the first place: the committee breaks the tie.")]
    require(errors)
    for row in ranked:
        Bidder.objects.filter(pk=row.ref).update(score=row.score, rank=row.rank)
    winning = next(b for b in bidders if b.pk == winner)
    done = _act(
        actor,
        selection,
        "evaluate",
        changes={"winner_id": winning.company_id, "evaluated_on": day},
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=done,
        field="scores",
        after={str(r.ref): str(r.score) for r in ranked},
    )
    history(
        actor, done.project, "selection_evaluated", selection=done.pk, winner=winning.company_id
    )
    return done


@transaction.atomic
def selection_publish(*, actor: Actor, selection_id: int) -> Selection:
    """Publish the result (seed 000 §13: 公开选聘)."""
    selection = _selection(actor, selection_id)
    done = _act(actor, selection, "publish", changes={"published_on": today()})
    history(actor, done.project, "selection_published", selection=done.pk)
    return done


@transaction.atomic
def selection_owners_vote(*, actor: Actor, selection_id: int) -> Selection:
    """Put the chosen company to the owners (民法典 art. 278 item 4: 选聘物业服务企业, an
    ordinary decision); the draft matter opens in the decisions capability, whose
    ``decisions.matter_closed`` event moves the selection on (handlers.py)."""
    selection = _selection(actor, selection_id, lock=True)
    if selection.kind != Selection.Kind.OWNERS:
        raise ConflictError(_("Only an owners' selection is put to the owners."))
    if selection.status != S.PUBLISHED:
        raise ConflictError(_("Publish the result before putting it to the owners."))
    winner = selection.winner.name if selection.winner else ""
    matter = matter_create(
        actor=actor,
        project=selection.project,
        kind="ordinary",
        title=str(_("Select %(company)s as the property company") % {"company": winner})[:200],
        body=selection.title,
        source_ref=f"{SOURCE_PREFIX}{selection.pk}",
    )
    done = _act(actor, selection, "owners_vote", changes={"matter_id": matter.pk})
    history(actor, done.project, "selection_put_to_owners", selection=done.pk, matter=matter.pk)
    return done


@transaction.atomic
def selection_owners_decided(*, actor: Actor, selection_id: int, passed: bool) -> Selection:
    """The owners' decision arrived (system actor, from the event handler)."""
    selection = _selection(actor, selection_id)
    done = _act(actor, selection, "owners_approve" if passed else "owners_reject")
    history(actor, done.project, "selection_owners_decided", selection=done.pk, passed=passed)
    return done


@transaction.atomic
def selection_contract(*, actor: Actor, selection_id: int, contract_id: Any) -> Selection:
    """Link the contract the selected company signed: same project and company, and a
    preliminary contract for a preliminary tender, a regular one for the owners' selection.
    The contract then follows its own filing workflow (contracts app)."""
    selection = _selection(actor, selection_id)
    contract = (
        ServiceContract.objects.filter(pk=contract_id).first()
        if str(contract_id or "").isdigit()
        else None
    )

    def check(found: Selection) -> None:
        expected = (
            ServiceContract.Kind.PRELIMINARY
            if found.kind == Selection.Kind.PRELIMINARY
            else ServiceContract.Kind.REGULAR
        )
        if (
            contract is None
            or contract.project_id != found.project_id
            or contract.company_id != found.winner_id
        ):
            raise invalid(
                {"contract_id": [_("Choose the selected company's contract for this project.")]}
            )
        if contract.kind != expected:
            raise invalid(
                {"contract_id": [_("The contract is not of the kind this selection needs.")]}
            )

    done = _act(
        actor,
        selection,
        "contract",
        changes={"contract_id": getattr(contract, "pk", None)},
        check=check,
    )
    history(actor, done.project, "selection_contracted", selection=done.pk, contract=contract_id)
    project = Project.objects.select_related("developer").get(pk=done.project_id)
    officials = is_official_over(actor, project.node_path, Role.BUREAU, Role.STREET_OFFICER)
    if project.company_id is None and officials and done.winner is not None:
        # the register records who serves the project (preliminary service from here on)
        set_serving_company(actor, project, done.winner)
    return done


def reselection_reminder(project: Project, *, service_start: dt.date) -> rules.Reminder:
    """Seed 004 §8: after the profile's years of preliminary service without an owners'
    committee, the community organises a new selection."""
    return rules.reselection_check(
        profile_of(project),
        service_start=service_start,
        has_committee=project.formation == Project.Formation.COMMITTEE,
        today=today(),
    )
