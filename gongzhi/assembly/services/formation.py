"""Writes of the road to the first owners' assembly (seed 000 §19-21, 23; 004 §19;
业主大会和业主委员会指导规则).

The scan finds projects due to form their assembly and puts them on the street's and
community's to-do list; the street/community forms the preparation group (the project's
formation step through registry's service), records the developer's preparation fund
(through funds' service), uploads the drafts and names the candidates; publishing puts
the rules and the election to the owners as two decisions matters. When both are closed
(``decisions.matter_closed`` → ``handlers.py`` → :func:`group_vote_closed`), the elected
committee is registered through registry's services, or the profile's fall-back body
takes over. The street files the committee through registry's service.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.assembly.models import (
    ActingBody,
    GroupCandidate,
    GroupDocument,
    GroupMember,
    MemberBar,
    PreparationGroup,
    Reminder,
)
from gongzhi.assembly.services.common import profile_of, project_for_official, text
from gongzhi.assembly.workflow import GROUP_FLOW
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.attachments import upload_fields, upload_kind
from gongzhi.core.errors import ConflictError, FieldErrors, invalid, require
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor, get_visible, system_actor, user_of
from gongzhi.core.workflow import transition
from gongzhi.decisions import services as decisions
from gongzhi.decisions.models import Matter
from gongzhi.funds import services as funds
from gongzhi.lifecycle.models import Handover
from gongzhi.registry.governance import services as governance
from gongzhi.registry.models import ExclusivePart, Owner, Ownership, Project
from gongzhi.rules import assembly as rules

SOURCE_PREFIX = "assembly.group:"
RULES, ELECTION = "rules", "election"
REQUIRED_DOCUMENTS = (
    GroupDocument.Kind.RULES_OF_PROCEDURE,
    GroupDocument.Kind.MANAGEMENT_STATUTE,
)


def source_ref(group: PreparationGroup, part: str) -> str:
    """How a decisions matter names the group and which of its two votes it is."""
    return f"{SOURCE_PREFIX}{group.pk}:{part}"


# --- the scan -----------------------------------------------------------------------


def formation_scan(*, today: dt.date | None = None) -> list[Reminder]:
    """Put every project that meets its profile's formation conditions and has no owners'
    organisation yet on the street's and community's to-do list (once per project).

    Delivered share of the exclusive area and years since the first delivery (the
    earliest handover's delivery date) are judged by ``rules.assembly.formation_due``."""
    today = today or clock.today()
    known = Reminder.objects.filter(kind=Reminder.Kind.FORMATION_DUE).values("project_id")
    projects = list(
        Project.objects.filter(formation=Project.Formation.NONE)
        .exclude(pk__in=known)
        .select_related("community")
    )
    areas = {
        row["project_id"]: row
        for row in ExclusivePart.objects.filter(project__in=projects)
        .values("project_id")
        .annotate(
            total=Sum("area"),
            delivered=Sum("area", filter=Q(delivery=ExclusivePart.Delivery.DELIVERED)),
        )
    }
    first = dict(
        Handover.objects.filter(project__in=projects, delivered_on__isnull=False)
        .values("project_id")
        .annotate(first=Min("delivered_on"))
        .values_list("project_id", "first")
    )
    created = []
    for project in projects:
        row = areas.get(project.pk, {})
        due = rules.formation_due(
            profile_of(project),
            delivered_area=row.get("delivered") or Decimal(0),
            total_area=row.get("total") or Decimal(0),
            first_delivery=first.get(project.pk),
            today=today,
        )
        if not due.due:
            continue
        reminder, made = Reminder.objects.get_or_create(
            kind=Reminder.Kind.FORMATION_DUE,
            key=f"project:{project.pk}",
            defaults={
                "project": project,
                "node_path": project.node_path,
                "found_on": today,
                "basis": stored(due.explanation),
            },
        )
        if made:
            audit.record_create(system_actor(None), reminder)
            created.append(reminder)
    return created


def _resolve(kind: str, key: str, day: dt.date) -> None:
    Reminder.objects.filter(kind=kind, key=key, resolved_on__isnull=True).update(resolved_on=day)


# --- the group ----------------------------------------------------------------------


def _group_for_update(actor: Actor, group_id: Any) -> PreparationGroup:
    group: PreparationGroup = get_visible(
        PreparationGroup.objects.select_for_update(of=("self",)), actor, pk=group_id
    )
    project_for_official(actor, group.project_id)
    return group


def _forming(actor: Actor, group_id: Any) -> PreparationGroup:
    group = _group_for_update(actor, group_id)
    if group.status != PreparationGroup.Status.FORMING:
        raise ConflictError(_("The group's papers are published: they can no longer change."))
    return group


def _owner_of(project_id: int, owner_id: Any) -> Owner | None:
    if not str(owner_id or "").isdigit():
        return None
    return (
        Owner.objects.filter(pk=owner_id, ownerships__part__project_id=project_id)
        .distinct()
        .first()
    )


@transaction.atomic
def group_create(
    *,
    actor: Actor,
    project_id: int,
    formed_on: dt.date | None,
    seats: int | None,
    members: list[dict[str, Any]],
) -> PreparationGroup:
    """The street/community forms the project's preparation group (seed 000 §19-20) with
    its members by party (``{"party", "name", "owner_id", "is_leader"}``); the project's
    formation moves to "preparation" through registry's service (a preparation already on
    the register is taken over). The composition is
    checked against the profile when the papers are published."""
    project = project_for_official(actor, project_id)
    errors: FieldErrors = {}
    if formed_on is None:
        errors["formed_on"] = [_("Enter the date.")]
    elif formed_on > clock.today():
        errors["formed_on"] = [_("The date cannot be in the future.")]
    if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= 99:
        errors["seats"] = [_("Give the committee's number of seats (1 to 99).")]
    cleaned: list[tuple[str, str, Owner | None, bool]] = []
    for index, member in enumerate(members or []):
        party = str(member.get("party") or "")
        name = str(member.get("name") or "").strip()[:64]
        owner = None
        if party not in GroupMember.Party.values:
            errors[f"members[{index}].party"] = [_("Choose the party the member stands for.")]
        if party == GroupMember.Party.OWNERS:
            owner = _owner_of(project.pk, member.get("owner_id"))
            if owner is None:
                errors[f"members[{index}].owner_id"] = [
                    _("An owners' representative must own a part in this project.")
                ]
            else:
                name = name or owner.name
        if not name:
            errors[f"members[{index}].name"] = [_("This field is required.")]
        cleaned.append((party, name, owner, bool(member.get("is_leader"))))
    if not cleaned:
        errors["members"] = [_("Name the members of the group.")]
    if sum(1 for c in cleaned if c[3]) > 1:
        errors["members"] = [_("A group has one leader.")]
    require(errors)
    if project.formation not in (Project.Formation.NONE, Project.Formation.PREPARATION):
        raise ConflictError(
            _("The project's owners' organisation is already “%(state)s”.")
            % {"state": project.get_formation_display()}
        )
    try:
        with transaction.atomic():
            group = PreparationGroup.objects.create(
                project=project,
                node_path=project.node_path,
                formed_on=formed_on,
                seats=seats,
                created_by=user_of(actor),
            )
    except IntegrityError:
        raise ConflictError(_("The project already has a preparation group at work.")) from None
    for party, name, owner, leader in cleaned:
        GroupMember.objects.create(
            group=group, party=party, name=name, owner=owner, is_leader=leader
        )
    audit.record_create(actor, group)
    assert formed_on is not None
    if project.formation == Project.Formation.NONE:
        # a preparation recorded on the register before this app keeps its date
        governance.formation_preparation_formed(actor=actor, project_id=project.pk, on=formed_on)
    _resolve(Reminder.Kind.FORMATION_DUE, f"project:{project.pk}", formed_on)
    return group


@transaction.atomic
def group_fund_record(*, actor: Actor, group_id: int, households: Any) -> PreparationGroup:
    """Record the developer's preparation fund for the group (seed 000 §19: per household,
    capped, from the profile) through funds' service; its deposit is linked here."""
    group = _group_for_update(actor, group_id)
    if group.deposit_id:
        raise ConflictError(_("The preparation fund is already recorded."))
    deposit = funds.deposit_record(
        actor=actor, project_id=group.project_id, kind="preparation", households=households
    )
    before = audit.snapshot(group)
    group.deposit_id = deposit.pk
    group.save(update_fields=["deposit_id"])
    audit.record_update(actor, group, before)
    return group


@transaction.atomic
def document_upload(
    *, actor: Actor, group_id: int, kind: str, upload: UploadedFile | None
) -> GroupDocument:
    """Upload a draft (议事规则, 管理规约, election rules); each upload of a kind is its
    next version (指导规则: 草拟管理规约、业主大会议事规则)."""
    group = _forming(actor, group_id)
    errors: FieldErrors = {}
    if kind not in GroupDocument.Kind.values:
        errors["kind"] = [_("Choose which document this is.")]
    detected = upload_kind(upload, errors)
    require(errors)
    assert upload is not None
    last = group.documents.filter(kind=kind).order_by("-version").first()
    document = GroupDocument.objects.create(
        group=group,
        kind=kind,
        version=(last.version + 1) if last else 1,
        **upload_fields(upload, kind=detected, actor=actor),
    )
    audit.record(
        actor=actor,
        action="create",
        target=group,
        field="document",
        after={"document": document.pk, "kind": kind, "version": document.version},
    )
    return document


@transaction.atomic
def candidate_add(
    *, actor: Actor, group_id: int, owner_id: Any, statement: str = ""
) -> GroupCandidate:
    """Name an owner of the project as a candidate for the first committee; an owner
    barred under seed 000 §23 cannot stand."""
    group = _forming(actor, group_id)
    owner = _owner_of(group.project_id, owner_id)
    errors: FieldErrors = {}
    if owner is None:
        errors["owner_id"] = [_("A candidate must own a part in this project.")]
    elif MemberBar.objects.filter(
        project_id=group.project_id, owner=owner, lifted_on__isnull=True
    ).exists():
        errors["owner_id"] = [
            _("This owner is barred from the committee (seed 000 §23) and cannot stand.")
        ]
    elif group.candidates.filter(owner=owner).exists():
        errors["owner_id"] = [_("This owner is already a candidate.")]
    require(errors)
    assert owner is not None
    candidate = GroupCandidate.objects.create(
        group=group, owner=owner, name=owner.name, statement=(statement or "").strip()
    )
    audit.record_create(actor, candidate)
    return candidate


def publish_problems(group: PreparationGroup) -> list[str]:
    """What keeps the group from publishing: the profile's composition, the two drafts,
    the candidates."""
    profile = profile_of(group.project)
    parties = list(group.members.values_list("party", flat=True))
    problems = [text(p) for p in rules.group_composition(profile, parties).problems]
    present = set(group.documents.values_list("kind", flat=True))
    for kind in REQUIRED_DOCUMENTS:
        if kind not in present:
            problems.append(
                gettext("Upload the draft: %(kind)s.") % {"kind": GroupDocument.Kind(kind).label}
            )
    if not group.candidates.exists():
        problems.append(gettext("Name the candidates for the committee."))
    return problems


@transaction.atomic
def group_publish(
    *,
    actor: Actor,
    group_id: int,
    voting_starts_on: dt.date | None = None,
    voting_ends_on: dt.date | None = None,
) -> PreparationGroup:
    """Publish the drafts, the roll and the candidates for the profile's notice period,
    and put the first assembly's two votes to the owners through the decisions app: the
    adoption of the rules (ordinary matter) and the committee election (民法典 art. 278;
    seed 000 §19; 指导规则: 15日前公告). Voting starts when the publication ends at the
    earliest and lasts at least the profile's minimum."""
    group = _forming(actor, group_id)
    project = group.project
    profile = profile_of(project)
    today = clock.today()
    window = rules.publication_window(profile, today)
    starts = voting_starts_on or max(
        window.ends_on, today + dt.timedelta(days=profile.int_value("decision_notice_days"))
    )
    ends = voting_ends_on or starts + dt.timedelta(
        days=profile.int_value("decision_min_voting_days") - 1
    )
    if starts < window.ends_on:
        raise invalid(
            {
                "voting_starts_on": [
                    gettext("Voting may start on %(day)s at the earliest: %(why)s")
                    % {"day": window.ends_on, "why": text(window.explanation)}
                ]
            }
        )
    problems = publish_problems(group)
    owners = Ownership.objects.filter(part__project=project).aggregate(
        n=Count("owner", distinct=True)
    )["n"]
    area = ExclusivePart.objects.filter(project=project).aggregate(a=Sum("area"))["a"]
    candidates = list(group.candidates.all())
    rules_matter = election = None
    if not problems:
        rules_matter = decisions.matter_create(
            actor=actor,
            project=project,
            kind=Matter.Kind.ORDINARY,
            title=gettext(
                "First owners' assembly: adopt the rules of procedure and the management statute"
            ),  # fmt: skip
            body=gettext("The drafts are published by the preparation group."),
            source_ref=source_ref(group, RULES),
        )
        election = decisions.matter_create(
            actor=actor,
            project=project,
            kind=Matter.Kind.ELECTION,
            title=gettext("First owners' assembly: elect the owners' committee"),
            body=gettext("Candidates named by the preparation group."),
            seats=group.seats,
            source_ref=source_ref(group, ELECTION),
        )
        for candidate in candidates:
            decisions.candidate_add(
                actor=actor,
                matter=election,
                name=candidate.name,
                owner_id=candidate.owner_id,
                statement=candidate.statement,
            )
        for matter in (rules_matter, election):
            decisions.matter_publish(
                actor=actor, matter=matter, voting_starts_on=starts, voting_ends_on=ends
            )
    published: PreparationGroup = transition(
        actor=actor,
        workflow=GROUP_FLOW,
        queryset=PreparationGroup.objects.all(),
        pk=group.pk,
        action="publish",
        changes={
            "published_on": today,
            "publication_ends_on": window.ends_on,
            "roll_owners": owners or 0,
            "roll_area": area or Decimal(0),
            "rules_matter_id": getattr(rules_matter, "pk", None),
            "election_matter_id": getattr(election, "pk", None),
        },
        problems=problems,
    )
    return published


# --- the result ---------------------------------------------------------------------


def _committee_input(profile: Any, day: dt.date, seats: int) -> governance.CommitteeInput:
    return governance.CommitteeInput(
        term_start=day, term_end=rules.term_end(profile, day), seats=seats
    )


def _act_for(actor: Actor, project: Project, reason: str, day: dt.date, basis: Any) -> ActingBody:
    """The residents' committee acts for the owners from ``day`` (one at a time)."""
    if ActingBody.objects.filter(project=project, until__isnull=True).exists():
        raise ConflictError(_("The residents' committee already acts for this project."))
    acting = ActingBody.objects.create(
        project=project,
        node_path=project.node_path,
        reason=reason,
        basis=basis or {},
        since=day,
        created_by=user_of(actor),
    )
    audit.record_create(actor, acting)
    return acting


def _fall_back(actor: Actor, group: PreparationGroup, reason: str, day: dt.date) -> None:
    """No committee: the profile's body takes over (seed 000 §19: 筹备组改设为物业管理委员会;
    seed 004 §19: 居民委员会代行)."""
    project = group.project
    profile = profile_of(project)
    body = rules.fallback_body(profile)
    source = profile.param("assembly_fallback_body").source
    if body == "management_committee":
        owners = list(group.members.filter(owner__isnull=False).values_list("owner_id", flat=True))
        seats = max(group.members.count(), 1)
        governance.formation_apply(
            actor=actor,
            project_id=project.pk,
            action="management_committee_formed",
            on=day,
            committee=_committee_input(profile, day, seats),
        )
        committee = project.committees.get(is_current=True)
        for owner_id in owners:
            governance.member_add(
                actor=actor, committee_id=committee.pk, owner_id=owner_id, position="member"
            )
        changes: dict[str, Any] = {"committee_id": committee.pk, "concluded_on": day}
        action = "management_committee"
    else:
        _act_for(actor, project, reason, day, {"citation": source})
        changes, action = {"concluded_on": day}, "residents_committee"
    transition(
        actor=actor,
        workflow=GROUP_FLOW,
        queryset=PreparationGroup.objects.all(),
        pk=group.pk,
        action=action,
        changes=changes,
        reason=reason,
    )


def _closed(matter_id: int | None) -> Matter | None:
    if matter_id is None:
        return None
    return (
        Matter.objects.select_related("result")
        .filter(pk=matter_id, status__in=(Matter.Status.CLOSED, Matter.Status.RESULT_PUBLISHED))
        .first()
    )


@transaction.atomic
def group_vote_closed(*, actor: Actor, group_id: int) -> PreparationGroup | None:
    """A vote of the first assembly is final. Once both are, the result comes back: the
    rules' adoption is recorded; the elected owners become the owners' committee through
    registry's formation services (term from the profile), or — none elected — the
    profile's fall-back body takes over. Idempotent: a concluded group is left alone."""
    group = PreparationGroup.objects.select_for_update().filter(pk=group_id).first()
    if group is None or group.status != PreparationGroup.Status.PUBLISHED:
        return None
    rules_matter, election = _closed(group.rules_matter_id), _closed(group.election_matter_id)
    if rules_matter is None or election is None:
        return None
    day = election.closed_on or clock.today()
    group.rules_adopted = bool(rules_matter.result.passed)
    group.save(update_fields=["rules_adopted"])
    audit.record(
        actor=actor,
        action="update",
        target=group,
        field="rules_adopted",
        after={"rules_adopted": group.rules_adopted, "matter": rules_matter.pk},
    )
    project = Project.objects.select_related("community").get(pk=group.project_id)
    governance.formation_first_assembly_held(actor=actor, project_id=project.pk, on=day)
    elected_ids = [int(c) for c in (election.result.election or {}).get("elected", [])]
    owners = list(
        election.candidates.filter(pk__in=elected_ids, owner__isnull=False).values_list(
            "owner_id", flat=True
        )
    )
    if not owners:
        _fall_back(actor, group, ActingBody.Reason.NOT_ELECTED, day)
        return PreparationGroup.objects.get(pk=group.pk)
    profile = profile_of(project)
    governance.formation_committee_elected(
        actor=actor,
        project_id=project.pk,
        on=day,
        committee=_committee_input(profile, day, group.seats),
    )
    committee = project.committees.get(is_current=True)
    for owner_id in owners:
        governance.member_add(
            actor=actor, committee_id=committee.pk, owner_id=owner_id, position="member"
        )
    for acting in ActingBody.objects.filter(project=project, until__isnull=True):
        # the residents' committee acts only until a committee is elected (seed 000 §21)
        before = audit.snapshot(acting)
        acting.until = day
        acting.save(update_fields=["until"])
        audit.record_update(actor, acting, before)
    elected: PreparationGroup = transition(
        actor=actor,
        workflow=GROUP_FLOW,
        queryset=PreparationGroup.objects.all(),
        pk=group.pk,
        action="elect",
        changes={"committee_id": committee.pk, "concluded_on": day},
    )
    return elected


@transaction.atomic
def group_file(*, actor: Actor, group_id: int, filed_on: dt.date | None = None) -> PreparationGroup:
    """The street (or the bureau) files the elected committee (备案) through registry's
    service; the group's work is done."""
    group: PreparationGroup = get_visible(PreparationGroup.objects.all(), actor, pk=group_id)
    if group.committee_id is None or group.status != PreparationGroup.Status.COMMITTEE_ELECTED:
        raise ConflictError(_("There is no elected committee to file."))
    governance.committee_file(actor=actor, committee_id=group.committee_id, filed_on=filed_on)
    filed: PreparationGroup = transition(
        actor=actor,
        workflow=GROUP_FLOW,
        queryset=PreparationGroup.objects.all(),
        pk=group.pk,
        action="file",
    )
    return filed


@transaction.atomic
def group_owners_unwilling(*, actor: Actor, group_id: int, on: dt.date | None) -> PreparationGroup:
    """The owners are unwilling to form a committee: the profile's fall-back body acts
    (seed 004 §19: 意愿不强 … 居民委员会代行; 000 §19, 001 §三(四)3: 物业管理委员会)."""
    group = _group_for_update(actor, group_id)
    if not group.is_open:
        raise ConflictError(_("The group's work is concluded."))
    day = on or clock.today()
    if day > clock.today():
        raise invalid({"on": [_("The date cannot be in the future.")]})
    if group.status == PreparationGroup.Status.FORMING and (
        rules.fallback_body(profile_of(group.project)) == "management_committee"
    ):
        raise ConflictError(
            _(
                "Publish the papers first: the group becomes the management committee only "
                "once the assembly has met."
            )  # fmt: skip
        )
    _fall_back(actor, group, ActingBody.Reason.UNWILLING, day)
    return PreparationGroup.objects.get(pk=group.pk)


# --- bars (seed 000 §23) --------------------------------------------------------------


@transaction.atomic
def bar_publish(
    *, actor: Actor, project_id: int, owner_id: Any, reason: str, on: dt.date | None = None
) -> MemberBar:
    """Publish in the project that an owner persistently fails their duties and bar them
    from the committee (seed 000 §23: 经劝告拒不改正的 … 在小区公告并限制进入业主委员会)."""
    project = project_for_official(actor, project_id)
    errors: FieldErrors = {}
    owner = _owner_of(project.pk, owner_id)
    if owner is None:
        errors["owner_id"] = [_("Choose an owner of this project.")]
    elif MemberBar.objects.filter(project=project, owner=owner, lifted_on__isnull=True).exists():
        errors["owner_id"] = [_("This owner is already barred.")]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Say which duties the owner failed after being advised.")]
    day = on or clock.today()
    if day > clock.today():
        errors["on"] = [_("The date cannot be in the future.")]
    require(errors)
    bar = MemberBar.objects.create(
        project=project,
        node_path=project.node_path,
        owner=owner,
        reason=reason,
        published_on=day,
        created_by=user_of(actor),
    )
    audit.record_create(actor, bar)
    return bar


@transaction.atomic
def bar_lift(*, actor: Actor, bar_id: int, on: dt.date | None = None) -> MemberBar:
    """Lift a bar (the owner has corrected their conduct)."""
    bar: MemberBar = get_visible(MemberBar.objects.select_for_update(), actor, pk=bar_id)
    project_for_official(actor, bar.project_id)
    if bar.lifted_on is not None:
        raise ConflictError(_("This bar is already lifted."))
    before = audit.snapshot(bar)
    bar.lifted_on = on or clock.today()
    bar.save(update_fields=["lifted_on"])
    audit.record_update(actor, bar, before)
    return bar
