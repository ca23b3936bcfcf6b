"""Tallying a closed matter into its :class:`~gongzhi.decisions.models.Result`.

The database sums (``selectors.db_tally``, ``selectors.per_building``); the rules core
judges (``decide``, and ``elect`` per candidate for an election). 民法典 arts. 278, 1259.
"""

from __future__ import annotations

from typing import Any

from gongzhi.core.explain import stored
from gongzhi.decisions import selectors
from gongzhi.decisions.models import Matter, Result
from gongzhi.rules.elections import ElectionOutcome
from gongzhi.rules.tally import UNMET_NAMES


def _amount(area: Any, owners: int) -> dict[str, Any]:
    return {"area": f"{area:.2f}", "owners": owners}


def _election_json(outcome: ElectionOutcome, names: dict[str, str]) -> dict[str, Any]:
    return {
        "seats": outcome.seats,
        "elected": [int(c) for c in outcome.elected],
        "runoff": [int(c) for c in outcome.runoff],
        "candidates": [
            {
                "id": int(r.candidate),
                "name": names.get(r.candidate, r.candidate),
                "passed": r.passed,
                "yes": _amount(r.outcome.tally.yes_area, r.outcome.tally.yes_owners),
                "unmet": [UNMET_NAMES[c.criterion] for c in r.outcome.criteria if not c.met],
            }
            for r in outcome.candidates
        ],
    }


def tally_matter(matter: Matter) -> Result:
    """Count the matter from the database and store its :class:`Result` (exact arithmetic)."""
    rule = selectors.rule_of(matter)
    outcome = selectors.progress(matter)
    tally = outcome.tally
    unmet = [UNMET_NAMES[c.criterion] for c in outcome.criteria if not c.met]
    passed = outcome.passed
    election: dict[str, Any] = {}
    if matter.is_election:
        names = {str(c.pk): c.name for c in matter.candidates.all()}
        chosen = selectors.election_outcome(matter)
        election = _election_json(chosen, names)
        passed = bool(chosen.elected)
        unmet = [n for n in unmet if n.startswith("participation")]
    buildings = [
        {
            "building": b.building,
            "total": _amount(b.tally.total_area, b.tally.total_owners),
            "participating": _amount(b.tally.participating_area, b.tally.participating_owners),
            "yes": _amount(b.tally.yes_area, b.tally.yes_owners),
        }
        for b in selectors.per_building(matter)
    ]
    return Result.objects.create(
        matter=matter,
        total_area=tally.total_area,
        total_owners=tally.total_owners,
        participating_area=tally.participating_area,
        participating_owners=tally.participating_owners,
        yes_area=tally.yes_area,
        yes_owners=tally.yes_owners,
        passed=passed,
        unmet=unmet,
        explanation=[stored(c.explanation) for c in outcome.criteria]
        + [stored(outcome.explanation)],
        per_building=buildings,
        election=election,
        rule=f"{selectors.RULE_KEYS[matter.kind]}: {rule.describe()}"[:300],
    )
