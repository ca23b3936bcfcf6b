"""Reads of owners' decisions, scoped to the actor, and the database tally.

The tally is one aggregate over the frozen roll (area and headcount of all, participating
and approving persons; the headcount counts distinct ``voter_key``, so an owner of several
parts counts once and the developer's unsold parts once together, 法释〔2009〕7号 art. 9);
the rules core (:func:`gongzhi.rules.decisions.decide`, :func:`gongzhi.rules.elections.elect`)
judges the totals against the matter's profile rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from gongzhi.core.scoping import Actor, get_visible
from gongzhi.decisions.models import (
    Ballot,
    BallotRevision,
    Candidate,
    Matter,
    PaperBallot,
    Proxy,
    Result,
    RollEntry,
)
from gongzhi.rules.decisions import DecisionOutcome, DecisionRule, Tally, decide
from gongzhi.rules.elections import ElectionOutcome, elect
from gongzhi.rules.profiles import PolicyProfile, get_profile

#: The profile decision rule each kind of matter is judged by.
RULE_KEYS: dict[str, str] = {
    Matter.Kind.ORDINARY: "decision_ordinary",
    Matter.Kind.MAJOR: "decision_major",
    Matter.Kind.FUND_USE: "decision_maintenance_fund_use",
    Matter.Kind.FORCED_EXIT: "decision_forced_exit",
    Matter.Kind.ELEVATOR_RETROFIT: "decision_elevator_retrofit",
    Matter.Kind.ELECTION: "decision_election",
}


def profile_of(matter: Matter) -> PolicyProfile:
    """The profile fixed on the matter at publication, else the project's jurisdiction's."""
    if matter.profile_id:
        return get_profile(matter.profile_id)
    from gongzhi.jurisdictions.selectors import effective_profile

    return effective_profile(matter.project.community)


def rule_of(matter: Matter) -> DecisionRule:
    return profile_of(matter).decision_rule(RULE_KEYS[matter.kind])


def mask_name(name: str) -> str:
    """张三丰 → 张**: enough for a neighbour to recognise a roll line, not to read it."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def matter_list(
    *, actor: Actor, status: str = "", project_id: int | None = None
) -> QuerySet[Matter]:
    qs = Matter.objects.visible_to(actor).select_related("project", "building_unit__building")
    if status:
        qs = qs.filter(status=status)
    if project_id:
        qs = qs.filter(project_id=project_id)
    return qs


def matter_get(*, actor: Actor, pk: int) -> Matter:
    return get_visible(
        Matter.objects.select_related("project__community", "building_unit__building"),
        actor,
        pk=pk,
    )


def _cents(column: str) -> str:
    # Areas are summed as integer fen of a m² (exact on SQLite, whose decimals are REAL).
    return f"CAST(ROUND({column} * 100) AS BIGINT)"


_TALLY_SQL = """
SELECT {group}
       SUM({cents}),
       COUNT(DISTINCT r.voter_key),
       SUM(CASE WHEN b.choice IS NOT NULL THEN {cents} ELSE 0 END),
       COUNT(DISTINCT CASE WHEN b.choice IS NOT NULL THEN r.voter_key END),
       SUM(CASE WHEN b.choice = %s THEN {cents} ELSE 0 END),
       COUNT(DISTINCT CASE WHEN b.choice = %s THEN r.voter_key END)
FROM {roll} r
LEFT JOIN {ballot} b ON b.matter_id = r.matter_id AND b.voter_key = r.voter_key
WHERE r.matter_id = %s
{group_by}
"""


def _tally_rows(matter: Matter, by_building: bool) -> list[tuple[Any, ...]]:
    sql = _TALLY_SQL.format(
        group="r.building," if by_building else "",
        group_by="GROUP BY r.building ORDER BY r.building" if by_building else "",
        cents=_cents("r.area"),
        roll=RollEntry._meta.db_table,
        ballot=Ballot._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Ballot.Choice.YES, Ballot.Choice.YES, matter.pk])
        return list(cursor.fetchall())


def _tally(row: tuple[Any, ...]) -> Tally:
    def area(cents: Any) -> Decimal:
        return Decimal(int(cents or 0)).scaleb(-2)

    return Tally(
        total_area=area(row[0]),
        total_owners=int(row[1] or 0),
        participating_area=area(row[2]),
        participating_owners=int(row[3] or 0),
        yes_area=area(row[4]),
        yes_owners=int(row[5] or 0),
    )


def db_tally(matter: Matter) -> Tally:
    """The totals of a matter in one aggregate over its frozen roll and ballots.

    Headcounts count distinct ``voter_key`` (one person per owner, the developer's unsold
    parts one person together); a person took part if they have a ballot, approved if it
    says yes (an election ballot naming anyone says yes).
    """
    return _tally(_tally_rows(matter, by_building=False)[0])


@dataclass(frozen=True)
class BuildingTotals:
    building: str
    tally: Tally


def per_building(matter: Matter) -> list[BuildingTotals]:
    """Totals per building (an owner with parts in two buildings counts in each)."""
    return [BuildingTotals(row[0], _tally(row[1:])) for row in _tally_rows(matter, True)]


