"""The policy-profile schema: every parameter key, its type, bounds and meaning, in one place.

Owns :data:`SCHEMA` (one :class:`ParamSpec` per key), the coercion of raw TOML values into
exact Python values (``Fraction``, integer fen, :class:`~gongzhi.rules.thresholds.Threshold`,
:class:`~gongzhi.rules.decisions.DecisionRule`, :class:`~gongzhi.rules.params.GradeBand`),
and the checks across keys that only make sense once inheritance is resolved. A "table"
parameter is parsed by its domain's rule module (``credit.parse_catalogue``,
``assessments.parse_form``, ``complaints.parse_responsibilities`` …), which this module
imports; those modules import only ``params`` from the profile side, never this package,
so the rules core has no import cycle. Where each
number comes from (民法典, 物业管理条例, the seeds, or a "Gongzhi default") is written in the
profile files, next to the value; docs/profiles.md lists every key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, cast

from gongzhi.rules import assessments as assessment_rules
from gongzhi.rules import complaints as complaint_rules
from gongzhi.rules import credit as credit_rules
from gongzhi.rules import disclosure as disclosure_rules
from gongzhi.rules import lifecycle as lifecycle_rules
from gongzhi.rules import periods as period_rules
from gongzhi.rules import surveys as survey_rules
from gongzhi.rules.decisions import ApprovalBase, DecisionRule
from gongzhi.rules.exact import format_percent, parse_percent, parse_ratio
from gongzhi.rules.money import MoneyError, format_fen, parse_yuan
from gongzhi.rules.params import GradeBand, show

# Apps that parse a table entry themselves report it with the schema's error type.
from gongzhi.rules.params import InvalidValue as InvalidValue
from gongzhi.rules.thresholds import COMPARATORS, Comparator, Threshold

LEVELS = ("city", "district", "new_area", "new_city", "street", "community")
"""Jurisdiction level keys; a profile's ``jurisdiction_levels`` lists some of them, top first."""
LEVEL_RANK = {"city": 0, "new_area": 0, "district": 1, "new_city": 1, "street": 2, "community": 3}
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly")

Kind = Literal[
    "int",
    "ratio",
    "percent",
    "threshold",
    "decision",
    "money",
    "strings",
    "levels",
    "bool",
    "choice",
    "grade",
    "bands",
    "table",
]
# A "table" parameter's parser: raw TOML (a list of tables) → a tuple of frozen values of
# the domain's own type; raises InvalidValue naming the entry ("[3].points") and problem.
TableParser = Callable[[object], tuple[object, ...]]
ParamValue = (
    int
    | bool
    | str
    | Fraction
    | Threshold
    | DecisionRule
    | tuple[str, ...]
    | tuple[GradeBand, ...]
    | tuple[object, ...]
    | None
)


@dataclass(frozen=True)
class ParamSpec:
    """One parameter: its key, type, bounds and a one-line English meaning."""

    key: str
    kind: Kind
    doc: str
    group: str
    nullable: bool = False
    minimum: int | Fraction | None = None
    maximum: int | Fraction | None = None
    choices: tuple[str, ...] = ()
    parser: TableParser | None = None  # for kind "table"
    shape: str = ""  # for kind "table": what one entry looks like, for messages and docs

    def expected(self) -> str:
        """What a valid value looks like, for error messages and the docs."""
        text = _EXPECTED[self.kind](self)
        return f"{text} (or null = true)" if self.nullable else text

    def coerce(self, raw: object) -> ParamValue:
        """The exact value for ``raw``; raises :class:`InvalidValue`."""
        return _COERCE[self.kind](self, raw)


def _bounds(spec: ParamSpec, show_value: Callable[[int | Fraction], str]) -> str:
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return f" between {show_value(low)} and {show_value(high)}"
    if low is not None:
        return f" ≥ {show_value(low)}"
    if high is not None:
        return f" ≤ {show_value(high)}"
    return ""


def _money_bound(value: int | Fraction) -> str:
    return format_fen(int(value))


