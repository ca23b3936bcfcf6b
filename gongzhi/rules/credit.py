"""Credit grades of property companies, the blacklist and what grades unlock.

Owns turning a credit score into a grade (bands from the policy profile), the blacklist
test of seed 001 §三(二)3 (serious dishonesty, or a score ≤ 70 two years running), key
supervision of low grades (seed 003 §六(二): D-grade companies) and the tender-library
floor of seed 004 §8 (only grade A or better). Seed 002 §二(一)3 rates in stars: the
same bands with star labels. Score bands themselves are a Gongzhi default where no seed
publishes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from gongzhi.rules.exact import to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

Score = int | Decimal | Fraction


@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest score that earns it."""

    grade: str
    min_score: int


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


def _bands(profile: PolicyProfile) -> tuple[GradeBand, ...]:
    return profile.grade_bands("credit_grade_bands")


def _rank(profile: PolicyProfile, grade: str) -> int:
    grades = [band.grade for band in _bands(profile)]
    if grade not in grades:
        raise ValueError(f"unknown grade {grade!r}; this profile's grades: {', '.join(grades)}")
    return grades.index(grade)


def grade_for_score(profile: PolicyProfile, score: Score) -> GradeResult:
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


def blacklist_check(
    profile: PolicyProfile,
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


def tender_library_check(profile: PolicyProfile, grade: str) -> CreditCheck:
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


def key_supervision_check(profile: PolicyProfile, grade: str) -> CreditCheck:
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
