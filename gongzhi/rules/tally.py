"""The offline tally: a JSON scenario in, the verdict as JSON out (the paper check of a
vote held on the platform, seed 000 §18 投票选举, seed 004 §15).

Owns :class:`Scenario`, :func:`parse_scenario` / :func:`load_scenario` (strict validation:
every problem is a :class:`ScenarioError` naming the key and the offending index or id),
:func:`verdict` and :func:`run`, behind ``gongzhi tally FILE.json``. Counting follows
:mod:`gongzhi.rules.counting` (法释〔2009〕7号 arts. 8-9, seed 000 §34); thresholds come from
the profile's decision rule and are judged by :func:`gongzhi.rules.decisions.decide`
(民法典 art. 278, art. 1259 ``ge``/``gt``; seed 000 §33-34; seed 004 §10).

Input::

    {"profile": "national", "matter": "ordinary",
     "scope": {"building": "3", "unit": "2"},          # elevator_retrofit only (required)
     "parts": [{"id": "3-2-101", "area": "89.50", "owner": "o1",
                "building": "3", "unit": "2", "developer_unsold": false}],
     "ballots": [{"voter": "o1", "choice": "yes"}]}

``area`` is a decimal string, more than 0, with at most two decimals (floats are never
read); ``building``, ``unit`` and ``developer_unsold`` are optional. Unknown keys are
errors, so a typo cannot silently change a count.

Output: ``{"passed", "total", "participating", "yes", "unmet"}``; each count is
``{"area": "1234.50", "owners": n}``. ``unmet`` lists, in this order, the thresholds of
the rule that are not met, by the names ``participation_area``, ``participation_owners``,
``approval_area`` and ``approval_owners`` (a threshold the profile does not set is never
listed; approval is against the participating owners, or all owners when the rule's
``approval_base`` is ``total``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from gongzhi.rules.counting import (
    CHOICES,
    Ballot,
    Choice,
    CountingError,
    Part,
    Scope,
    count_votes,
)
from gongzhi.rules.decisions import Criterion, DecisionOutcome, DecisionRule, decide
from gongzhi.rules.profiles import ProfileError, get_profile

#: Matter kinds of the command and the profile decision rule each one reads.
MATTERS: dict[str, str] = {
    "ordinary": "decision_ordinary",
    "major": "decision_major",
    "fund_use": "decision_maintenance_fund_use",
    "forced_exit": "decision_forced_exit",
    "elevator_retrofit": "decision_elevator_retrofit",
}
SCOPED_MATTERS = ("elevator_retrofit",)

#: The names ``unmet`` uses for each criterion of :func:`~gongzhi.rules.decisions.decide`.
UNMET_NAMES: dict[Criterion, str] = {
    "participation_area": "participation_area",
    "participation_headcount": "participation_owners",
    "approval_area": "approval_area",
    "approval_headcount": "approval_owners",
}

_AREA = re.compile(r"\d+(?:\.\d{1,2})?")
_CENT = Decimal("0.01")
_TOP_KEYS = ("profile", "matter", "scope", "parts", "ballots")
_PART_KEYS = ("id", "area", "owner", "building", "unit", "developer_unsold")
_BALLOT_KEYS = ("voter", "choice")
_SCOPE_KEYS = ("building", "unit")


class ScenarioError(ValueError):
    """A scenario that cannot be tallied; the message names the problem."""


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: the rule to apply, the roll, the ballots and the scope."""

    profile: str
    matter: str
    rule: DecisionRule
    scope: Scope | None
    parts: tuple[Part, ...]
    ballots: tuple[Ballot, ...]


def _object(value: object, where: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioError(f"{where} must be a JSON object, not {_kind(value)}")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ScenarioError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"expected {', '.join(allowed)}"
        )
    return cast(Mapping[str, Any], value)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return (
        "an array"
        if isinstance(value, list)
        else "a string"
        if isinstance(value, str)
        else "a value"
    )


