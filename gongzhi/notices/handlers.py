"""What the notices capability does when another capability reports a fact (ADR 0005):
it tells the owners concerned through the one mechanism, :func:`notice_publish`.

- ``decisions.matter_published`` (decisions.services.matter_publish) → a vote notice to
  the matter's owners (the project, the building unit or the chosen parts), inbox and SMS
  (物业管理条例 art. 14: owners are told before the vote).
- ``decisions.result_published`` (decisions.services.result_publish) → the result notice.
- ``funds.topup_due`` (funds.services.check_topups) → the top-up notice to the part's
  owners (seed 000 §33 … 应当及时续交), inbox and SMS.
- ``lifecycle.exit_notified`` (lifecycle.services.exit_notify) → the exit notice to the
  project's owners, inbox and SMS (seed 000 §12; 004 §10: 提前书面告知).
- ``fees.reminder_sent`` (fees.services.reminders_send) → the arrears reminder to the
  part's owners (seed 001 §三(一)4; seed 004 §6), inbox and SMS.

Each notice carries a ``source_ref`` naming the fact, so a redelivered event publishes
nothing twice. The notice is published with a system actor on behalf of the user who
caused the fact (or nobody, for the system), and in the capacity that user holds over
the project (the committee, the company, the community or the street).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext

from gongzhi.core.errors import DomainError
from gongzhi.core.explain import explain
from gongzhi.core.scoping import system_actor
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent
from gongzhi.notices.models import Audience, Category, Channel, Issuer, Notice
from gongzhi.notices.services import issuers_for, notice_publish
from gongzhi.registry.models import Project
from gongzhi.rules.money import format_fen

# The event names, as their producers define them (decisions.services.EVENT_PUBLISHED …);
# spelled here so the consumer does not import the producer's services.
MATTER_PUBLISHED = "decisions.matter_published"
RESULT_PUBLISHED = "decisions.result_published"
TOPUP_DUE = "funds.topup_due"
REMINDER_SENT = "fees.reminder_sent"
EXIT_NOTIFIED = "lifecycle.exit_notified"

_PREFERRED = (Issuer.COMMITTEE, Issuer.COMMUNITY, Issuer.STREET, Issuer.COMPANY)


def _issuer(user: Any, project: Project, fallback: str) -> str:
    """The capacity in which the user who caused the fact speaks for the project."""
    if user is not None:
        from gongzhi.accounts.selectors import actor_for

        capacities = issuers_for(actor_for(user), project)
        if not actor_for(user).is_platform_admin:
            for issuer in _PREFERRED:
                if issuer in capacities:
                    return issuer
    if fallback == Issuer.COMPANY and project.company_id is None:
        return Issuer.COMMUNITY
    return fallback


def _publish(event: DomainEvent, *, source_ref: str, fallback: str, **values: Any) -> None:
    if Notice.objects.filter(source_ref=source_ref).exists():
        return  # already told (a redelivery)
    project = Project.objects.select_related("company").filter(pk=values["project_id"]).first()
    if project is None:
        return
    values["issuer"] = _issuer(event.actor, project, fallback)
    try:
        notice_publish(actor=system_actor(event.actor), source_ref=source_ref, **values)
    except DomainError as error:  # an audience without registered owners tells nobody
        if "audience" not in error.fields:
            raise


def _audience(data: dict[str, Any]) -> dict[str, Any]:
    scope = data.get("scope_kind") or "project"
    if scope == "unit":
        return {"audience": Audience.UNIT, "building_unit_id": data.get("building_unit_id")}
    if scope == "parts":
        return {"audience": Audience.SELECTED, "part_ids": data.get("part_ids") or []}
    return {"audience": Audience.PROJECT}


def _matter_notice(
    event: DomainEvent, data: dict[str, Any], *, step: str, title: str, **values: Any
) -> None:
    """A notice about a decisions matter, to the matter's audience, issued as the committee."""
    _publish(
        event,
        source_ref=f"decisions.matter:{data.get('matter_id')}:{step}",
        fallback=Issuer.COMMITTEE,
        project_id=data.get("project_id"),
        title=(title % {"title": data.get("title", "")})[:120],
        **values,
        **_audience(data),
    )


