"""Writes of ballots: online casting, paper ballots (four eyes), written proxies (委托).

One ballot per person per matter is held by the unique constraint ``ballot_one_per_voter``;
a cast locks the matter row (``select_for_update``), so it is serialised with other casts
and with the close, and the last ballot before the close stands (seed 000 §18; 004 §15).
Every version is kept in :class:`~gongzhi.decisions.models.BallotRevision` with its own
receipt code.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.attachments import upload_kind
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.decisions.models import (
    Ballot,
    BallotRevision,
    Matter,
    PaperBallot,
    Proxy,
    RollEntry,
)
from gongzhi.decisions.services import roll
from gongzhi.decisions.services.matters import _matter_for_update, _pk
from gongzhi.decisions.workflow import is_organiser
from gongzhi.registry.models import Owner

#: Receipt alphabet without look-alikes (0/O, 1/I/L).
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class PostedChoice:
    """A vote form's ``choice`` values as posted, read once the matter is known: for an
    election the ticked candidates (none: abstain), otherwise the yes/no/abstain value (the
    last one, as a form reads a field posted twice). A page passes this to
    :func:`ballot_cast` instead of reading the matter first."""

    values: tuple[str, ...]

    def of(self, matter: Matter) -> str | list[str] | None:
        if matter.is_election:
            return list(self.values)
        return self.values[-1] if self.values else None


ChoiceIn = str | Sequence[int] | Sequence[str] | PostedChoice | None


def new_receipt() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def _open_matter(actor: Actor, matter: Matter | int, *, project: bool = True) -> Matter:
    found = _matter_for_update(actor, matter, project=project)
    if found.status != Matter.Status.VOTING:
        raise ConflictError(_("This matter is not open for voting."))
    if found.voting_ends_on is not None and clock.today() > found.voting_ends_on:
        raise ConflictError(_("Voting on this matter has ended."))
    return found


def clean_choice(matter: Matter, choice: ChoiceIn) -> tuple[str, list[int]]:
    """A yes/no/abstain choice, or for an election the set of candidate ids (≤ seats)."""
    if isinstance(choice, PostedChoice):
        choice = choice.of(matter)
    if not matter.is_election:
        if choice not in Ballot.Choice.values:
            raise invalid({"choice": [_("Choose agree, disagree or abstain.")]})
        return str(choice), []
    if isinstance(choice, str) or choice is None:
        raise invalid({"choice": [_("Choose the candidates you vote for.")]})
    try:
        ids = sorted({int(c) for c in choice})
    except (TypeError, ValueError):
        raise invalid({"choice": [_("Choose the candidates you vote for.")]}) from None
    known = set(matter.candidates.filter(pk__in=ids).values_list("pk", flat=True))
    if known != set(ids):
        raise invalid({"choice": [_("Vote only for the listed candidates.")]})
    if len(ids) > (matter.seats or 0):
        raise invalid(
            {"choice": [_("Vote for at most %(seats)s candidates.") % {"seats": matter.seats}]}
        )
    return (Ballot.Choice.YES if ids else Ballot.Choice.ABSTAIN), ids


def _store(
    actor: Actor,
    matter: Matter,
    key: str,
    choice: str,
    candidate_ids: list[int],
    channel: str,
    voter_user_id: int | None = None,
) -> Ballot:
    """Create or update the person's ballot and add a revision (the matter row is locked)."""
    now = clock.now()
    receipt = new_receipt()
    if voter_user_id is None:
        voter_user_id = (
            RollEntry.objects.filter(matter_id=matter.pk, voter_key=key)
            .exclude(voter_user_id=None)
            .order_by("pk")
            .values_list("voter_user_id", flat=True)
            .first()
        )
    # No default ordering: it would join the matter (its ordering) and lock that row again.
    ballot = (
        Ballot.objects.select_for_update()
        .filter(matter_id=matter.pk, voter_key=key)
        .order_by("pk")
        .first()
    )
    created = False
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    matter=matter,
                    voter_key=key,
                    choice=choice,
                    channel=channel,
                    receipt=receipt,
                    voter_user_id=voter_user_id,
                    cast_by=user_of(actor),
                    cast_at=now,
                )
                created = True
        except IntegrityError:  # a concurrent first cast won; ours becomes the next version
            ballot = Ballot.objects.select_for_update().get(matter_id=matter.pk, voter_key=key)
    if not created:
        ballot.version += 1
        ballot.choice = choice
        ballot.channel = channel
        ballot.receipt = receipt
        ballot.cast_by = user_of(actor)
        ballot.cast_at = now
        ballot.save(update_fields=["version", "choice", "channel", "receipt", "cast_by", "cast_at"])
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    if matter.is_election:
        ballot.candidates.set(candidate_ids)
    BallotRevision.objects.create(
        ballot=ballot,
        version=ballot.version,
        choice=choice,
        candidate_ids=candidate_ids,
        channel=channel,
        receipt=receipt,
        cast_by=user_of(actor),
        cast_at=now,
    )
    # The audit row says that a ballot was cast, never how (secret ballot).
    audit.record(
        actor=actor,
        action=action,
        target=matter,
        field="ballot",
        after={"voter": key, "version": ballot.version, "channel": channel},
    )
    return ballot