def _string(data: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    if key not in data and default is not None:
        return default
    value = data.get(key)
    if not isinstance(value, str) or not value:
        shown = "missing" if key not in data else _kind(value)
        raise ScenarioError(f"{where}: {key!r} must be a non-empty string ({shown})")
    return value


def parse_area(value: object, where: str) -> Decimal:
    """A registered area: a decimal string like ``"89.50"``, more than 0, ≤ 2 decimals."""
    if not isinstance(value, str) or _AREA.fullmatch(value) is None:
        shown = repr(value) if isinstance(value, str) else _kind(value)
        raise ScenarioError(
            f"{where}: area must be a decimal string with at most two decimals "
            f'like "89.50", got {shown}'
        )
    area = Decimal(value)
    if area <= 0:
        raise ScenarioError(f"{where}: area must be more than 0, got {value!r}")
    return area


def _part(index: int, value: object) -> Part:
    where = f"parts[{index}]"
    data = _object(value, where, _PART_KEYS)
    part_id = _string(data, "id", where)
    where = f"parts[{index}] (id {part_id!r})"
    if "area" not in data:
        raise ScenarioError(f"{where}: 'area' is missing")
    area = parse_area(data["area"], where)
    unsold = data.get("developer_unsold", False)
    if not isinstance(unsold, bool):
        raise ScenarioError(f"{where}: 'developer_unsold' must be true or false")
    return Part(
        id=part_id,
        area=area,
        owner=_string(data, "owner", where),
        building=_string(data, "building", where, default=""),
        unit=_string(data, "unit", where, default=""),
        developer_unsold=unsold,
    )


def _ballot(index: int, value: object) -> Ballot:
    where = f"ballots[{index}]"
    data = _object(value, where, _BALLOT_KEYS)
    voter = _string(data, "voter", where)
    choice = data.get("choice")
    if choice not in CHOICES:
        shown = repr(choice) if isinstance(choice, str) else _kind(choice)
        raise ScenarioError(
            f'{where} (voter {voter!r}): choice must be "yes", "no" or "abstain", got {shown}'
        )
    return Ballot(voter, cast(Choice, choice))


def _list(data: Mapping[str, Any], key: str) -> list[object]:
    value = data.get(key)
    if not isinstance(value, list):
        shown = "missing" if key not in data else _kind(value)
        raise ScenarioError(f"{key!r} must be a JSON array ({shown})")
    return value


def parse_scenario(data: object) -> Scenario:
    """Validate a decoded scenario; the first problem raises :class:`ScenarioError`."""
    top = _object(data, "the scenario", _TOP_KEYS)
    profile_id = _string(top, "profile", "the scenario")
    matter = _string(top, "matter", "the scenario")
    if matter not in MATTERS:
        raise ScenarioError(f"unknown matter {matter!r}; expected one of {', '.join(MATTERS)}")
    try:
        rule = get_profile(profile_id).decision_rule(MATTERS[matter])
    except ProfileError as error:
        raise ScenarioError(str(error)) from None
    except ValueError as error:  # the parameter is null in this profile
        raise ScenarioError(f"matter {matter!r}: {error}") from None
    scope: Scope | None = None
    if matter in SCOPED_MATTERS:
        if "scope" not in top:
            raise ScenarioError(f"matter {matter!r} needs a 'scope' with building and unit")
        raw = _object(top["scope"], "scope", _SCOPE_KEYS)
        scope = Scope(_string(raw, "building", "scope"), _string(raw, "unit", "scope"))
    elif "scope" in top:
        raise ScenarioError(
            f"'scope' applies only to {', '.join(SCOPED_MATTERS)}, not to matter {matter!r}"
        )
    parts = tuple(_part(i, value) for i, value in enumerate(_list(top, "parts")))
    ballots = tuple(_ballot(i, value) for i, value in enumerate(_list(top, "ballots")))
    return Scenario(profile_id, matter, rule, scope, parts, ballots)


def _reject_constant(name: str) -> object:
    raise ScenarioError(f"malformed JSON: {name} is not a number")


def load_scenario(text: str) -> Scenario:
    """Decode JSON text (numbers as ``Decimal``, never float) and validate it."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ScenarioError(f"malformed JSON: {error}") from None
    return parse_scenario(data)


def _amount(area: Decimal, owners: int) -> dict[str, object]:
    return {"area": f"{area.quantize(_CENT):f}", "owners": owners}


def outcome(scenario: Scenario) -> DecisionOutcome:
    """Count the scenario's ballots and judge them against its decision rule."""
    try:
        tally = count_votes(scenario.parts, scenario.ballots, scenario.scope)
    except CountingError as error:
        raise ScenarioError(str(error)) from None
    return decide(scenario.rule, tally)


def verdict(scenario: Scenario) -> dict[str, object]:
    """The verdict as a JSON-ready dict (see the module docstring for the shape)."""
    result = outcome(scenario)
    tally = result.tally
    return {
        "passed": result.passed,
        "total": _amount(tally.total_area, tally.total_owners),
        "participating": _amount(tally.participating_area, tally.participating_owners),
        "yes": _amount(tally.yes_area, tally.yes_owners),
        "unmet": [UNMET_NAMES[c.criterion] for c in result.criteria if not c.met],
    }


def run(text: str) -> str:
    """``gongzhi tally``: JSON scenario text in, verdict JSON text out (or ScenarioError)."""
    return json.dumps(verdict(load_scenario(text)), ensure_ascii=False, indent=2)
