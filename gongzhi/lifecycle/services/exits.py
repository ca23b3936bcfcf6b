"""Writes of an exit (退出): the written notice, the forced exit (owners' vote, joint
review), the blacklisted company ordered out, the supervised handover item by item, the
bond refund and the end of the contract.

Seed 000 §12 (notice ninety days before the term ends, to the committee, bureau, street
and community; the street and community guide the handover; a blacklisted company is
ordered out), §16 (the bond refunded on exit with the committee's opinion); seed 004 §10
(2/3 + 2/3 vote, joint review, clearing of accounts, funds and facilities; a late notice
goes on the credit record); 民法典 arts. 946, 947, 949.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.services import contract_end
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.decisions.services import matter_create
from gongzhi.events.bus import emit
from gongzhi.funds.models import PerformanceBond
from gongzhi.funds.services import bond_refund
from gongzhi.lifecycle.events import EXIT_NOTICE_LATE, EXIT_NOTIFIED
from gongzhi.lifecycle.models import Exit, ExitItem
from gongzhi.lifecycle.services.common import (
    FieldErrors,
    Rows,
    as_date,
    explain,
    history,
    invalid,
    profile_of,
    require,
    required_text,
    set_serving_company,
    today,
    user_of,
)
from gongzhi.lifecycle.workflow import (
    EXIT_FLOW,
    is_committee_of,
    is_company_staff,
    is_official_over,
)
from gongzhi.registry.companies.services import require_company_may_serve
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import lifecycle as rules

E = Exit.Status
EVENT_NOTICE_LATE = EXIT_NOTICE_LATE
SOURCE_PREFIX = "lifecycle.exit:"
ACTIVE = (E.NOTIFIED, E.VOTING, E.REVIEW, E.HANDING_OVER, E.HANDED_OVER)


EXITS = Rows(
    Exit,
    EXIT_FLOW,
    related=("project", "project__community", "company", "contract", "incoming_company"),
    lockable=("project", "project__community", "company"),
)
_exit = EXITS.get
_act = EXITS.act


def _filed_contract(actor: Actor, contract_id: Any) -> ServiceContract:
    contract: ServiceContract = get_visible(
        ServiceContract.objects.select_related("project", "project__community", "company"),
        actor,
        pk=contract_id,
    )
    if contract.status != ServiceContract.Status.FILED:
        raise ConflictError(_("Only a filed contract in force can end with an exit."))
    if Exit.objects.filter(contract_id=contract.pk, status__in=ACTIVE).exists():
        raise ConflictError(_("An exit of this contract is already in progress."))
    return contract


@transaction.atomic
def exit_notify(
    *,
    actor: Actor,
    contract_id: Any,
    kind: str,
    notice_on: Any,
    end_on: Any,
    recipients: list[str],
    reason: str = "",
) -> Exit:
    """Record a written exit notice and judge whether it came in time.

    The company gives it when it does not renew (民法典 art. 947; seed 000 §12: 九十日前书面
    通知业主委员会，同时告知市住建局、属地乡镇（街道）和居（村）民委员会) or ends early (seed
    004 §10: 前90日 … 告知业主委员会、镇街和社区); the committee gives it when the owners
    dismiss the company (民法典 art. 946: 60 days). The notice must reach every party of
    ``exit_notice_recipients``. A notice dated after the service ends, or in the future,
    is refused; a notice later than the profile's days is recorded as late and the credit
    capability makes its record (``EVENT_NOTICE_LATE``).
    """
    contract = _filed_contract(actor, contract_id)
    project = contract.project
    errors: FieldErrors = {}
    if kind not in rules.NOTICE_KINDS:
        raise invalid({"kind": [_("Select a valid choice.")]})
    if kind == Exit.Kind.OWNERS_DISMISSAL:
        if not is_committee_of(actor, project.pk):
            raise PermissionDeniedError(_("The owners' committee gives the owners' notice."))
    elif not is_company_staff(actor, contract.company_id):
        raise PermissionDeniedError(_("The company's own staff give its exit notice."))
    given = as_date(notice_on, "notice_on", errors)
    end = as_date(end_on, "end_on", errors, required=False) or (
        contract.term_end if kind == Exit.Kind.NON_RENEWAL else None
    )
    if end is None and "end_on" not in errors:
        errors["end_on"] = [_("This field is required.")]
    if given and given > today():
        errors.setdefault("notice_on", []).append(_("The date cannot be in the future."))
    if given and end and given >= end:
        errors.setdefault("notice_on", []).append(
            _("The notice is dated on or after the day the service ends: it is no notice.")
        )
    if end and kind == Exit.Kind.NON_RENEWAL and end != contract.term_end:
        errors.setdefault("end_on", []).append(
            _("Not renewing ends the service on the contract's last day (%(day)s).")
            % {"day": contract.term_end}
        )
    if end and end > contract.term_end:
        errors.setdefault("end_on", []).append(_("The service cannot end after the contract."))
    profile = profile_of(project)
    sent = [code for code in dict.fromkeys(recipients or []) if code in rules.PARTIES]
    reached = rules.parties_check(profile, "exit_notice_recipients", sent)
    if not reached.ok:
        errors["recipients"] = [explain(reached.explanation)]
    require(errors)
    assert given is not None and end is not None
    check = rules.notice_check(profile, kind=kind, notice_on=given, end_on=end)
    exit_ = Exit.objects.create(
        project=project,
        company=contract.company,
        contract=contract,
        kind=kind,
        status=E.NOTIFIED,
        notice_on=given,
        end_on=end,
        notice_due=check.due,
        notice_timely=check.timely,
        recipients=sent,
        reason=str(reason or "").strip(),
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, exit_)
    history(
        actor,
        project,
        "exit_notice",
        exit=exit_.pk,
        kind=kind,
        timely=check.timely,
        due=check.due.isoformat(),
    )
    emit(
        EXIT_NOTIFIED,
        subject=exit_,
        data={
            "exit_id": exit_.pk,
            "project_id": project.pk,
            "company_name": contract.company.name,
            "kind_label": str(exit_.get_kind_display()),
            "notice_on": given.isoformat(),
            "end_on": end.isoformat(),
        },
        node_path=project.node_path,
        actor=user_of(actor),
    )
    if not check.timely and kind != Exit.Kind.OWNERS_DISMISSAL:
        emit(
            EVENT_NOTICE_LATE,
            subject=exit_,
            data={
                "exit_id": exit_.pk,
                "company_id": contract.company_id,
                "project_id": project.pk,
                "notice_on": given.isoformat(),
                "due": check.due.isoformat(),
                "end_on": end.isoformat(),
                "days": check.days,
            },
            node_path=project.node_path,
            actor=user_of(actor),
        )
    return exit_


@transaction.atomic
def exit_forced_open(*, actor: Actor, contract_id: Any, reason: str) -> Exit:
    """Start a forced exit: the owners vote on removing the company (seed 004 §10: 2/3 of
    the area and 2/3 of the owners, ``decision_forced_exit``). The draft matter opens in
    the decisions capability, organised by the committee (or the street or community where
    there is none); its ``decisions.matter_closed`` event moves the exit on."""
    contract = _filed_contract(actor, contract_id)
    errors: FieldErrors = {}
    text = required_text(reason, "reason", errors)
    require(errors)
    exit_ = Exit.objects.create(
        project=contract.project,
        company=contract.company,
        contract=contract,
        kind=Exit.Kind.FORCED,
        status=E.VOTING,
        reason=text,
        node_path=contract.project.node_path,
        created_by=user_of(actor),
    )
    matter = matter_create(
        actor=actor,
        project=contract.project,
        kind="forced_exit",
        title=str(
            _("Remove %(company)s as the property company") % {"company": contract.company.name}
        )[:200],
        body=text,
        source_ref=f"{SOURCE_PREFIX}{exit_.pk}",
    )
    exit_.matter_id = matter.pk
    exit_.save(update_fields=["matter_id"])
    audit.record_create(actor, exit_)
    history(actor, contract.project, "forced_exit_vote", exit=exit_.pk, matter=matter.pk)
    return exit_


def _create_items(exit_: Exit) -> None:
    items = rules.exit_handover_items(profile_of(exit_.project))
    ExitItem.objects.bulk_create(
        [
            ExitItem(
                exit=exit_,
                code=item.code,
                label_zh=item.label_zh,
                label_en=item.label_en,
                source=item.source[:255],
            )
            for item in items
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def exit_vote_closed(*, actor: Actor, exit_id: int, passed: bool) -> Exit:
    """The owners' vote closed (system actor, from the event handler). Passed: to the joint
    review where the profile names one (seed 004 §10), else straight to the handover."""
    exit_ = _exit(actor, exit_id)
    if not passed:
        done = _act(actor, exit_, "vote_failed")
    elif rules.forced_exit_review(profile_of(exit_.project)).ok:
        done = _act(actor, exit_, "vote_passed_review")
    else:
        done = _act(actor, exit_, "vote_passed")
        _create_items(done)
    history(actor, done.project, "forced_exit_vote_closed", exit=done.pk, passed=passed)
    return done


@transaction.atomic
def exit_review(
    *,
    actor: Actor,
    exit_id: int,
    uphold: bool,
    parties: list[str],
    note: str,
    end_on: Any = None,
) -> Exit:
    """The joint review after the vote decides (seed 004 §10: 由新城、镇街、社区、业主代表及
    物业管理专家综合研判后强制退出); every party of ``forced_exit_review_parties`` must take
    part. Upholding sets the day the service ends."""
    exit_ = _exit(actor, exit_id)
    errors: FieldErrors = {}
    present = [code for code in dict.fromkeys(parties or []) if code in rules.PARTIES]
    check = rules.parties_check(profile_of(exit_.project), "forced_exit_review_parties", present)
    if not check.ok:
        errors["parties"] = [explain(check.explanation)]
    end = as_date(end_on, "end_on", errors, required=uphold)
    if end and end < today():
        errors.setdefault("end_on", []).append(_("The date cannot be in the past."))
    require(errors)
    done = _act(
        actor,
        exit_,
        "review_uphold" if uphold else "review_reject",
        changes={
            "review_parties": present,
            "review_note": str(note or "").strip(),
            "reviewed_on": today(),
            **({"end_on": end} if uphold else {}),
        },
        note=note,
    )
    if uphold:
        _create_items(done)
    history(actor, done.project, "forced_exit_review", exit=done.pk, upheld=uphold)
    return done


@transaction.atomic
def exit_order(*, actor: Actor, contract_id: Any, end_on: Any, reason: str = "") -> Exit:
    """Order a blacklisted company out of the project (seed 000 §12: 列入黑名单的 … 清退);
    the street or the bureau over the project; the handover starts at once."""
    contract = _filed_contract(actor, contract_id)
    if not is_official_over(actor, contract.node_path, Role.STREET_OFFICER, Role.BUREAU):
        raise PermissionDeniedError(_("The street or the bureau orders a company out."))
    errors: FieldErrors = {}
    if contract.company.blacklisted_since is None:
        errors["contract_id"] = [_("The company is not blacklisted.")]
    end = as_date(end_on, "end_on", errors)
    if end and end < today():
        errors.setdefault("end_on", []).append(_("The date cannot be in the past."))
    require(errors)
    exit_ = Exit.objects.create(
        project=contract.project,
        company=contract.company,
        contract=contract,
        kind=Exit.Kind.BLACKLISTED,
        status=E.HANDING_OVER,
        end_on=end,
        reason=str(reason or "").strip()
        or str(_("Blacklisted since %(day)s") % {"day": contract.company.blacklisted_since}),
        node_path=contract.project.node_path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, exit_)
    _create_items(exit_)
    history(actor, contract.project, "exit_ordered", exit=exit_.pk)
    return exit_


def _incoming(errors: FieldErrors, company_id: Any, outgoing: int) -> PropertyCompany | None:
    if company_id in (None, ""):
        return None
    company = (
        PropertyCompany.objects.filter(pk=company_id).first() if str(company_id).isdigit() else None
    )
    if company is None:
        errors["incoming_company_id"] = [_("Unknown property company.")]
        return None
    if company.pk == outgoing:
        errors["incoming_company_id"] = [_("The incoming company cannot be the outgoing one.")]
        return None
    try:
        require_company_may_serve(company, field="incoming_company_id")
    except DomainError as error:
        errors.update(error.fields)
        return None
    return company


@transaction.atomic
def exit_start_handover(*, actor: Actor, exit_id: int, incoming_company_id: Any = None) -> Exit:
    """Start the supervised handover of a noticed exit; the items come from the profile's
    ``exit_handover_items`` (民法典 art. 949; 物业管理条例 art. 38)."""
    exit_ = _exit(actor, exit_id)
    errors: FieldErrors = {}
    incoming = _incoming(errors, incoming_company_id, exit_.company_id)
    require(errors)
    done = _act(
        actor,
        exit_,
        "start_handover",
        changes={"incoming_company": incoming} if incoming else {},
    )
    _create_items(done)
    history(actor, done.project, "exit_handover_started", exit=done.pk)
    return done


@transaction.atomic
def exit_set_incoming(*, actor: Actor, exit_id: int, incoming_company_id: Any) -> Exit:
    """Name the company that takes over (any time before the handover is complete)."""
    exit_ = _exit(actor, exit_id, lock=True)
    if not is_official_over(
        actor, exit_.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.BUREAU
    ):
        raise PermissionDeniedError(_("Your role may not do this for this record."))
    if exit_.status not in (E.NOTIFIED, E.REVIEW, E.HANDING_OVER):
        raise ConflictError(_("The incoming company can no longer be changed."))
    errors: FieldErrors = {}
    incoming = _incoming(errors, incoming_company_id, exit_.company_id)
    require(errors)
    before = audit.snapshot(exit_)
    exit_.incoming_company = incoming
    exit_.save(update_fields=["incoming_company"])
    audit.record_update(actor, exit_, before=before)
    return exit_


def _item(actor: Actor, item_id: Any) -> ExitItem:
    item: ExitItem = get_visible(
        ExitItem.objects.select_for_update(of=("self",)).select_related(
            "exit", "exit__project", "confirmed_by"
        ),
        actor,
        pk=item_id,
    )
    if item.exit.status != E.HANDING_OVER:
        raise ConflictError(_("Items are handed over only while the handover is under way."))
    return item


@transaction.atomic
def exit_item_describe(
    *, actor: Actor, item_id: int, detail: str, amount_fen: int | None = None
) -> ExitItem:
    """The outgoing company (or the supervising officer) says what it hands over; money
    items (common revenue, prepaid fees) carry an amount in fen."""
    item = _item(actor, item_id)
    exit_ = item.exit
    if not (
        is_company_staff(actor, exit_.company_id)
        or is_official_over(actor, exit_.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)
    ):
        raise PermissionDeniedError(_("Your role may not do this for this record."))
    if item.confirmed_at is not None:
        raise ConflictError(_("A confirmed item can no longer be changed."))
    errors: FieldErrors = {}
    text = required_text(detail, "detail", errors)
    if amount_fen is not None and (not isinstance(amount_fen, int) or amount_fen < 0):
        errors["amount"] = [_("Enter an amount of zero or more.")]
    require(errors)
    before = audit.snapshot(item)
    item.detail = text
    item.amount_fen = amount_fen
    item.save(update_fields=["detail", "amount_fen"])
    audit.record_update(actor, item, before=before)
    return item


def receives(actor: Actor, exit_: Exit) -> bool:
    """The incoming party: the incoming company's staff, the project's owners' committee,
    or — where neither exists — the community officer receiving on the owners' behalf."""
    if is_company_staff(actor, exit_.incoming_company_id) or is_committee_of(
        actor, exit_.project_id
    ):
        return True
    no_party = exit_.incoming_company_id is None and (
        exit_.project.formation != Project.Formation.COMMITTEE
    )
    return no_party and is_official_over(actor, exit_.node_path, Role.COMMUNITY_OFFICER)


