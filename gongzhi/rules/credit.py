"""Credit grades of property companies, the blacklist and what grades unlock.

Owns turning a credit score into a grade (bands from the policy profile), the blacklist
test of seed 001 §三(二)3 (serious dishonesty, or a score ≤ 70 two years running), key
supervision of low grades (seed 003 §六(二): D-grade companies) and the tender-library
floor of seed 004 §8 (only grade A or better). Seed 002 §二(一)3 rates in stars: the
same bands with star labels. Score bands themselves are a Gongzhi default where no seed
publishes them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from gongzhi.rules.exact import parse_ratio, to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import GradeBand, InvalidValue, ProfileReader, show

Score = int | Decimal | Fraction


@dataclass(frozen=True)
class GradeResult:
    grade: str
    explanation: Explanation


@dataclass(frozen=True)
class CreditCheck:
    """A yes/no consequence of a grade or score history, with its reason."""

    applies: bool
    explanation: Explanation


_GRADE = gettext_noop("Score %(score)s earns grade %(grade)s (band from %(min)s).")
_BLACKLIST_DISHONEST = gettext_noop("Blacklisted: serious dishonesty is on record.")
_BLACKLIST_SCORES = gettext_noop(
    "Blacklisted: the yearly credit score was %(limit)s or less for the last %(years)s years "
    "(%(scores)s)."
)
_BLACKLIST_NO = gettext_noop(
    "Not blacklisted: the score was not %(limit)s or less for %(years)s consecutive years "
    "(%(scores)s)."
)
_BLACKLIST_NONE = gettext_noop(
    "Not blacklisted: this jurisdiction's policy sets no score threshold for the blacklist."
)
_TENDER_YES = gettext_noop(
    "Grade %(grade)s may enter the tender library (grade %(minimum)s or better required)."
)
_TENDER_NO = gettext_noop(
    "Grade %(grade)s may not enter the tender library (grade %(minimum)s or better required)."
)
_TENDER_ANY = gettext_noop("This jurisdiction's policy sets no minimum grade for tenders.")
_KEY_YES = gettext_noop(
    "Grade %(grade)s is a key supervision target: a high share of its projects is inspected."
)
_KEY_NO = gettext_noop("Grade %(grade)s is not a key supervision target.")


def _bands(profile: ProfileReader) -> tuple[GradeBand, ...]:
    return profile.grade_bands("credit_grade_bands")


def _rank(profile: ProfileReader, grade: str) -> int:
    grades = [band.grade for band in _bands(profile)]
    if grade not in grades:
        raise ValueError(f"unknown grade {grade!r}; this profile's grades: {', '.join(grades)}")
    return grades.index(grade)


def grade_for_score(profile: ProfileReader, score: Score) -> GradeResult:
    """The grade whose band holds ``score`` (bands are ordered best first)."""
    value = to_fraction(score, "score")
    if value < 0:
        raise ValueError(f"score must not be negative, got {score}")
    band = next(band for band in _bands(profile) if value >= band.min_score)
    explanation = Explanation.of(
        _GRADE,
        profile.param("credit_grade_bands").source,
        score=score,
        grade=band.grade,
        min=band.min_score,
    )
    return GradeResult(band.grade, explanation)


@dataclass(frozen=True)
class CreditMark:
    """What a credit page shows for a company's grade under the profile's
    ``credit_rating_style``: the letter grade (national default; seeds 003 §六(二), 004
    §8), stars (seed 002 §二(一)3: 信用星级评价) or the bare score (seed 001 §三(二)3:
    信用记分). ``title`` always names grade and score, for the tooltip and screen readers."""

    style: str
    text: str
    title: str


def credit_mark(profile: ProfileReader, score: Score, grade: str) -> CreditMark:
    """The mark of ``grade``/``score`` in the profile's ``credit_rating_style``."""
    style = profile.text("credit_rating_style")
    title = f"{grade} · {score}"
    if style == "score":
        return CreditMark(style, str(score), title)
    if style == "stars":
        count = len(_bands(profile))
        lit = count - _rank(profile, grade)
        return CreditMark(style, "★" * lit + "☆" * (count - lit), title)
    if style == "grades":
        return CreditMark(style, grade, title)
    raise ValueError(f"unknown credit_rating_style {style!r}")