def _part_notice(event: DomainEvent, data: dict[str, Any], *, title: str, **values: Any) -> None:
    """A notice to the owners of one part, inbox and SMS, issued as the company."""
    _publish(
        event,
        fallback=Issuer.COMPANY,
        project_id=data.get("project_id"),
        title=title % {"part": data.get("part_number", "")},
        channels=(Channel.INBOX, Channel.SMS),
        audience=Audience.SELECTED,
        part_ids=[data.get("part_id")],
        **values,
    )


@subscribe(MATTER_PUBLISHED)
def vote_notice(event: DomainEvent) -> None:
    data = event.data or {}
    body = gettext(
        "%(body)s\n\nVoting opens on %(start)s and closes on %(end)s. Vote on the platform, "
        "on paper or by proxy."
    ) % {
        "body": data.get("body") or data.get("title", ""),
        "start": data.get("voting_starts_on", ""),
        "end": data.get("voting_ends_on", ""),
    }
    _matter_notice(
        event,
        data,
        step="vote",
        title=gettext("Vote: %(title)s"),
        body=body,
        category=Category.VOTE,
        channels=(Channel.INBOX, Channel.SMS),
    )


@subscribe(RESULT_PUBLISHED)
def result_notice(event: DomainEvent) -> None:
    data = event.data or {}
    outcome = (
        pgettext("vote outcome", "passed")
        if data.get("passed")
        else pgettext("vote outcome", "not passed")
    )
    body = gettext(
        "The vote on “%(title)s” has %(outcome)s. %(participating)s of %(total)s owners "
        "(%(p_area)s of %(t_area)s m²) took part; %(yes)s owners (%(y_area)s m²) voted in "
        "favour. The result is published until %(until)s."
    ) % {
        "title": data.get("title", ""),
        "outcome": outcome,
        "participating": data.get("participating_owners", ""),
        "total": data.get("total_owners", ""),
        "p_area": data.get("participating_area", ""),
        "t_area": data.get("total_area", ""),
        "yes": data.get("yes_owners", ""),
        "y_area": data.get("yes_area", ""),
        "until": data.get("result_until", ""),
    }
    _matter_notice(
        event,
        data,
        step="result",
        title=gettext("Result: %(title)s"),
        body=body,
        category=Category.VOTE_RESULT,
        channels=(Channel.INBOX,),
    )


@subscribe(TOPUP_DUE)
def topup_notice(event: DomainEvent) -> None:
    data = event.data or {}
    body = gettext(
        "The maintenance-fund balance of %(part)s is %(balance)s, below %(threshold)s "
        "(%(reason)s). Please top it up."
    ) % {
        "part": data.get("part_number", ""),
        "balance": format_fen(int(data.get("balance_fen") or 0)),
        "threshold": format_fen(int(data.get("threshold_fen") or 0)),
        "reason": explain(data.get("reason"), cite=False),
    }
    _part_notice(
        event,
        data,
        source_ref=f"funds.topup:{data.get('topup_notice_id')}",
        title=gettext("Maintenance-fund top-up: %(part)s"),
        body=body,
        category=Category.TOP_UP,
    )


@subscribe(REMINDER_SENT)
def arrears_notice(event: DomainEvent) -> None:
    data = event.data or {}
    _part_notice(
        event,
        data,
        source_ref=f"fees.reminder:{data.get('reminder_id')}",
        title=gettext("Property fee reminder: %(part)s"),
        body=str(data.get("text", "")),
        category=Category.ARREARS,
    )


@subscribe(EXIT_NOTIFIED)
def exit_notice(event: DomainEvent) -> None:
    data = event.data or {}
    body = gettext(
        "%(company)s will stop serving this project on %(end)s (%(kind)s). The written "
        "notice was given on %(given)s. The owners' committee, the street and the community "
        "supervise the handover to the next manager."
    ) % {
        "company": data.get("company_name", ""),
        "end": data.get("end_on", ""),
        "kind": data.get("kind_label", ""),
        "given": data.get("notice_on", ""),
    }
    _publish(
        event,
        source_ref=f"lifecycle.exit:{data.get('exit_id')}:notice",
        fallback=Issuer.COMPANY,
        project_id=data.get("project_id"),
        title=(gettext("Exit notice: %(company)s") % {"company": data.get("company_name", "")})[
            :120
        ],
        body=body,
        category=Category.EXIT,
        channels=(Channel.INBOX, Channel.SMS),
        audience=Audience.PROJECT,
    )
