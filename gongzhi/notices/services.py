"""Writes of notices: publishing to an audience, and the owner's read receipt.

:func:`notice_publish` is the one way any capability tells owners something (seed 004 §21
通知公告; seed 000 §18): the committee, the company, the community or the street issue
general notices from the notices pages; the decisions capability's vote notices and
results arrive as events (``notices.handlers``); other capabilities (top-up notices in
funds, exit notices in lifecycle) call this service directly with a ``source_ref`` that
makes the call idempotent. The in-app inbox always carries the notice; SMS and e-mail are
configuration of ``core.sms`` / the mail backend, sent after commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.tasks import send_email, send_sms_on_commit
from gongzhi.notices.models import Audience, Category, Channel, Issuer, Notice, NoticeRecipient
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Ownership, Project

TITLE_MAX = 120
BODY_MAX = 5000
SMS_MAX = 300  # characters of the body carried by an SMS; the rest is in the inbox


def issuers_for(actor: Actor, project: Project) -> list[str]:
    """The capacities in which the actor may notify the project's owners: the committee
    (its members), the company (its staff), the community and the street (their officers
    over the project). The platform administrator may issue in every capacity."""
    if actor.is_platform_admin:
        return [c.value for c in Issuer]
    found: list[str] = []
    for grant in actor.grants:
        if grant.kind == "project" and grant.project_id == project.pk:
            found.append(Issuer.COMMITTEE)
        elif grant.kind == "company" and grant.company_id == project.company_id:
            found.append(Issuer.COMPANY)
        elif grant.kind == "node" and project.node_path.startswith(grant.node_path or "\0"):
            if grant.role == Role.COMMUNITY_OFFICER:
                found.append(Issuer.COMMUNITY)
            elif grant.role == Role.STREET_OFFICER:
                found.append(Issuer.STREET)
    return [i for i in Issuer.values if i in found]


def issuer_name(project: Project, issuer: str) -> str:
    if issuer == Issuer.COMMITTEE:
        return gettext("Owners' committee of %(project)s") % {"project": project.name}
    if issuer == Issuer.COMPANY:
        return project.company.name if project.company else gettext("Property company")
    community = project.community
    if issuer == Issuer.COMMUNITY:
        return community.name
    return community.parent.name if community.parent else community.name


def _audience_parts(
    project: Project,
    audience: str,
    building_id: int | None,
    building_unit_id: int | None,
    part_ids: Iterable[int],
    errors: FieldErrors,
) -> tuple[list[int], Building | None, BuildingUnit | None]:
    """The part ids the audience covers; adds field errors for a wrong choice."""
    parts = ExclusivePart.objects.filter(project_id=project.pk)
    building = unit = None
    if audience == Audience.BUILDING:
        building = Building.objects.filter(pk=building_id or 0, project_id=project.pk).first()
        if building is None:
            errors["building"] = [_("Choose a building of this project.")]
            return [], None, None
        parts = parts.filter(building_unit__building_id=building.pk)
    elif audience == Audience.UNIT:
        unit = BuildingUnit.objects.filter(pk=building_unit_id or 0, project_id=project.pk).first()
        if unit is None:
            errors["building_unit"] = [_("Choose a building unit of this project.")]
            return [], None, None
        parts = parts.filter(building_unit_id=unit.pk)
    elif audience == Audience.SELECTED:
        wanted = {int(p) for p in part_ids}
        if not wanted:
            errors["parts"] = [_("Choose at least one part.")]
            return [], None, None
        found = set(parts.filter(pk__in=wanted).values_list("pk", flat=True))
        if found != wanted:
            errors["parts"] = [_("Every chosen part must belong to this project.")]
            return [], None, None
        parts = parts.filter(pk__in=wanted)
    elif audience != Audience.PROJECT:
        errors["audience"] = [_("Choose who receives the notice.")]
        return [], None, None
    return list(parts.values_list("pk", flat=True)), building, unit


@transaction.atomic
def notice_publish(
    *,
    actor: Actor,
    project_id: int,
    issuer: str,
    title: str,
    body: str,
    audience: str = Audience.PROJECT,
    building_id: int | None = None,
    building_unit_id: int | None = None,
    part_ids: Iterable[int] = (),
    channels: Iterable[str] = (Channel.INBOX,),
    category: str = Category.GENERAL,
    source_ref: str = "",
) -> Notice:
    """Publish a notice to the owners of the audience: one recipient row per owner (an
    owner of several parts is counted once), the inbox always, SMS to owners with a phone
    and e-mail to owners whose account has an address when those channels are chosen.
    Refuses (nothing stored) a wrong capacity, an empty title or text, an audience outside
    the project, an unknown channel or category, or an audience without owners; a second
    call with the same non-empty ``source_ref`` is a conflict."""
    project = get_visible(
        Project.objects.select_related("company", "community__parent"), actor, pk=project_id
    )
    if issuer not in Issuer.values:
        raise invalid({"issuer": [_("Choose who issues the notice.")]})
    if issuer not in issuers_for(actor, project):
        raise PermissionDeniedError(
            _("You may not issue notices for this project in this capacity.")
        )
    errors: FieldErrors = {}
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        errors["title"] = [_("Enter a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [gettext("At most %(max)s characters.") % {"max": TITLE_MAX}]
    if not body:
        errors["body"] = [_("Enter the text of the notice.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [gettext("At most %(max)s characters.") % {"max": BODY_MAX}]
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    chosen = set(channels) | {Channel.INBOX.value}
    if not chosen <= set(Channel.values):
        errors["channels"] = [_("Choose channels from the list.")]
    if len(source_ref) > 100:
        errors["source_ref"] = [gettext("At most %(max)s characters.") % {"max": 100}]
    part_list = [int(p) for p in part_ids] if audience == Audience.SELECTED else []
    parts, building, unit = _audience_parts(
        project, audience, building_id, building_unit_id, part_list, errors
    )
    owners: dict[int, list[str]] = defaultdict(list)
    if not errors:
        for owner_id, number in (
            Ownership.objects.filter(part_id__in=parts)
            .order_by("part__number")
            .values_list("owner_id", "part__number")
        ):
            owners[owner_id].append(number)
        if not owners:
            errors["audience"] = [_("No owner is registered for this audience.")]
    if errors:
        raise invalid(errors)
    if source_ref and Notice.objects.filter(source_ref=source_ref).exists():
        raise ConflictError(_("This notice has already been published."))
    notice = Notice.objects.create(
        project=project,
        issuer=issuer,
        issuer_name=issuer_name(project, issuer),
        category=category,
        title=title,
        body=body,
        audience=audience,
        building=building,
        building_unit=unit,
        parts=sorted(part_list),
        channels=[c for c in Channel.values if c in chosen],
        source_ref=source_ref,
        recipient_count=len(owners),
        company=project.company,
        node_path=project.node_path,
        published_by=user_of(actor),
        published_at=clock.now(),
    )
    _deliver(notice, owners, chosen)
    audit.record_create(actor, notice)
    return notice


def _deliver(notice: Notice, owners: dict[int, list[str]], channels: set[str]) -> None:
    """Store one receipt row per owner and queue the SMS and e-mails after commit."""
    from gongzhi.registry.models import Owner

    rows = []
    texts: list[tuple[str, str]] = []
    mails: list[str] = []
    sms_text = gettext("[%(issuer)s] %(title)s: %(body)s") % {
        "issuer": notice.issuer_name,
        "title": notice.title,
        "body": notice.body[:SMS_MAX],
    }
    for owner in Owner.objects.filter(pk__in=owners).select_related("user").order_by("pk"):
        phone = owner.phone or (owner.user.mobile if owner.user and owner.user.mobile else "")
        email = owner.user.email if owner.user else ""
        sms = Channel.SMS in channels and bool(phone)
        mail = Channel.EMAIL in channels and bool(email)
        rows.append(
            NoticeRecipient(
                notice=notice,
                owner=owner,
                parts="、".join(owners[owner.pk])[:255],
                sms_queued=sms,
                email_queued=mail,
            )
        )
        if sms:
            texts.append((phone, sms_text))
        if mail:
            mails.append(email)
    NoticeRecipient.objects.bulk_create(rows, batch_size=500)
    for phone, text in texts:
        send_sms_on_commit(phone, text)
    if mails:
        subject, body = f"[{notice.issuer_name}] {notice.title}", notice.body
        transaction.on_commit(partial(_queue_mails, mails, subject, body))


def _queue_mails(mails: list[str], subject: str, body: str) -> None:
    for to in mails:
        send_email.enqueue(to, subject, body)


@transaction.atomic
def notice_mark_read(*, actor: Actor, notice_id: int) -> bool:
    """The owner's read receipt: the first opening sets ``read_at`` on the actor's own
    recipient rows; later openings change nothing, so each owner is counted once. Returns
    whether this opening was the first. (The receipt row is the record; opening a notice
    writes no audit row.)"""
    rows = NoticeRecipient.objects.filter(notice_id=notice_id, owner__user_id=actor.user_id)
    if not actor.is_authenticated or not rows.exists():
        from gongzhi.core.errors import NotFoundError

        raise NotFoundError(_("Not found."))
    return bool(rows.filter(read_at__isnull=True).update(read_at=clock.now()))