def blacklist_check(
    profile: ProfileReader,
    yearly_scores: Sequence[Score],
    *,
    serious_dishonesty: bool = False,
) -> CreditCheck:
    """Whether a company goes on the blacklist (seed 001 §三(二)3).

    ``yearly_scores`` are the annual scores, oldest first; the last N must all be at or
    below the limit (≤, "70分及以下"). Serious dishonesty blacklists on its own.
    """
    citation = profile.param("credit_blacklist_max_score").source
    if serious_dishonesty:
        return CreditCheck(True, Explanation.of(_BLACKLIST_DISHONEST, citation))
    limit = profile.optional_int("credit_blacklist_max_score")
    years = profile.optional_int("credit_blacklist_consecutive_years")
    if limit is None or years is None:
        return CreditCheck(False, Explanation.of(_BLACKLIST_NONE, citation))
    recent = [to_fraction(score, "score") for score in yearly_scores][-years:]
    listed = len(recent) == years and all(score <= limit for score in recent)
    explanation = Explanation.of(
        _BLACKLIST_SCORES if listed else _BLACKLIST_NO,
        citation,
        limit=limit,
        years=years,
        scores=", ".join(str(score) for score in yearly_scores) or "—",
    )
    return CreditCheck(listed, explanation)


def tender_library_check(profile: ProfileReader, grade: str) -> CreditCheck:
    """Whether a company of ``grade`` may be tendered from the library (seed 004 §8)."""
    minimum = profile.optional_text("tender_library_min_grade")
    citation = profile.param("tender_library_min_grade").source
    if minimum is None:
        _rank(profile, grade)
        return CreditCheck(True, Explanation.of(_TENDER_ANY, citation))
    eligible = _rank(profile, grade) <= _rank(profile, minimum)
    explanation = Explanation.of(
        _TENDER_YES if eligible else _TENDER_NO, citation, grade=grade, minimum=minimum
    )
    return CreditCheck(eligible, explanation)


def key_supervision_check(profile: ProfileReader, grade: str) -> CreditCheck:
    """Whether a company of ``grade`` is a key supervision target (seed 003 §六(二))."""
    _rank(profile, grade)
    targets = profile.strings("credit_key_supervision_grades")
    applies = grade in targets
    explanation = Explanation.of(
        _KEY_YES if applies else _KEY_NO,
        profile.param("credit_key_supervision_grades").source,
        grade=grade,
    )
    return CreditCheck(applies, explanation)


# --- the catalogue of credit records (profile table ``credit_catalogue``) ---------------

SOURCES = (
    "complaint",  # a complaint found substantiated (seed 002 §四(三), 003 §六)
    "assessment",  # a published project assessment result (seed 001 §四(二), 003 §五(二)1(7))
    "penalty",  # an administrative penalty (seed 000 §12)
    "award",  # an award (seed 001 §四(二): 获奖的可记入信用加分)
    "exit_misconduct",  # refusing to leave, late exit notice (seed 004 §10)
    "late_filing",  # a contract not filed in time (seed 004 §8)
    "talk",  # a warning talk (约谈警告) over concentrated complaints (seed 002 §四(三))
    "manual",  # any other fact an officer enters with evidence
)
AUTOMATIC_SOURCES = ("complaint", "assessment", "late_filing", "talk")
"""Sources the platform records by itself; the others are entered by an officer."""


