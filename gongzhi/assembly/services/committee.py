"""Writes of the committee in office (seed 000 §21-22; 001 §四(一)): meetings with
minutes, the yearly publication (through funds' statement, which the disclosure board
shows), the member subsidy paid through funds' ledger service, and the daily checks:
re-election reminders and the residents' committee acting for a committee left with too
few members (seed 000 §21).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.assembly.models import ActingBody, CommitteeMeeting, Reminder, SubsidyPayment
from gongzhi.assembly.services.common import committee_member_of, profile_of, text
from gongzhi.assessments.models import CommitteeAssessment
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid, require
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor, get_visible, system_actor, user_of
from gongzhi.funds import services as funds
from gongzhi.funds.models import RevenueStatement
from gongzhi.registry.models import CommitteeMember, OwnersCommittee
from gongzhi.rules import assembly as rules
from gongzhi.rules.money import MoneyError, fen_to_yuan, format_fen, parse_yuan


def _own_committee(actor: Actor, committee_id: Any) -> OwnersCommittee:
    committee: OwnersCommittee = get_visible(
        OwnersCommittee.objects.select_related("project__community"), actor, pk=committee_id
    )
    if not committee_member_of(actor, committee.project_id):
        raise PermissionDeniedError(_("Only the committee's own members may do this."))
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    return committee


@transaction.atomic
def meeting_record(
    *,
    actor: Actor,
    committee_id: int,
    held_on: dt.date | None,
    topic: str,
    attendance: Any,
    minutes: str,
) -> CommitteeMeeting:
    """Record a meeting the committee held, with its minutes (seed 000 §21: 例会制度)."""
    committee = _own_committee(actor, committee_id)
    errors: FieldErrors = {}
    if held_on is None:
        errors["held_on"] = [_("Enter the date.")]
    elif held_on > clock.today():
        errors["held_on"] = [_("The date cannot be in the future.")]
    elif held_on < committee.term_start:
        errors["held_on"] = [_("The date cannot be before the committee's term.")]
    topic, minutes = (topic or "").strip(), (minutes or "").strip()
    if not topic:
        errors["topic"] = [_("This field is required.")]
    if not minutes:
        errors["minutes"] = [_("Write the minutes.")]
    try:
        present = int(attendance)
    except (TypeError, ValueError):
        present = -1
    if not 1 <= present <= committee.seats:
        errors["attendance"] = [
            _("Give the members present (1 to %(seats)s).") % {"seats": committee.seats}
        ]
    require(errors)
    assert held_on is not None
    meeting = CommitteeMeeting.objects.create(
        committee=committee,
        project=committee.project,
        node_path=committee.project.node_path,
        held_on=held_on,
        topic=topic[:200],
        attendance=present,
        minutes=minutes,
        created_by=user_of(actor),
    )
    audit.record_create(actor, meeting)
    return meeting


@transaction.atomic
def yearly_publish(*, actor: Actor, committee_id: int, year: Any) -> RevenueStatement:
    """Publish the year's common revenue, fund use and expenses to the owners (seed 000
    §22: 每年向业主公布): funds' statement, which the disclosure board shows as the
    committee's yearly publication."""
    committee = _own_committee(actor, committee_id)
    try:
        number = int(year)
    except (TypeError, ValueError):
        raise invalid({"year": [_("Enter a valid year.")]}) from None
    statement: RevenueStatement = funds.revenue_statement_publish(
        actor=actor, project_id=committee.project_id, year=number
    )
    return statement


def passed_assessment(committee: OwnersCommittee, year: int) -> CommitteeAssessment | None:
    """The committee's decided, passed yearly assessment of ``year`` (001 §四(一))."""
    return CommitteeAssessment.objects.filter(
        committee=committee,
        year=year,
        status=CommitteeAssessment.Status.DECIDED,
        passed=True,
        subsidy_eligible=True,
    ).first()