def election_tallies(matter: Matter) -> dict[str, Tally]:
    """Each candidate's tally (keyed by candidate id as text) from the roll and ballots."""
    area: dict[str, Decimal] = {}
    for key, value in (
        RollEntry.objects.filter(matter_id=matter.pk)
        .values("voter_key")
        .order_by()
        .annotate(area=Sum("area"))
        .values_list("voter_key", "area")
    ):
        area[key] = value
    ballots = Ballot.objects.filter(matter_id=matter.pk).prefetch_related("candidates")
    chosen = {b.voter_key: {str(c.pk) for c in b.candidates.all()} for b in ballots}
    total_area = sum(area.values(), Decimal(0))
    participating_area = sum((area[key] for key in chosen), Decimal(0))
    out: dict[str, Tally] = {}
    for candidate_id in matter.candidates.values_list("pk", flat=True):
        yes = [key for key, ids in chosen.items() if str(candidate_id) in ids]
        out[str(candidate_id)] = Tally(
            total_area=total_area,
            total_owners=len(area),
            participating_area=participating_area,
            participating_owners=len(chosen),
            yes_area=sum((area[key] for key in yes), Decimal(0)),
            yes_owners=len(yes),
        )
    return out


def election_outcome(matter: Matter) -> ElectionOutcome:
    return elect(rule_of(matter), matter.seats or 1, election_tallies(matter))


def progress(matter: Matter) -> DecisionOutcome:
    """The live count judged against the rule (pages show only its participation part)."""
    return decide(rule_of(matter), db_tally(matter))


def roll(*, actor: Actor, matter: Matter) -> QuerySet[RollEntry]:
    return RollEntry.objects.visible_to(actor).filter(matter_id=matter.pk)


def voter_keys(*, actor: Actor, matter: Matter) -> list[str]:
    """The persons the actor votes for on ``matter``: their own and those by proxy."""
    if not actor.is_authenticated:
        return []
    own = RollEntry.objects.filter(matter_id=matter.pk, voter_user_id=actor.user_id)
    keys = set(own.values_list("voter_key", flat=True))
    keys.update(
        Proxy.objects.filter(matter_id=matter.pk, agent_id=actor.user_id).values_list(
            "voter_key", flat=True
        )
    )
    return sorted(keys)


def ballots_of(*, actor: Actor, matter: Matter) -> list[Ballot]:
    keys = voter_keys(actor=actor, matter=matter)
    return list(
        Ballot.objects.filter(matter_id=matter.pk, voter_key__in=keys).prefetch_related(
            "candidates"
        )
    )


def my_matters(*, actor: Actor) -> QuerySet[Matter]:
    """Matters the owner may vote on or has voted on (through the frozen roll or a proxy),
    and the published ones still in their notice period; seen through the owner grant only
    (a proxy holder needs an account with the owner role)."""
    user_id = actor.user_id
    on_roll = RollEntry.objects.filter(voter_user_id=user_id).values("matter_id")
    proxied = Proxy.objects.filter(agent_id=user_id).values("matter_id")
    return (
        Matter.objects.visible_to(actor.with_grant_kinds("owner"))
        .filter(Q(pk__in=on_roll) | Q(pk__in=proxied) | Q(status=Matter.Status.PUBLISHED))
        .select_related("project")
    )


def receipt_lookup(*, actor: Actor, code: str) -> BallotRevision | None:
    """The ballot version with this receipt code, if the actor may see it."""
    code = code.strip().upper().replace("-", "").replace(" ", "")
    if not code:
        return None
    return (
        BallotRevision.objects.visible_to(actor)
        .select_related("ballot__matter")
        .filter(receipt=code)
        .first()
    )


def pending_paper(*, actor: Actor, matter: Matter) -> QuerySet[PaperBallot]:
    return PaperBallot.objects.visible_to(actor).filter(
        matter_id=matter.pk, confirmed_at__isnull=True
    )


def result_of(matter: Matter) -> Result | None:
    return Result.objects.filter(matter_id=matter.pk).first()


def candidates_of(matter: Matter) -> list[Candidate]:
    return list(matter.candidates.all())


def export_rows(matter: Matter) -> Iterable[tuple[Any, ...]]:
    """One row per roll entry: part, area, building, unit, voter key, choice, receipt."""
    ballots = {
        b.voter_key: b
        for b in Ballot.objects.filter(matter_id=matter.pk).prefetch_related("candidates")
    }
    for entry in RollEntry.objects.filter(matter_id=matter.pk).order_by("building", "part_number"):
        ballot = ballots.get(entry.voter_key)
        candidates = (
            ";".join(str(c.pk) for c in ballot.candidates.all())
            if ballot and matter.is_election
            else ""
        )
        yield (
            entry.part_number,
            entry.area,
            entry.building,
            entry.unit,
            entry.voter_key,
            entry.developer_unsold,
            ballot.choice if ballot else "",
            candidates,
            ballot.receipt if ballot else "",
        )


def tally_scenario(matter: Matter) -> dict[str, Any]:
    """The matter as a ``gongzhi tally`` scenario (rules/tally.py format) for auditors.

    Not for elections: the command judges one question, not candidates."""
    kind = str(matter.kind)
    parts = []
    for entry in RollEntry.objects.filter(matter_id=matter.pk).order_by("pk"):
        parts.append(
            {
                "id": entry.part_number,
                "area": f"{entry.area:.2f}",
                "owner": entry.voter_key,
                "building": entry.building or "-",
                "unit": entry.unit or "-",
                "developer_unsold": entry.developer_unsold,
            }
        )
    ballots = [
        {"voter": b.voter_key, "choice": b.choice}
        for b in Ballot.objects.filter(matter_id=matter.pk).order_by("cast_at", "pk")
    ]
    scenario: dict[str, Any] = {"profile": profile_of(matter).id, "matter": kind}
    if kind == Matter.Kind.ELEVATOR_RETROFIT and parts:
        scenario["scope"] = {"building": parts[0]["building"], "unit": parts[0]["unit"]}
    scenario["parts"] = parts
    scenario["ballots"] = ballots
    return scenario