@dataclass(frozen=True)
class CreditKind:
    """One kind of credit record: its points, how long it stays valid, who may see it.

    ``match`` narrows an automatic kind to a complaint category or an assessment band
    ("" = any); ``citation`` names the clause the kind rests on.
    """

    code: str
    label_zh: str
    label_en: str
    nature: str  # "good" | "bad"
    points: int
    validity_months: int
    public: bool
    serious: bool
    source: str
    match: str = ""
    citation: str = ""


CATALOGUE_SHAPE = (
    '{ code = "complaint_substantiated", label_zh = "投诉查实", label_en = "Complaint '
    'substantiated", nature = "bad", points = -2, validity_months = 12, public = true, '
    'serious = false, source = "complaint", match = "", citation = "seed 003 §六" }'
)
_REQUIRED: dict[str, type] = {
    "code": str,
    "label_zh": str,
    "label_en": str,
    "nature": str,
    "points": int,
    "validity_months": int,
    "public": bool,
    "serious": bool,
    "source": str,
}
_OPTIONAL: dict[str, type] = {"match": str, "citation": str}


def parse_catalogue(raw: object) -> tuple[object, ...]:
    """The ``credit_catalogue`` table → :class:`CreditKind` values; names the bad entry."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", "a non-empty list of catalogue entries", show(raw))
    kinds: list[CreditKind] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, dict):
            raise InvalidValue(where, "a table like " + CATALOGUE_SHAPE, show(entry))
        unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
        if unknown:
            raise InvalidValue(f"{where}.{sorted(unknown)[0]}", "no such field", show(entry))
        for name, kind in {**_REQUIRED, **_OPTIONAL}.items():
            if name not in entry and name in _OPTIONAL:
                continue
            value = entry.get(name)
            # bool is an int in Python: an int field must not be given true/false
            wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
            if wrong or (kind is str and name in _REQUIRED and not str(value).strip()):
                raise InvalidValue(f"{where}.{name}", f"a {kind.__name__}", show(value))
        item = CreditKind(**entry)
        if item.nature not in ("good", "bad"):
            raise InvalidValue(f"{where}.nature", '"good" or "bad"', show(item.nature))
        if item.points == 0 or (item.points > 0) != (item.nature == "good"):
            expected = "positive points for a good record, negative for a bad one"
            raise InvalidValue(f"{where}.points", expected, show(item.points))
        if not 1 <= item.validity_months <= 120:
            raise InvalidValue(f"{where}.validity_months", "1 to 120", show(item.validity_months))
        if item.source not in SOURCES:
            raise InvalidValue(f"{where}.source", f"one of {', '.join(SOURCES)}", show(item.source))
        if item.serious and item.nature != "bad":
            raise InvalidValue(f"{where}.serious", "false for a good record", show(item.serious))
        kinds.append(item)
    codes = [k.code for k in kinds]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate is not None:
        raise InvalidValue(f"[{codes.index(duplicate)}].code", "distinct codes", show(duplicate))
    return tuple(kinds)


def catalogue(profile: ProfileReader) -> tuple[CreditKind, ...]:
    return profile.table("credit_catalogue", CreditKind)


def kind_by_code(profile: ProfileReader, code: str) -> CreditKind | None:
    return next((k for k in catalogue(profile) if k.code == code), None)


def kind_for_event(profile: ProfileReader, source: str, value: str = "") -> CreditKind | None:
    """The kind an automatic record of ``source`` takes: the entry whose ``match`` equals
    ``value`` (a complaint category, an assessment band), else the entry matching any."""
    kinds = [k for k in catalogue(profile) if k.source == source]
    exact = next((k for k in kinds if k.match and k.match == value), None)
    return exact or next((k for k in kinds if not k.match), None)


def valid_until(kind: CreditKind, on: dt.date) -> dt.date:
    """The last day a record of ``kind`` dated ``on`` is valid: ``validity_months`` later,
    the day before the same day of that month (the month's end when it is shorter)."""
    years, month0 = divmod(on.month - 1 + kind.validity_months, 12)
    year, month = on.year + years, month0 + 1
    day = min(on.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=1)


# --- the yearly score -------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredRecord:
    """What the score needs of one record (the database supplies these values)."""

    ref: int
    code: str
    points: int
    on: dt.date
    valid_until: dt.date


@dataclass(frozen=True)
class YearlyScore:
    year: int
    base: int
    score: int
    lines: tuple[ScoredRecord, ...]
    explanation: Explanation


_SCORE = gettext_noop(
    "Score %(score)s for %(year)s: base %(base)s plus %(count)s valid records (%(total)s points)."
)
_SCORE_FLOOR = gettext_noop(
    "Score 0 for %(year)s: base %(base)s plus %(count)s valid records (%(total)s points), "
    "floored at zero."
)


def counts_in_year(record: ScoredRecord, year: int) -> bool:
    """A record counts in every year its validity overlaps: dated on or before the year's
    end, valid until on or after the year's start."""
    return record.on <= dt.date(year, 12, 31) and record.valid_until >= dt.date(year, 1, 1)


def score_from_total(profile: ProfileReader, year: int, total: int, count: int) -> YearlyScore:
    """Base (``credit_score_base``) plus the summed points of the ``count`` valid records.

    The database sums; this judges the total. Integer arithmetic; a score below zero is
    floored at zero (a grade needs a score ≥ 0)."""
    base = profile.int_value("credit_score_base")
    score = base + total
    explanation = Explanation.of(
        _SCORE if score >= 0 else _SCORE_FLOOR,
        profile.param("credit_score_base").source,
        score=max(score, 0),
        year=year,
        base=base,
        count=count,
        total=f"{total:+d}",
    )
    return YearlyScore(year, base, max(score, 0), (), explanation)


def yearly_score(profile: ProfileReader, year: int, records: Sequence[ScoredRecord]) -> YearlyScore:
    """The score of ``year`` from the records themselves, with them as its lines."""
    lines = tuple(
        sorted((r for r in records if counts_in_year(r, year)), key=lambda r: (r.on, r.ref))
    )
    result = score_from_total(profile, year, sum(r.points for r in lines), len(lines))
    return YearlyScore(year, result.base, result.score, lines, result.explanation)


# --- tender eligibility (seed 004 §8; seed 000 §13, 001 §(二)1: filed and good credit) ----

_NOT_FILED = gettext_noop("The company is not filed with the housing bureau.")
_BLACKLISTED = gettext_noop("The company is on the blacklist.")
_NO_GRADE = gettext_noop("The company has no credit grade yet.")


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: tuple[Explanation, ...]


def tender_eligibility(
    profile: ProfileReader, *, filed: bool, blacklisted: bool, grade: str | None
) -> Eligibility:
    """Filed, not blacklisted, and a grade at least ``tender_library_min_grade``."""
    reasons: list[Explanation] = []
    ok = True
    if not filed:
        ok = False
        reasons.append(Explanation.of(_NOT_FILED, "seed 000 §11, §13"))
    if blacklisted:
        ok = False
        reasons.append(Explanation.of(_BLACKLISTED, "seed 001 §三(二)3"))
    minimum = profile.optional_text("tender_library_min_grade")
    if grade is None:
        if minimum is not None:
            ok = False
            reasons.append(
                Explanation.of(_NO_GRADE, profile.param("tender_library_min_grade").source)
            )
    else:
        check = tender_library_check(profile, grade)
        ok = ok and check.applies
        reasons.append(check.explanation)
    return Eligibility(ok, tuple(reasons))


# --- blacklist period ---------------------------------------------------------------------


def blacklist_until(bad_records: Sequence[ScoredRecord]) -> dt.date | None:
    """A blacklisting lasts as long as the bad record behind it (seed 001 §三(二)3: 黑名单
    限期与失信记录存续期一致): the latest ``valid_until`` of those records."""
    return max((r.valid_until for r in bad_records), default=None)


# --- the random inspection plan (双随机, seed 003 §六(二)) ---------------------------------

RATIOS_SHAPE = '{ grade = "D", ratio = "1/2", citation = "seed 003 §六(二)" }'


@dataclass(frozen=True)
class InspectionRatio:
    grade: str
    ratio: Fraction
    citation: str = ""


def parse_ratios(raw: object) -> tuple[object, ...]:
    """The ``credit_inspection_ratios`` table → :class:`InspectionRatio` values."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", "a non-empty list like " + RATIOS_SHAPE, show(raw))
    out: list[InspectionRatio] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, dict) or not set(entry) <= {"grade", "ratio", "citation"}:
            raise InvalidValue(where, "a table like " + RATIOS_SHAPE, show(entry))
        grade = entry.get("grade")
        if not isinstance(grade, str) or not grade.strip():
            raise InvalidValue(f"{where}.grade", "a grade", show(grade))
        try:
            ratio = parse_ratio(str(entry.get("ratio")))
        except (ValueError, ZeroDivisionError):
            raise InvalidValue(f"{where}.ratio", 'a ratio like "1/2"', show(entry)) from None
        if not 0 <= ratio <= 1:
            raise InvalidValue(f"{where}.ratio", "between 0 and 1", show(entry.get("ratio")))
        out.append(InspectionRatio(grade, ratio, str(entry.get("citation", ""))))
    grades = [r.grade for r in out]
    if len(set(grades)) != len(grades):
        raise InvalidValue("", "one ratio per grade", show(raw))
    return tuple(out)


def inspection_ratios(profile: ProfileReader) -> dict[str, Fraction]:
    return {r.grade: r.ratio for r in profile.table("credit_inspection_ratios", InspectionRatio)}


@dataclass(frozen=True)
class Candidate:
    """A project that may be inspected, with its company's grade."""

    ref: int
    grade: str


@dataclass(frozen=True)
class DrawnItem:
    ref: int
    grade: str
    inspectors: tuple[int, ...]


@dataclass(frozen=True)
class DrawPlan:
    seed: str
    items: tuple[DrawnItem, ...]
    per_grade: tuple[tuple[str, int, int], ...]  # (grade, candidates, drawn)
    explanation: Explanation


_DRAW = gettext_noop(
    "Drawn with seed %(seed)s: %(drawn)s of %(total)s projects (per grade: %(detail)s)."
)


def draw_inspections(
    *,
    seed: str,
    candidates: Sequence[Candidate],
    inspectors: Sequence[int],
    ratios: dict[str, Fraction],
    per_project: int = 2,
    citation: str = "",
) -> DrawPlan:
    """The 双随机 draw: per grade, ``ceil(n × ratio)`` projects drawn at random, each given
    ``per_project`` inspectors drawn at random (fewer when fewer exist).

    Reproducible: inputs are sorted before ``random.Random(seed)`` is used, so the same
    seed, candidates, inspectors and ratios give the same plan. A grade with no ratio
    draws nothing.
    """
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    pool = sorted(set(inspectors))
    count = min(per_project, len(pool))
    items: list[DrawnItem] = []
    per_grade: list[tuple[str, int, int]] = []
    for grade in sorted({c.grade for c in candidates} | set(ratios)):
        group = sorted(c.ref for c in candidates if c.grade == grade)
        wanted = math.ceil(len(group) * ratios.get(grade, Fraction(0)))
        drawn = sorted(rng.sample(group, wanted)) if wanted else []
        per_grade.append((grade, len(group), len(drawn)))
        for ref in drawn:
            items.append(DrawnItem(ref, grade, tuple(sorted(rng.sample(pool, count)))))
    detail = ", ".join(f"{g} {d}/{n}" for g, n, d in per_grade if n)
    explanation = Explanation.of(
        _DRAW,
        citation,
        seed=seed,
        drawn=len(items),
        total=len(candidates),
        detail=detail or "—",
    )
    return DrawPlan(seed, tuple(items), tuple(per_grade), explanation)