@transaction.atomic
def subsidy_pay(
    *, actor: Actor, member_id: int, month: dt.date | None, amount: Any
) -> SubsidyPayment:
    """Pay a committee member's monthly subsidy from common revenue through funds' ledger
    (seed 001 §四(一): 评定结果合格的 … 每人每月不高于300元 … 从物业服务费或公共收益中列支).
    Refused above ``committee_member_subsidy_cap_yuan_per_month``, without a passed
    assessment of that year, twice for one member and month, or where the profile sets
    no subsidy."""
    member: CommitteeMember = get_visible(
        CommitteeMember.objects.select_related("committee__project__community"),
        actor,
        pk=member_id,
    )
    committee = _own_committee(actor, member.committee_id)
    profile = profile_of(committee.project)
    errors: FieldErrors = {}
    if month is None:
        errors["month"] = [_("Enter the month.")]
    else:
        month = month.replace(day=1)
        if month > clock.today():
            errors["month"] = [_("The month cannot be in the future.")]
        elif member.left_on is not None and member.left_on < month:
            errors["month"] = [_("The member had left the committee by then.")]
    cap = profile.optional_fen("committee_member_subsidy_cap_yuan_per_month")
    try:
        amount_fen = parse_yuan(amount)  # floats raise TypeError: money is never a float
    except (MoneyError, TypeError):
        amount_fen = 0
    if amount_fen <= 0:
        errors["amount"] = [_("Enter an amount in yuan greater than zero.")]
    elif cap is None:
        errors["amount"] = [_("This jurisdiction's policy sets no member subsidy.")]
    elif amount_fen > cap:
        errors["amount"] = [
            gettext("At most %(cap)s per member per month (%(source)s).")
            % {
                "cap": format_fen(cap),
                "source": profile.param("committee_member_subsidy_cap_yuan_per_month").source,
            }
        ]
    require(errors)
    assert month is not None
    assessment = passed_assessment(committee, month.year)
    if assessment is None:
        raise ConflictError(
            _("The committee has no passed yearly assessment for %(year)s: no subsidy is paid.")
            % {"year": month.year},
            fields={"month": [_("No passed assessment for this year.")]},
        )
    if SubsidyPayment.objects.filter(member=member, month=month).exists():
        raise ConflictError(_("This member's subsidy for this month is already paid."))
    entry = funds.revenue_record(
        actor=actor,
        project_id=committee.project_id,
        category="subsidy",
        amount=fen_to_yuan(amount_fen),
        memo=gettext("Committee member subsidy · %(name)s · %(month)s")
        % {"name": member.name, "month": month.strftime("%Y-%m")},
        date=clock.today(),
    )
    try:
        with transaction.atomic():
            payment = SubsidyPayment.objects.create(
                committee=committee,
                member=member,
                project=committee.project,
                node_path=committee.project.node_path,
                month=month,
                amount_fen=amount_fen,
                assessment_id=assessment.pk,
                journal_entry_id=entry.pk,
                created_by=user_of(actor),
            )
    except IntegrityError:
        raise ConflictError(_("This member's subsidy for this month is already paid.")) from None
    audit.record_create(actor, payment)
    return payment


def committees_check(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily check of committees in office: a re-election reminder on the street's
    and community's to-do list from the profile's notice before the term ends; the
    residents' committee acting for a committee below the profile's share of members
    (seed 000 §21). Idempotent."""
    today = today or clock.today()
    actor = system_actor(None)
    reminded = acting = 0
    committees = (
        OwnersCommittee.objects.filter(is_current=True, kind=OwnersCommittee.Kind.OWNERS_COMMITTEE)
        .select_related("project__community")
        .annotate(active=Count("members", filter=Q(members__left_on__isnull=True)))
    )
    for committee in committees:
        profile = profile_of(committee.project)
        due = rules.reelection(profile, committee.term_end, today)
        if due.due:
            _, made = Reminder.objects.get_or_create(
                kind=Reminder.Kind.REELECTION_DUE,
                key=f"committee:{committee.pk}",
                defaults={
                    "project": committee.project,
                    "node_path": committee.project.node_path,
                    "found_on": today,
                    "basis": stored(due.explanation),
                },
            )
            reminded += int(made)
        strength = rules.committee_strength(profile, active=committee.active, seats=committee.seats)
        has_members = CommitteeMember.objects.filter(committee=committee).exists()
        if has_members and not strength.enough:
            exists = ActingBody.objects.filter(
                project=committee.project, until__isnull=True
            ).exists()
            if not exists:
                with transaction.atomic():
                    body = ActingBody.objects.create(
                        project=committee.project,
                        node_path=committee.project.node_path,
                        reason=ActingBody.Reason.TOO_FEW_MEMBERS,
                        basis=stored(strength.explanation),
                        since=today,
                    )
                    audit.record_create(actor, body)
                acting += 1
    return {"reminders": reminded, "acting": acting}


def strength_text(committee: OwnersCommittee, active: int) -> str:
    """The committee's strength judged by the profile, for pages."""
    profile = profile_of(committee.project)
    return text(rules.committee_strength(profile, active=active, seats=committee.seats).explanation)
