"""Demo rows of this app (see gongzhi.demo.extensions).

In the demo committee's project: a repair of the roof paid from the maintenance fund,
voted and closed a month ago with its result published; the renewal of the property
company open for voting now; the election of the next committee open now (the demo
"owner" has not voted in either yet); and a draft elevator retrofit for one building unit.
Matters move through the services (as of past days, :func:`gongzhi.core.clock.frozen`); the other
owners' ballots are bulk-inserted with one revision each, as a cast would leave them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.decisions import services
from gongzhi.decisions.models import Ballot, BallotRevision, Candidate, Matter, RollEntry
from gongzhi.decisions.services.ballots import new_receipt
from gongzhi.demo.extensions import DemoContext
from gongzhi.registry.models import BuildingUnit, Owner, Project

Day = dt.timedelta


def _open(actor: Actor, matter: Matter, published: dt.date, starts: dt.date, ends: dt.date) -> None:
    with clock.frozen(published):
        services.matter_publish(
            actor=actor, matter=matter, voting_starts_on=starts, voting_ends_on=ends
        )
    with clock.frozen(starts):
        services.voting_open(actor=actor, matter=matter)


def _bulk_ballots(
    rng: random.Random,
    matter: Matter,
    *,
    share: float,
    weights: tuple[int, int, int],
    skip_user: int | None,
    candidates: list[Candidate] | None = None,
) -> int:
    """Ballots of a random ``share`` of the roll's persons (not the demo owner)."""
    keys = sorted(
        set(
            RollEntry.objects.filter(matter=matter)
            .exclude(voter_user_id=skip_user)
            .values_list("voter_key", flat=True)
        )
    )
    chosen = [key for key in keys if rng.random() < share]
    now = timezone.now()
    ballots = []
    picks: list[list[Candidate]] = []
    for key in chosen:
        choice = rng.choices(("yes", "no", "abstain"), weights=weights)[0]
        if candidates:
            picked = rng.sample(
                candidates, k=min(matter.seats or 1, rng.randint(1, len(candidates)))
            )
            picked = picked if choice != "abstain" else []
            choice = "yes" if picked else "abstain"
            picks.append(picked)
        ballots.append(
            Ballot(
                matter=matter,
                voter_key=key,
                choice=choice,
                channel=Ballot.Channel.ONLINE,
                receipt=new_receipt(),
                cast_at=now,
            )
        )
    created = Ballot.objects.bulk_create(ballots, batch_size=1000)
    BallotRevision.objects.bulk_create(
        [
            BallotRevision(
                ballot=b,
                version=1,
                choice=b.choice,
                candidate_ids=[c.pk for c in picks[i]] if candidates else [],
                channel=b.channel,
                receipt=b.receipt,
                cast_at=now,
            )
            for i, b in enumerate(created)
        ],
        batch_size=1000,
    )
    if candidates:
        through = Ballot.candidates.through
        through.objects.bulk_create(
            [
                through(ballot_id=b.pk, candidate_id=c.pk)
                for i, b in enumerate(created)
                for c in picks[i]
            ],
            batch_size=1000,
        )
    return len(created)


def populate(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("decisions")
    committee_user = ctx.user("committee")
    actor = actor_for(committee_user)
    grant = next(g for g in actor.grants_of("project"))
    project = Project.objects.get(pk=grant.project_id)
    owner_user = ctx.user("owner").pk
    today = ctx.today
    ballots = 0

    def create(kind: str, title: str, body: str, **extra: Any) -> Matter:
        return services.matter_create(
            actor=actor, project=project, kind=kind, title=title, body=body, **extra
        )

    # 1. Closed a month ago, result published: roof repair from the maintenance fund (000 §33).
    with clock.frozen(today - Day(60)):
        roof = create(
            Matter.Kind.FUND_USE,
            "关于使用专项维修资金维修屋面防水的表决",
            "屋面渗漏，拟使用专项维修资金进行维修，预算及施工方案见附件。",
        )
    _open(actor, roof, today - Day(60), today - Day(44), today - Day(31))
    ballots += _bulk_ballots(rng, roof, share=0.8, weights=(8, 1, 1), skip_user=None)
    with clock.frozen(today - Day(30)):
        services.matter_close(actor=actor, matter=roof)
    with clock.frozen(today - Day(29)):
        services.result_publish(actor=actor, matter=roof)

    # 2. Open now: renewal of the property company (民法典 art. 278 ordinary matter).
    with clock.frozen(today - Day(20)):
        renewal = create(
            Matter.Kind.ORDINARY,
            "关于续聘物业服务企业的表决",
            "现物业服务合同即将到期，业主委员会提议续聘现物业服务企业三年，收费标准不变。",
        )
    _open(actor, renewal, today - Day(20), today - Day(5), today + Day(9))
    ballots += _bulk_ballots(rng, renewal, share=0.55, weights=(6, 3, 1), skip_user=owner_user)

    # 3. Open now: election of the next owners' committee (5 seats, 7 candidates).
    with clock.frozen(today - Day(20)):
        election = create(
            Matter.Kind.ELECTION,
            "第二届业主委员会选举",
            "选举产生第二届业主委员会委员五名。",
            seats=5,
        )
        people = (
            Owner.objects.filter(
                ownerships__part__project=project, kind=Owner.Kind.PERSON, is_developer=False
            )
            .exclude(user_id=owner_user)
            .distinct()
            .order_by("pk")[:30]
        )
        names: dict[str, int] = {}
        for person in people:
            names.setdefault(person.name, person.pk)
        for name, owner_id in list(names.items())[:7]:
            services.candidate_add(actor=actor, matter=election, name=name, owner_id=owner_id)
    _open(actor, election, today - Day(20), today - Day(5), today + Day(9))
    ballots += _bulk_ballots(
        rng,
        election,
        share=0.5,
        weights=(9, 0, 1),
        skip_user=owner_user,
        candidates=list(election.candidates.all()),
    )

    # 4. A draft: adding an elevator to one building unit (000 §34).
    unit = BuildingUnit.objects.filter(project=project, has_elevator=False).order_by("pk").first()
    matters = 3
    if unit is not None:
        create(
            Matter.Kind.ELEVATOR_RETROFIT,
            f"{unit.building.name}{unit.name}加装电梯意见征询",
            "拟在本单元加装电梯，费用按楼层分摊，方案见附件。",
            building_unit=unit,
        )
        matters += 1
    return {
        "decisions.Matter": matters,
        "decisions.RollEntry": RollEntry.objects.filter(matter__project=project).count(),
        "decisions.Ballot": ballots,
    }
