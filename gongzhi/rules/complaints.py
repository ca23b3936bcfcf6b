"""Complaint rules: the responsibility list (职责清单), routing, deadlines and escalation.

Owns the pure judgements behind ``gongzhi.complaints``:

* :class:`Responsibility` and :func:`parse_responsibilities`, the parser of the profile's
  ``complaint_responsibilities`` table (one entry per category: who is responsible, and for
  a functional department which kind). Seed 000 §5 asks for a 职责清单 "明确各类管理执法事项的
  主管部门"; seed 003 §五 is such a list; 002 §二(一)1(2) names the patrol findings.
* :func:`route`: a category → the responsible party, with its explanation.
* :func:`complaint_deadlines`: acknowledgement and resolution dates in working days
  (``gongzhi.rules.workdays``: statutory holidays off, make-up workdays on).
* :func:`next_tier`: the escalation order community → street → district from the
  profile's ``complaint_tiers`` (top first); seed 002 §二(一)2, 003 §四(二).

No Django here; the app turns ``None``/``False`` results into translated errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from gongzhi.rules.explain import Explanation, gettext_noop, terms
from gongzhi.rules.params import InvalidValue, show
from gongzhi.rules.workdays import Deadline, HolidaySchedule, add_working_days

Party = Literal["company", "committee", "community", "street", "department"]
PARTY_LABELS: dict[str, str] = {
    "company": gettext_noop("Property company"),
    "committee": gettext_noop("Owners' committee"),
    "community": gettext_noop("Community"),
    "street": gettext_noop("Street / town"),
    "department": gettext_noop("Functional department"),
}
"""The msgids of the parties' labels (the complaints app's ``Party`` labels)."""
PARTIES: tuple[Party, ...] = ("company", "committee", "community", "street", "department")
# The functional-department kinds a list may name, with the msgids of their labels
# (jurisdictions.Department.Kind values and labels; a test in the app checks they agree).
DEPARTMENT_KIND_LABELS: dict[str, str] = {
    "housing": gettext_noop("Housing and urban-rural development"),
    "market_regulation": gettext_noop("Market regulation"),
    "urban_management": gettext_noop("Urban management and law enforcement"),
    "public_security": gettext_noop("Public security"),
    "fire_rescue": gettext_noop("Fire and rescue"),
    "emergency": gettext_noop("Emergency management"),
    "health": gettext_noop("Health"),
    "education": gettext_noop("Education"),
    "ecology": gettext_noop("Ecology and environment"),
    "natural_resources": gettext_noop("Natural resources and planning"),
    "human_resources": gettext_noop("Human resources and social security"),
    "civil_affairs": gettext_noop("Civil affairs"),
    "justice": gettext_noop("Justice"),
    "petitions": gettext_noop("Letters and visits"),
    "industry": gettext_noop("Industry and information technology"),
    "culture_tourism": gettext_noop("Culture and tourism"),
    "finance": gettext_noop("Finance"),
    "development_reform": gettext_noop("Development and reform"),
    "utilities": gettext_noop("Utilities (water, power, gas, heating)"),
}
DEPARTMENT_KINDS = tuple(DEPARTMENT_KIND_LABELS)
SHAPE = (
    '{ code = "fire_lane_blocked", label_zh = "占用消防通道", label_en = "Blocked fire lane", '
    'party = "department", department_kind = "fire_rescue", source = "seed 003 §五(一)7" }'
)
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,47}$")
_KEYS = {"code", "label_zh", "label_en", "party", "department_kind", "source"}

_ROUTED = gettext_noop("“%(category)s” is handled by %(party)s under the responsibility list.")
_ROUTED_DEPARTMENT = gettext_noop(
    "“%(category)s” is handled by the functional department (%(kind)s) under the "
    "responsibility list."
)
_DEADLINES = gettext_noop(
    "Acknowledge by %(acknowledge)s (%(acknowledge_days)s working days) and resolve by "
    "%(resolve)s (%(resolve_days)s working days) after %(start)s; statutory holidays are "
    "skipped and make-up workdays count."
)


@dataclass(frozen=True)
class Responsibility:
    """One entry of the responsibility list: a category and who handles it."""

    code: str
    label_zh: str
    label_en: str
    party: Party
    department_kind: str | None
    source: str

    def label(self, language: str) -> str:
        """The label for a language code (Chinese for ``zh*``, English otherwise)."""
        return self.label_zh if language.lower().startswith("zh") else self.label_en


@dataclass(frozen=True)
class Route:
    """Where a category goes, and why (the list entry and its source)."""

    responsibility: Responsibility
    explanation: Explanation


@dataclass(frozen=True)
class ComplaintDeadlines:
    """The acknowledgement and resolution due dates of one complaint."""

    acknowledge: Deadline
    resolve: Deadline
    explanation: Explanation

    @property
    def provisional(self) -> bool:
        return self.acknowledge.provisional or self.resolve.provisional


def _invalid(where: str, expected: str, got: object) -> Exception:
    return InvalidValue(where, expected, show(got))


def _text(entry: Mapping[str, object], index: int, key: str, limit: int) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise _invalid(
            f"[{index}].{key}", f"a non-empty string of at most {limit} characters", value
        )
    return value.strip()


def parse_responsibilities(raw: object) -> tuple[Responsibility, ...]:
    """Parse a list of tables (TOML or the bureau's edited list) into responsibilities.

    Every entry needs a unique ``code`` (lower-case letters, digits, ``_``), both labels,
    a ``party`` and a ``source``; ``department_kind`` is required exactly when the party
    is ``department``. Raises ``InvalidValue`` naming the entry (``[3].party``).
    """
    if not isinstance(raw, list) or not raw:
        raise _invalid("", "a non-empty list of tables like " + SHAPE, raw)
    out: list[Responsibility] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise _invalid(f"[{index}]", "a table like " + SHAPE, entry)
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise _invalid(f"[{index}].{unknown[0]}", f"only the keys {sorted(_KEYS)}", unknown[0])
        code = entry.get("code")
        if not isinstance(code, str) or not _CODE.match(code):
            raise _invalid(f"[{index}].code", "lower-case letters, digits and _ (2-48)", code)
        if code in seen:
            raise _invalid(f"[{index}].code", "a code not used by an earlier entry", code)
        seen.add(code)
        party = entry.get("party")
        if party not in PARTIES:
            raise _invalid(f"[{index}].party", f"one of {list(PARTIES)}", party)
        kind = entry.get("department_kind")
        if party == "department":
            if kind not in DEPARTMENT_KINDS:
                raise _invalid(
                    f"[{index}].department_kind", f"one of {list(DEPARTMENT_KINDS)}", kind
                )
        elif kind not in (None, ""):
            raise _invalid(
                f"[{index}].department_kind", 'nothing unless party is "department"', kind
            )
        out.append(
            Responsibility(
                code=code,
                label_zh=_text(entry, index, "label_zh", 64),
                label_en=_text(entry, index, "label_en", 100),
                party=cast(Party, party),
                department_kind=cast(str, kind) if party == "department" else None,
                source=_text(entry, index, "source", 200),
            )
        )
    return tuple(out)


def dump_responsibilities(items: Iterable[Responsibility]) -> list[dict[str, str]]:
    """The inverse of :func:`parse_responsibilities` (for storing an edited list)."""
    out = []
    for item in items:
        entry = {
            "code": item.code,
            "label_zh": item.label_zh,
            "label_en": item.label_en,
            "party": item.party,
            "source": item.source,
        }
        if item.department_kind:
            entry["department_kind"] = item.department_kind
        out.append(entry)
    return out


def find(table: Sequence[Responsibility], code: str) -> Responsibility | None:
    """The entry of ``code`` or ``None`` (an unknown category)."""
    return next((item for item in table if item.code == code), None)


def route(table: Sequence[Responsibility], code: str) -> Route | None:
    """The responsible party of category ``code``; ``None`` if the list does not know it."""
    item = find(table, code)
    if item is None:
        return None
    if item.party == "department":
        explanation = Explanation.of(
            _ROUTED_DEPARTMENT,
            item.source,
            category=item.label_zh,
            kind=terms(item.department_kind or "", DEPARTMENT_KIND_LABELS),
        )
    else:
        explanation = Explanation.of(
            _ROUTED, item.source, category=item.label_zh, party=terms(item.party, PARTY_LABELS)
        )
    return Route(item, explanation)


def complaint_deadlines(
    start: dt.date,
    *,
    acknowledge_days: int,
    resolve_days: int,
    schedule: HolidaySchedule | None = None,
) -> ComplaintDeadlines:
    """Due dates counted in working days from ``start`` (the day itself is not counted).

    Profile keys ``complaint_acknowledge_working_days`` and
    ``complaint_resolve_working_days``; 民法典 art. 201 for the start day.
    """
    acknowledge = add_working_days(start, acknowledge_days, schedule)
    resolve = add_working_days(start, resolve_days, schedule)
    explanation = Explanation.of(
        _DEADLINES,
        resolve.explanation.citation,
        acknowledge=acknowledge.date.isoformat(),
        acknowledge_days=acknowledge_days,
        resolve=resolve.date.isoformat(),
        resolve_days=resolve_days,
        start=start.isoformat(),
    )
    return ComplaintDeadlines(acknowledge, resolve, explanation)


def next_tier(tiers: Sequence[str], current: str) -> str | None:
    """The level a late complaint at ``current`` escalates to: the tier above it.

    ``tiers`` is the profile's ``complaint_tiers``, top first (district, street,
    community). ``None`` at the top tier or for a level outside the tiers.
    """
    if current not in tiers:
        return None
    index = list(tiers).index(current)
    return tiers[index - 1] if index > 0 else None


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Late once the due day has passed (the due day itself is still in time)."""
    return due is not None and today > due