@transaction.atomic
def exit_item_confirm(*, actor: Actor, item_id: int) -> ExitItem:
    """The incoming party confirms it received the item; once only."""
    item = _item(actor, item_id)
    if not receives(actor, item.exit):
        raise PermissionDeniedError(_("Only the incoming party confirms what it receives."))
    if item.confirmed_at is not None:
        raise ConflictError(
            _("“%(item)s” was already confirmed on %(day)s.")
            % {"item": item.label_zh, "day": timezone.localtime(item.confirmed_at).date()}
        )
    if not item.detail:
        raise invalid({"detail": [_("The outgoing company has not described this item yet.")]})
    before = audit.snapshot(item)
    item.confirmed_by = user_of(actor)
    item.confirmed_at = clock.now()
    item.save(update_fields=["confirmed_by", "confirmed_at"])
    audit.record_update(actor, item, before=before)
    return item


@transaction.atomic
def exit_complete_handover(*, actor: Actor, exit_id: int) -> Exit:
    """The supervising street or community closes the handover once every item is
    confirmed (seed 004 §10: 镇街、社区负责指导监督 … 资金、设施设备移交)."""
    exit_ = _exit(actor, exit_id)

    def check(found: Exit) -> None:
        open_items = list(
            ExitItem.objects.filter(exit_id=found.pk, confirmed_at__isnull=True).values_list(
                "label_zh", flat=True
            )
        )
        if open_items:
            raise invalid(
                {"items": open_items},
                _("%(count)s items are not confirmed yet.") % {"count": len(open_items)},
            )

    done = _act(actor, exit_, "complete_handover", changes={"handed_over_on": today()}, check=check)
    history(actor, done.project, "exit_handed_over", exit=done.pk)
    return done