_THRESHOLD = (
    '{ ratio = "2/3", comparator = "ge" } with comparator "ge" (以上) or "gt" (过半数/超过)'
)
_EXPECTED: dict[Kind, Callable[[ParamSpec], str]] = {
    "int": lambda s: "an integer" + _bounds(s, str),
    "ratio": lambda s: 'a ratio string like "2/3"' + _bounds(s, str),
    "percent": lambda s: (
        'a percentage string like "5%"' + _bounds(s, lambda v: format_percent(Fraction(v)))
    ),
    "threshold": lambda s: _THRESHOLD,
    "decision": lambda s: (
        "a table of participation_area, participation_headcount, "
        'approval_area, approval_headcount thresholds and approval_base ("participating" or '
        '"total")'
    ),
    "money": lambda s: (
        'a yuan amount as a string like "300000" or "0.25"' + _bounds(s, _money_bound)
    ),
    "strings": lambda s: "a list of non-empty strings",
    "levels": lambda s: "a list of level keys, top level first, from " + ", ".join(LEVELS),
    "bool": lambda s: "true or false",
    "choice": lambda s: "one of " + ", ".join(f'"{c}"' for c in s.choices),
    "grade": lambda s: "a grade label from credit_grade_bands",
    "bands": lambda s: (
        'a list of { grade = "A", min_score = 90 } tables, best grade first, '
        "min_score strictly decreasing to 0"
    ),
    "table": lambda s: f"a list of tables like {s.shape}",
}


Coerce = Callable[[ParamSpec, object], ParamValue]
"""How one kind turns a raw TOML value into its exact value; raises :class:`InvalidValue`."""


def _refused(spec: ParamSpec, raw: object, also: str = "") -> InvalidValue:
    """``raw`` is not what ``spec`` expects (``also``: what more a valid value needs)."""
    return InvalidValue("", spec.expected() + also, show(raw))


def _check_bounds(spec: ParamSpec, value: int | Fraction, raw: object) -> None:
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        raise _refused(spec, raw)