@transaction.atomic
def ballot_cast(
    *, actor: Actor, matter: Matter | int, choice: ChoiceIn, voter_key: str | None = None
) -> list[Ballot]:
    """Cast or change the actor's vote (owner on the phone); the last one before close stands.

    The actor votes for every person they are on the frozen roll as (usually one), or with
    ``voter_key`` for one of them or for a person whose written proxy names them.
    """
    found = _open_matter(actor, matter, project=False)
    own = set(
        RollEntry.objects.filter(matter_id=found.pk, voter_user_id=actor.user_id)
        .order_by()
        .values_list("voter_key", flat=True)
    )
    keys = own
    if voter_key is not None and voter_key not in own:
        keys = own | set(
            Proxy.objects.filter(matter_id=found.pk, agent_id=actor.user_id)
            .order_by()
            .values_list("voter_key", flat=True)
        )
    if voter_key is not None:
        if voter_key not in keys:
            raise PermissionDeniedError(_("You may not vote for this owner."))
        targets = [voter_key]
    else:
        targets = sorted(own)
    if not targets:
        raise PermissionDeniedError(_("You are not on the roll of this vote."))
    clean, candidate_ids = clean_choice(found, choice)
    channel = Ballot.Channel.ONLINE if all(k in own for k in targets) else Ballot.Channel.PROXY
    return [
        _store(
            actor, found, key, clean, candidate_ids, channel, actor.user_id if key in own else None
        )
        for key in targets
    ]


def _require_organiser(actor: Actor, matter: Matter) -> None:
    if not is_organiser(actor, matter.project):
        raise PermissionDeniedError(_("Only the organiser of this vote may do this."))


@transaction.atomic
def paper_ballot_enter(
    *,
    actor: Actor,
    matter: Matter | int,
    part_number: str,
    choice: ChoiceIn,
    scan: UploadedFile | None,
) -> PaperBallot:
    """Enter a paper ballot (named by the voter's part number) with its scan; it counts once
    another person confirms it. The ballot speaks for the person the part counts for."""
    found = _open_matter(actor, matter)
    _require_organiser(actor, found)
    errors: FieldErrors = {}
    entry = RollEntry.objects.filter(matter_id=found.pk, part_number=part_number.strip()).first()
    voter_key = entry.voter_key if entry else ""
    if entry is None:
        errors["part_number"] = [_("This exclusive part is not on the roll.")]
    upload_kind(scan, errors, field="scan")
    clean, candidate_ids = clean_choice(found, choice)
    if errors:
        raise invalid(errors)
    paper = PaperBallot.objects.create(
        matter=found,
        voter_key=voter_key,
        choice=clean,
        candidate_ids=candidate_ids,
        scan=scan,
        entered_by=actor.user,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=found,
        field="paper_ballot",
        after={"paper_ballot": paper.pk, "voter": voter_key},
    )
    return paper


@transaction.atomic
def paper_ballot_confirm(*, actor: Actor, paper_ballot: PaperBallot | int) -> Ballot:
    """A second person confirms a paper ballot against its scan; only then it counts."""
    paper = get_visible(PaperBallot.objects.all(), actor, pk=_pk(paper_ballot))
    found = _open_matter(actor, paper.matter_id)
    _require_organiser(actor, found)
    paper = PaperBallot.objects.select_for_update().get(pk=paper.pk)
    if paper.confirmed_at is not None:
        raise ConflictError(_("This paper ballot is already confirmed."))
    if paper.entered_by_id == actor.user_id:
        raise PermissionDeniedError(
            _("A paper ballot must be confirmed by someone other than who entered it.")
        )
    PaperBallot.objects.filter(pk=paper.pk).update(
        confirmed_by=actor.user, confirmed_at=clock.now()
    )
    return _store(
        actor, found, paper.voter_key, paper.choice, list(paper.candidate_ids), Ballot.Channel.PAPER
    )


@transaction.atomic
def proxy_record(
    *,
    actor: Actor,
    matter: Matter | int,
    owner_id: int,
    agent_mobile: str,
    document: UploadedFile | None,
) -> Proxy:
    """Record a written proxy (委托书) with its document: the agent may vote for the owner.

    The proxy names the person the owner counts as on the roll (法释〔2009〕7号 art. 9:
    the developer, or the owner) and is refused for an owner the roll does not count.
    """
    found = _matter_for_update(actor, matter)
    _require_organiser(actor, found)
    if found.status not in (Matter.Status.PUBLISHED, Matter.Status.VOTING):
        raise ConflictError(_("Proxies are recorded before or during the vote."))
    errors: FieldErrors = {}
    owner = Owner.objects.filter(pk=owner_id, ownerships__part__project_id=found.project_id).first()
    voter_key = ""
    if owner is None:
        errors["owner_id"] = [_("Choose an owner of this project.")]
    else:
        # The voter the roll counts (法释〔2009〕7号 art. 9): before the vote opens, the
        # register as the roll would freeze it, so that a proxy recorded during the notice
        # period names a voter the frozen roll has (a part not yet delivered counts for the
        # developer, not for its buyer).
        voter_key = roll.owner_voter_key(found, owner)
        if not roll.roll_counts(found, owner):
            errors["owner_id"] = [_("This owner is not on the roll.")]
        elif Proxy.objects.filter(matter_id=found.pk, voter_key=voter_key).exists():
            errors["owner_id"] = [_("A proxy is already recorded for this owner.")]
    agent: Any = (
        get_user_model()
        .objects.filter(
            mobile=(agent_mobile or "").strip(),
            is_active=True,
            memberships__role=Role.OWNER,
            memberships__is_active=True,
        )
        .first()
    )
    if agent is None:
        errors["agent_mobile"] = [_("No owner account has this mobile number.")]
    upload_kind(document, errors, field="document")
    if errors:
        raise invalid(errors)
    proxy = Proxy.objects.create(
        matter=found,
        voter_key=voter_key,
        agent=agent,
        document=document,
        recorded_by=user_of(actor),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=found,
        field="proxy",
        after={"proxy": proxy.pk, "voter": voter_key, "agent": agent.pk},
    )
    return proxy