def held_bond(exit_: Exit) -> PerformanceBond | None:
    return (
        PerformanceBond.objects.filter(
            company_id=exit_.company_id,
            project_id=exit_.project_id,
            status=PerformanceBond.Status.HELD,
        )
        .select_related("account")
        .first()
    )


@transaction.atomic
def exit_close(*, actor: Actor, exit_id: int, committee_opinion: str) -> Exit:
    """Close the exit: refund the held performance bond with the committee's opinion
    through the funds capability (seed 000 §16: 退出 … 申请退还，业委会协助出具相关意见),
    end the contract (contracts capability) and record the incoming company, if any, as
    the project's company in the register."""
    exit_ = _exit(actor, exit_id, lock=True)
    if not is_official_over(actor, exit_.node_path, Role.STREET_OFFICER, Role.BUREAU):
        raise PermissionDeniedError(_("The street or the bureau closes an exit."))
    if exit_.status != E.HANDED_OVER:
        raise ConflictError(_("Close the exit once the handover is complete."))
    errors: FieldErrors = {}
    opinion = required_text(committee_opinion, "committee_opinion", errors)
    require(errors)
    bond = held_bond(exit_)
    if bond is not None:
        bond_refund(actor=actor, bond_id=bond.pk, opinion=opinion)
    day = today()
    if (
        exit_.contract_id
        and exit_.contract
        and exit_.contract.status == ServiceContract.Status.FILED
    ):
        contract_end(
            actor=actor,
            contract_id=exit_.contract_id,
            ended_on=exit_.end_on or day,
            reason=str(exit_.get_kind_display()),
        )
    project = Project.objects.select_related("developer").get(pk=exit_.project_id)
    if project.company_id == exit_.company_id or project.company_id is None:
        set_serving_company(actor, project, exit_.incoming_company)
    done = _act(
        actor,
        exit_,
        "close",
        changes={
            "closed_on": day,
            "committee_opinion": opinion,
            "bond_id": bond.pk if bond else None,
        },
    )
    history(actor, done.project, "exit_closed", exit=done.pk, bond=bond.pk if bond else None)
    return done