def _accepting(test: Callable[[object], bool]) -> Coerce:
    """A kind whose TOML value is the value itself, when ``test`` accepts it (an integer,
    true or false, a grade label) and it lies within the spec's bounds."""

    def coerce(spec: ParamSpec, raw: object) -> ParamValue:
        if not test(raw):
            raise _refused(spec, raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            _check_bounds(spec, raw, raw)
        return cast(ParamValue, raw)

    return coerce


def _parsing(
    parse: Callable[[str], int | Fraction], error: type[ValueError] = ValueError
) -> Coerce:
    """A kind written as a string that ``parse`` reads (a ratio, a percentage, a yuan
    amount), within the spec's bounds."""

    def coerce(spec: ParamSpec, raw: object) -> ParamValue:
        if not isinstance(raw, str):
            raise _refused(spec, raw)
        try:
            value = parse(raw)
        except error:
            raise _refused(spec, raw) from None
        _check_bounds(spec, value, raw)
        return value

    return coerce


def threshold_from_raw(raw: object, where: str = "") -> Threshold:
    """``{ ratio = "2/3", comparator = "ge" }`` → :class:`Threshold`."""
    prefix = f"{where}." if where else ""
    if not isinstance(raw, Mapping):
        raise InvalidValue(where, _THRESHOLD, show(raw))
    unknown = sorted(set(raw) - {"ratio", "comparator"})
    if unknown:
        raise InvalidValue(prefix + unknown[0], 'only "ratio" and "comparator"', show(unknown[0]))
    ratio_raw, comparator = raw.get("ratio"), raw.get("comparator")
    try:
        if not isinstance(ratio_raw, str):
            raise ValueError
        ratio = parse_ratio(ratio_raw)
        if not 0 < ratio <= 1:
            raise ValueError
    except ValueError:
        raise InvalidValue(
            prefix + "ratio", 'a ratio string like "2/3", above 0 and at most 1', show(ratio_raw)
        ) from None
    if comparator not in COMPARATORS:
        raise InvalidValue(
            prefix + "comparator",
            '"ge" (以上, inclusive) or "gt" (过半数, exclusive)',
            show(comparator),
        )
    if comparator == "gt" and ratio == 1:
        raise InvalidValue(prefix + "comparator", '"ge" when ratio is 1', show(comparator))
    return Threshold(ratio, cast(Comparator, comparator))


_DECISION_KEYS = (
    "participation_area",
    "participation_headcount",
    "approval_area",
    "approval_headcount",
)


def _decision(spec: ParamSpec, raw: object) -> DecisionRule:
    if not isinstance(raw, Mapping):
        raise _refused(spec, raw)
    unknown = sorted(set(raw) - {*_DECISION_KEYS, "approval_base"})
    if unknown:
        raise InvalidValue(
            unknown[0], "one of " + ", ".join([*_DECISION_KEYS, "approval_base"]), "unknown key"
        )
    thresholds = {
        key: threshold_from_raw(raw[key], key) if key in raw else None for key in _DECISION_KEYS
    }
    base = raw.get("approval_base", "participating")
    if base not in ("participating", "total"):
        raise InvalidValue("approval_base", '"participating" or "total"', show(base))
    if thresholds["approval_area"] is None and thresholds["approval_headcount"] is None:
        raise InvalidValue("", "at least one of approval_area, approval_headcount", "neither")
    return DecisionRule(
        thresholds["participation_area"],
        thresholds["participation_headcount"],
        thresholds["approval_area"],
        thresholds["approval_headcount"],
        cast(ApprovalBase, base),
    )


def _strings(spec: ParamSpec, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise _refused(spec, raw)
    if len(set(raw)) != len(raw):
        raise _refused(spec, raw, " without repeats")
    return tuple(raw)


def _levels(spec: ParamSpec, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < 2 or not all(x in LEVELS for x in raw):
        raise _refused(spec, raw, " (at least two)")
    ranks = [LEVEL_RANK[x] for x in raw]
    if any(a >= b for a, b in zip(ranks, ranks[1:], strict=False)):
        raise InvalidValue(
            "", "levels ordered from the top (city/new_area) down to community", show(raw)
        )
    return tuple(raw)


def _choice(spec: ParamSpec, raw: object) -> str:
    if raw not in spec.choices:
        raise _refused(spec, raw)
    return cast(str, raw)


def _bands(spec: ParamSpec, raw: object) -> tuple[GradeBand, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise _refused(spec, raw, " (at least two)")
    bands: list[GradeBand] = []
    for index, item in enumerate(raw):
        ok = (
            isinstance(item, Mapping)
            and set(item) == {"grade", "min_score"}
            and isinstance(item["grade"], str)
            and item["grade"].strip()
            and isinstance(item["min_score"], int)
            and not isinstance(item["min_score"], bool)
            and item["min_score"] >= 0
        )
        if not ok:
            raise InvalidValue(
                f"[{index}]", '{ grade = "A", min_score = 90 } with min_score ≥ 0', show(item)
            )
        bands.append(GradeBand(item["grade"], item["min_score"]))
    scores = [band.min_score for band in bands]
    if any(a <= b for a, b in zip(scores, scores[1:], strict=False)) or scores[-1] != 0:
        raise _refused(spec, raw)
    if len({band.grade for band in bands}) != len(bands):
        raise _refused(spec, raw, " with distinct grades")
    return tuple(bands)


def _table(spec: ParamSpec, raw: object) -> tuple[object, ...]:
    if spec.parser is None:
        raise TypeError(f"table parameter {spec.key!r} has no parser")
    if not isinstance(raw, list):
        raise _refused(spec, raw)
    return spec.parser(raw)


_COERCE: dict[Kind, Coerce] = {
    "int": _accepting(lambda raw: isinstance(raw, int) and not isinstance(raw, bool)),
    "ratio": _parsing(parse_ratio),
    "percent": _parsing(parse_percent),
    "threshold": lambda spec, raw: threshold_from_raw(raw),
    "decision": _decision,
    "money": _parsing(parse_yuan, MoneyError),
    "strings": _strings,
    "levels": _levels,
    "bool": _accepting(lambda raw: isinstance(raw, bool)),
    "choice": _choice,
    "grade": _accepting(lambda raw: isinstance(raw, str) and bool(raw.strip())),
    "bands": _bands,
    "table": _table,
}
_YUAN_100M = 10_000_000_000  # 100 million yuan in fen: a sanity ceiling for amounts


def _spec(
    key: str,
    kind: Kind,
    group: str,
    doc: str,
    *,
    nullable: bool = False,
    minimum: int | Fraction | None = None,
    maximum: int | Fraction | None = None,
    choices: tuple[str, ...] = (),
    parser: TableParser | None = None,
    shape: str = "",
) -> ParamSpec:
    if kind == "percent" and minimum is None and maximum is None:
        minimum, maximum = Fraction(0), Fraction(1)
    if kind == "money" and minimum is None and maximum is None:
        minimum, maximum = 0, _YUAN_100M
    if kind == "table" and (parser is None or not shape):
        raise TypeError(f"table parameter {key!r} needs a parser and a shape")
    return ParamSpec(key, kind, doc, group, nullable, minimum, maximum, choices, parser, shape)


# fmt: off
PARAMS: tuple[ParamSpec, ...] = (
    # Jurisdiction and complaints
    _spec("jurisdiction_levels", "levels", "jurisdiction",
          "Administrative levels below the supervising government, top first."),
    _spec("complaint_tiers", "levels", "jurisdiction",
          "Levels that receive, handle and escalate complaints, top first."),
    _spec("complaint_acknowledge_working_days", "int", "jurisdiction",
          "Working days for a tier to acknowledge a complaint.", minimum=1, maximum=30),
    _spec("complaint_resolve_working_days", "int", "jurisdiction",
          "Working days for a tier to resolve a complaint before it escalates.",
          minimum=1, maximum=90),
    _spec("community_property_officers_min", "int", "jurisdiction",
          "Minimum dedicated property officers per community.", nullable=True,
          minimum=1, maximum=20),
    _spec("joint_meeting_frequency", "choice", "jurisdiction",
          "How often the property-management joint meeting (联席会议) must meet.",
          nullable=True, choices=FREQUENCIES),
    _spec("talk_trigger_complaints", "int", "jurisdiction",
          "Substantiated complaints against one company within talk_trigger_days that make "
          "it a candidate for a warning talk (约谈).", nullable=True, minimum=1, maximum=1000),
    _spec("talk_trigger_days", "int", "jurisdiction",
          "The window, in calendar days, in which talk_trigger_complaints are counted.",
          minimum=1, maximum=366),
    # Owners' decisions
    _spec("decision_ordinary", "decision", "decisions",
          "Owners' ordinary joint decisions (e.g. hiring or dismissing the company)."),
    _spec("decision_major", "decision", "decisions",
          "Raising the maintenance fund, rebuilding, changing use or business use of "
          "common parts."),
    _spec("decision_maintenance_fund_use", "decision", "decisions",
          "Using the maintenance fund."),
    _spec("decision_forced_exit", "decision", "decisions",
          "Owners' consent to remove an unsatisfactory property company."),
    _spec("decision_elevator_retrofit", "decision", "decisions",
          "Adding an elevator to a multi-storey building, voted per building unit."),
    # Deadlines
    _spec("contract_filing_days", "int", "deadlines",
          "Days after signing to file the service contract; null = before service starts.",
          nullable=True, minimum=1, maximum=365),
    _spec("contract_filing_day_kind", "choice", "deadlines",
          "Whether contract_filing_days counts calendar or working days.",
          choices=("calendar", "working")),
    _spec("handover_inspection_days", "int", "deadlines",
          "Calendar days before delivery by which the handover inspection is complete.",
          minimum=1, maximum=365),
    _spec("exit_notice_days", "int", "deadlines",
          "Days of written notice a company gives before it stops serving.",
          minimum=1, maximum=365),
    _spec("owner_dismissal_notice_days", "int", "deadlines",
          "Days of written notice owners give when they dismiss the company.",
          minimum=1, maximum=365),
    _spec("preliminary_service_reselection_years", "int", "deadlines",
          "Years of preliminary service without an owners' committee before a new selection.",
          nullable=True, minimum=1, maximum=20),
    _spec("tender_min_bidders", "int", "deadlines",
          "Fewer bidders than this allows a negotiated selection with approval.",
          minimum=2, maximum=10),
    # Funds and fees
    _spec("performance_bond_mode", "choice", "funds",
          "How the performance bond is set: none, percent of annual fees, or a yearly band.",
          choices=("none", "percent_of_fees", "banded_by_area")),
    _spec("performance_bond_percent_of_fees", "percent", "funds",
          "Bond floor as a share of the year's receivable fees.", nullable=True),
    _spec("performance_bond_min_yuan", "money", "funds",
          "Lowest yearly bond.", nullable=True),
    _spec("performance_bond_max_yuan", "money", "funds",
          "Highest bond (cap).", nullable=True),
    _spec("performance_bond_rate_yuan_per_m2", "money", "funds",
          "Yearly bond per m² of total floor area, kept within min and max.",
          nullable=True),
    _spec("preparation_fund_yuan_per_household", "money", "funds",
          "Developer's deposit per household for the first owners' assembly.",
          nullable=True),
    _spec("preparation_fund_cap_yuan", "money", "funds",
          "Cap on the preparation fund per project.", nullable=True),
    _spec("maintenance_fund_topup_below_percent", "percent", "funds",
          "A household tops up its maintenance fund when the balance is below this share "
          "of its first deposit."),
    _spec("maintenance_fund_first_deposit_before_delivery", "bool", "funds",
          "No delivery (keys) before the first maintenance-fund deposit is made."),
    _spec("quality_warranty_deposit_percent", "percent", "funds",
          "Developer's quality warranty deposit as a share of construction cost.",
          nullable=True),
    _spec("warranty_extension_years_encouraged", "int", "funds",
          "Years by which developers are encouraged to extend the warranty.",
          nullable=True, minimum=1, maximum=10),
    _spec("unrenovated_unit_fee_percent", "percent", "funds",
          "Share of the service fee an unrenovated unit may be charged by agreement.",
          nullable=True),
    _spec("unsold_units_reserve_subsidy_months", "int", "funds",
          "Months of reserve subsidy a developer pays the company for unsold units.",
          nullable=True, minimum=1, maximum=24),
    _spec("committee_member_subsidy_cap_yuan_per_month", "money", "funds",
          "Monthly subsidy cap per member of a committee that passed its assessment.",
          nullable=True),
    # Old projects
    _spec("old_project_completed_by_year_end", "int", "old_projects",
          "Projects completed by the end of this year are old projects (老旧小区).",
          minimum=1949, maximum=2100),
    _spec("old_project_fund_elevator_yuan_per_m2", "money", "old_projects",
          "Cap on the old-project repair fund per m², buildings with elevators.",
          nullable=True),
    _spec("old_project_fund_no_elevator_yuan_per_m2", "money", "old_projects",
          "Cap on the old-project repair fund per m², buildings without elevators.",
          nullable=True),
    _spec("old_project_fund_match_ratio", "ratio", "old_projects",
          "Public money added per yuan the owners deposit in the old-project fund.",
          nullable=True, minimum=Fraction(0), maximum=Fraction(10)),
    _spec("old_project_service_subsidy_min_yuan_per_m2_month", "money", "old_projects",
          "Lowest monthly subsidy per managed m² for basic service in old projects.",
          nullable=True),
    _spec("old_project_service_subsidy_max_yuan_per_m2_month", "money", "old_projects",
          "Highest monthly subsidy per managed m² for basic service in old projects.",
          nullable=True),
    _spec("old_project_company_reward_cap_yuan", "money", "old_projects",
          "Yearly cap on the reward to a company serving old projects.",
          nullable=True),
    # Credit and assessment
    _spec("credit_rating_style", "choice", "credit",
          "How credit is shown: letter grades, stars or the bare score.",
          choices=("grades", "stars", "score")),
    _spec("credit_grade_bands", "bands", "credit",
          "Grades, best first, each with the lowest score that earns it."),
    _spec("credit_blacklist_max_score", "int", "credit",
          "A yearly score at or below this counts towards the blacklist.",
          nullable=True, minimum=0, maximum=1000),
    _spec("credit_blacklist_consecutive_years", "int", "credit",
          "Consecutive years at or below the blacklist score that blacklist a company.",
          nullable=True, minimum=1, maximum=10),
    _spec("credit_key_supervision_grades", "strings", "credit",
          "Grades whose companies are key supervision targets (more inspections)."),
    _spec("tender_library_min_grade", "grade", "credit",
          "Lowest grade admitted to the tender library.", nullable=True),
    _spec("company_assessment_frequency", "choice", "credit",
          "How often each company's projects are assessed.", choices=FREQUENCIES),
    _spec("committee_assessment_frequency", "choice", "credit",
          "How often owners' committees are assessed.", nullable=True, choices=FREQUENCIES),
    _spec("assessment_award_person_min_yuan", "money", "credit",
          "Lowest award to a person named in the yearly assessment awards.", nullable=True),
    _spec("assessment_award_person_max_yuan", "money", "credit",
          "Highest award to a person named in the yearly assessment awards.", nullable=True),
    _spec("assessment_award_unit_min_yuan", "money", "credit",
          "Lowest award to a unit or organisation in the yearly assessment awards.",
          nullable=True),
    _spec("assessment_award_unit_max_yuan", "money", "credit",
          "Highest award to a unit or organisation in the yearly assessment awards.",
          nullable=True),
    # Owners' decisions: the platform vote (gongzhi.decisions)
    _spec("decision_election", "decision", "decisions",
          "Electing the owners' committee: what each elected candidate needs."),
    _spec("decision_notice_days", "int", "decisions",
          "Days between publishing a matter and the opening of the vote.",
          minimum=1, maximum=90),
    _spec("decision_min_voting_days", "int", "decisions",
          "Shortest voting window, in calendar days.", minimum=1, maximum=90),
    _spec("decision_result_publication_days", "int", "decisions",
          "Days the result of a vote stays published.", minimum=1, maximum=365),
    # Owners' assembly and committee (gongzhi/rules/assembly.py, gongzhi/assembly)
    _spec("assembly_formation_delivered_share", "threshold", "decisions",
          "Delivered share of the exclusive area from which the owners' assembly is formed."),
    _spec("assembly_formation_years_since_first_delivery", "int", "decisions",
          "Years after the first delivery from which the owners' assembly is formed.",
          nullable=True, minimum=1, maximum=10),
    _spec("preparation_group_parties", "strings", "decisions",
          "Parties every preparation group (筹备组) has a member from "
          "(street, community, developer, owners)."),
    _spec("preparation_group_odd_size", "bool", "decisions",
          "The preparation group has an odd number of members."),
    _spec("preparation_group_owner_share", "threshold", "decisions",
          "Share of the preparation group's members who represent the owners."),
    _spec("assembly_publication_days", "int", "decisions",
          "Days the preparation group's papers are published before the first assembly votes.",
          minimum=1, maximum=90),
    _spec("committee_term_years", "int", "decisions",
          "Years of an owners' committee's term.", minimum=1, maximum=10),
    _spec("committee_reelection_notice_days", "int", "decisions",
          "Days before the term ends from which the committee's re-election is prepared.",
          minimum=1, maximum=365),
    _spec("committee_min_members_share", "threshold", "decisions",
          "Share of its seats a committee must keep filled; below it the residents' "
          "committee acts."),
    _spec("assembly_fallback_body", "choice", "decisions",
          "Who acts where no owners' committee is elected or the owners are unwilling.",
          choices=("management_committee", "residents_committee")),
    # Property fees (gongzhi/rules/fees.py)
    _spec("fees_developer_pays_undelivered", "bool", "funds",
          "The developer pays the service fee of parts not yet sold or not yet delivered."),
    # Credit records, scores and supervision (gongzhi/credit)
    _spec("credit_catalogue", "table", "credit",
          "Kinds of credit records: points, validity, publicity, serious dishonesty, source.",
          parser=credit_rules.parse_catalogue, shape=credit_rules.CATALOGUE_SHAPE),
    _spec("credit_score_base", "int", "credit",
          "Yearly credit score before any record counts.", minimum=0, maximum=1000),
    _spec("credit_inspection_ratios", "table", "credit",
          "Share of each grade's projects drawn for the random inspection (双随机).",
          parser=credit_rules.parse_ratios, shape=credit_rules.RATIOS_SHAPE),
    _spec("credit_notice_departments", "strings", "credit",
          "Departments that receive a notification letter (抄告) when a company is blacklisted."),
    # Project and committee assessments (gongzhi/rules/assessments.py, gongzhi/assessments)
    _spec("assessment_project_form", "table", "credit",
          "Items of the quarterly project assessment form, each with its maximum points.",
          parser=assessment_rules.parse_form, shape=assessment_rules.FORM_SHAPE),
    _spec("assessment_project_bands", "table", "credit",
          "Result bands of a project assessment on a 100-point scale, best first.",
          parser=assessment_rules.parse_bands, shape=assessment_rules.BANDS_SHAPE),
    _spec("assessment_committee_form", "table", "credit",
          "Items of the yearly assessment of owners' / property-management committees.",
          parser=assessment_rules.parse_form, shape=assessment_rules.FORM_SHAPE),
    _spec("assessment_committee_pass_score", "int", "credit",
          "Lowest score (out of 100, inclusive) with which a committee passes its assessment.",
          minimum=0, maximum=100),
    # Maintenance fund: first deposit and emergency use (gongzhi/rules/funds.py)
    _spec("maintenance_fund_first_deposit_mode", "choice", "funds",
          "How a part's first maintenance-fund deposit is set: a share of the construction "
          "cost per m², or an amount per m².", choices=("cost_share", "per_m2")),
    _spec("maintenance_fund_first_deposit_percent", "percent", "funds",
          "First deposit as a share of the local construction cost per m² (cost_share mode).",
          nullable=True, minimum=Fraction(5, 100), maximum=Fraction(8, 100)),
    _spec("maintenance_fund_first_deposit_yuan_per_m2", "money", "funds",
          "First deposit per m² of exclusive area (per_m2 mode).", nullable=True),
    _spec("maintenance_fund_emergency_kinds", "strings", "funds",
          "Failures that may use the maintenance fund before the owners decide, with "
          "publication afterwards (elevator_failure, leak, fire_system_failure)."),
    # Disclosure board (gongzhi.disclosure, gongzhi/rules/disclosure.py)
    _spec("disclosure_required_items", "table", "disclosure",
          "Items the disclosure board (公示栏) must carry, each with the days it may go "
          "without an update before it is out of date.",
          parser=disclosure_rules.parse_required_items, shape=disclosure_rules.ITEM_SHAPE),
    # Complaints (gongzhi.complaints): the responsibility list (职责清单)
    _spec("complaint_responsibilities", "table", "jurisdiction",
          "Responsibility list (职责清单): each complaint category and the party that "
          "handles it (company, committee, community, street or a functional department).",
          parser=complaint_rules.parse_responsibilities, shape=complaint_rules.SHAPE),
    # Lifecycle: selection, handover inspection, exit (gongzhi/rules/lifecycle.py)
    _spec("tender_small_project_max_area_m2", "int", "deadlines",
          "Largest total floor area (m²) of a small project that may be selected by "
          "negotiation; null = the bureau judges a claim.",
          nullable=True, minimum=1, maximum=10_000_000),
    _spec("tender_committee_parties", "strings", "deadlines",
          "Parties the tender evaluation committee must include."),
    _spec("handover_preconditions", "table", "deadlines",
          "Conditions that must hold before the handover inspection starts.",
          parser=lifecycle_rules.parse_checklist, shape=lifecycle_rules.CHECKLIST_SHAPE),
    _spec("handover_rectification_days", "int", "deadlines",
          "Calendar days after a handover finding by which it is rectified (default).",
          minimum=1, maximum=365),
    _spec("exit_notice_recipients", "strings", "deadlines",
          "Parties a company's written exit notice must reach."),
    _spec("forced_exit_review_parties", "strings", "deadlines",
          "Parties of the joint review after an owners' forced-exit vote; null = no review.",
          nullable=True),
    _spec("exit_handover_items", "table", "deadlines",
          "What an outgoing company hands over, each confirmed by the incoming party.",
          parser=lifecycle_rules.parse_checklist, shape=lifecycle_rules.CHECKLIST_SHAPE),
    # Owners' satisfaction surveys (gongzhi/rules/surveys.py, gongzhi/surveys)
    _spec("survey_questionnaire", "table", "services",
          "Questions of the owners' satisfaction survey, each a service owners rate.",
          parser=survey_rules.parse_questionnaire, shape=survey_rules.QUESTIONNAIRE_SHAPE),
    _spec("survey_scale", "table", "services",
          "Answers of the satisfaction survey, best first, each with its points out of 100.",
          parser=survey_rules.parse_scale, shape=survey_rules.SCALE_SHAPE),
    _spec("survey_organiser", "choice", "services",
          "Who runs a project's satisfaction survey: its property company or its community.",
          choices=survey_rules.ORGANISERS),
)
# fmt: on

SCHEMA: Mapping[str, ParamSpec] = {spec.key: spec for spec in PARAMS}
GROUPS = {
    "jurisdiction": "Jurisdiction and complaints",
    "decisions": "Owners' decisions",
    "deadlines": "Deadlines and procedures",
    "funds": "Funds and fees",
    "old_projects": "Old projects",
    "credit": "Credit and assessment",
    "services": "Owners' services",
    "disclosure": "Disclosure and notices",
}


def check_effective(values: Mapping[str, ParamValue]) -> list[InvalidValue]:
    """Checks across keys, on the effective (inherited) values; one error per bad key."""
    errors: list[InvalidValue] = []

    def fail(key: str, expected: str, got: object) -> None:
        errors.append(InvalidValue(key, expected, show(got)))

    levels = cast(tuple[str, ...], values["jurisdiction_levels"])
    tiers = cast(tuple[str, ...], values["complaint_tiers"])
    if not set(tiers) <= set(levels):
        fail("complaint_tiers", f"levels taken from jurisdiction_levels {list(levels)}", tiers)

    mode = values["performance_bond_mode"]
    low = cast("int | None", values["performance_bond_min_yuan"])
    high = cast("int | None", values["performance_bond_max_yuan"])
    if mode == "percent_of_fees" and values["performance_bond_percent_of_fees"] is None:
        fail(
            "performance_bond_percent_of_fees", 'a percentage when mode is "percent_of_fees"', None
        )
    if mode == "banded_by_area" and (low is None or high is None):
        fail(
            "performance_bond_min_yuan",
            'both min and max amounts when mode is "banded_by_area"',
            [low, high],
        )
    if low is not None and high is not None and low > high:
        fail("performance_bond_min_yuan", f"at most the max {format_fen(high)}", format_fen(low))

    for key in ("company_assessment_frequency", "committee_assessment_frequency"):
        reason = period_rules.check_assessment_frequency(values[key])
        if reason is not None:
            fail(key, reason, values[key])

    for low_key, high_key in (
        (
            "old_project_service_subsidy_min_yuan_per_m2_month",
            "old_project_service_subsidy_max_yuan_per_m2_month",
        ),
        ("assessment_award_person_min_yuan", "assessment_award_person_max_yuan"),
        ("assessment_award_unit_min_yuan", "assessment_award_unit_max_yuan"),
    ):
        lo, hi = cast("int | None", values[low_key]), cast("int | None", values[high_key])
        if lo is not None and hi is not None and lo > hi:
            fail(low_key, f"at most {high_key} ({format_fen(hi)})", format_fen(lo))

    deposit_mode = values["maintenance_fund_first_deposit_mode"]
    if deposit_mode == "cost_share" and values["maintenance_fund_first_deposit_percent"] is None:
        fail(
            "maintenance_fund_first_deposit_percent",
            'a percentage when the first-deposit mode is "cost_share"',
            None,
        )
    if deposit_mode == "per_m2" and values["maintenance_fund_first_deposit_yuan_per_m2"] is None:
        fail(
            "maintenance_fund_first_deposit_yuan_per_m2",
            'an amount when the first-deposit mode is "per_m2"',
            None,
        )
    for kind in cast(tuple[str, ...], values["maintenance_fund_emergency_kinds"]):
        if kind not in ("elevator_failure", "leak", "fire_system_failure"):
            fail(
                "maintenance_fund_emergency_kinds",
                "kinds from elevator_failure, leak, fire_system_failure",
                kind,
            )

    for party in cast(tuple[str, ...], values["preparation_group_parties"]):
        if party not in ("street", "community", "developer", "owners"):
            fail(
                "preparation_group_parties",
                "parties from street, community, developer, owners",
                party,
            )

    for key in ("tender_committee_parties", "exit_notice_recipients", "forced_exit_review_parties"):
        for code in lifecycle_rules.unknown_parties(cast(tuple[str, ...], values[key] or ())):
            fail(key, "parties from " + ", ".join(lifecycle_rules.PARTIES), code)

    score = values["credit_blacklist_max_score"]
    years = values["credit_blacklist_consecutive_years"]
    if (score is None) != (years is None):
        fail(
            "credit_blacklist_consecutive_years",
            "set together with credit_blacklist_max_score (both or neither)",
            years,
        )
    grades = [band.grade for band in cast(tuple[GradeBand, ...], values["credit_grade_bands"])]
    for grade in cast(tuple[str, ...], values["credit_key_supervision_grades"]):
        if grade not in grades:
            fail("credit_key_supervision_grades", f"grades from credit_grade_bands {grades}", grade)
    minimum = values["tender_library_min_grade"]
    if minimum is not None and minimum not in grades:
        fail("tender_library_min_grade", f"a grade from credit_grade_bands {grades}", minimum)
    ratios = cast(tuple[credit_rules.InspectionRatio, ...], values["credit_inspection_ratios"])
    if {r.grade for r in ratios} != set(grades):
        fail(
            "credit_inspection_ratios",
            f"one ratio for each grade of credit_grade_bands {grades}",
            [r.grade for r in ratios],
        )
    return errors


def format_value(key: str, value: ParamValue) -> str:
    """A parameter value for people: ``¥300,000.00``, ``5%``, ``≥ 2/3``, ``—`` for null."""
    if value is None:
        return "—"
    kind = SCHEMA[key].kind
    if kind == "money":
        return format_fen(cast(int, value))
    if kind == "percent":
        return format_percent(cast(Fraction, value))
    if kind == "decision":
        return cast(DecisionRule, value).describe()
    if kind == "bands":
        return ", ".join(f"{b.grade} ≥ {b.min_score}" for b in cast(tuple[GradeBand, ...], value))
    if kind == "table":
        return f"{len(cast(tuple[object, ...], value))} entries"
    if kind in ("strings", "levels"):
        items = cast(tuple[str, ...], value)
        return ", ".join(items) if items else "(none)"
    if kind == "bool":
        return "yes" if value else "no"
    return str(value)
