"""Assessment forms, scores, result bands and the yearly result (no Django).

Owns the quarterly assessment of property-service projects (seed 001 §四(二): streets
organise experts who score each project on site every quarter, publish the results and
form a yearly result from the quarters; seed 003 §五(二)1(7): each community assesses each
company quarterly, the street aggregates and reports to the bureau) and the yearly
assessment of owners' committees and property-management committees with the member
subsidy it unlocks (seed 001 §四(一): 评定结果合格的 … 每人每月不高于300元).

The forms, the band floors and the pass score are policy-profile data (``table`` and
``int`` parameters); this module parses them, scores a filled form exactly (Decimal
points, every item required, each within 0 … its maximum), bands a score on a
100-point scale and averages the available quarters into a year.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import NamedTuple

from gongzhi.rules import periods
from gongzhi.rules.explain import Explanation, gettext_noop, terms
from gongzhi.rules.money import format_fen
from gongzhi.rules.params import InvalidValue, show

BAND_LABELS: dict[str, str] = {
    "excellent": gettext_noop("Excellent"),
    "good": gettext_noop("Good"),
    "pass": gettext_noop("Pass"),
    "fail": gettext_noop("Fail"),
}
"""The msgids of the bands' labels (the assessments app's ``Band`` labels)."""
BANDS = tuple(BAND_LABELS)
"""Result bands of a project assessment, best first (a profile may leave some out)."""
QUARTERS = (1, 2, 3, 4)
POINTS_PLACES = 2  # points are entered to at most two decimal places (e.g. 4.5, 7.25)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class FormItem:
    """One line of an assessment form: what is scored and the most points it can earn."""

    code: str
    label_zh: str
    label_en: str
    max_points: int
    source: str


@dataclass(frozen=True)
class ResultBand:
    """A result band and the lowest score (out of 100) that earns it."""

    band: str
    min_score: int


@dataclass(frozen=True)
class ItemScore:
    item: FormItem
    points: Decimal


@dataclass(frozen=True)
class FormScore:
    """A scored form: the points of every item, their total and the form's maximum."""

    items: tuple[ItemScore, ...]
    total: Decimal
    max_total: int

    @property
    def out_of_100(self) -> Fraction:
        return scaled(self.total, self.max_total)


@dataclass(frozen=True)
class BandResult:
    band: str
    score_100: Fraction
    explanation: Explanation


@dataclass(frozen=True)
class YearResult:
    """The year from its quarters: the exact mean and the quarters it rests on."""

    quarters: tuple[int, ...]
    mean: Fraction
    explanation: Explanation

    @property
    def mean_display(self) -> Decimal:
        return to_points(self.mean)


@dataclass(frozen=True)
class CommitteeResult:
    passed: bool
    subsidy_eligible: bool
    subsidy_cap_fen: int | None
    score_100: Fraction
    explanation: Explanation  # the verdict
    subsidy_explanation: Explanation


class FormError(ValueError):
    """A filled form that cannot be scored; ``fields`` maps item codes to msgid reasons
    (``params`` fill their ``%(…)s`` placeholders)."""

    def __init__(self, fields: Mapping[str, Explanation]) -> None:
        self.fields = dict(fields)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.fields.items()))


_MISSING = gettext_noop("Enter the points for “%(item)s”.")
_NOT_A_NUMBER = gettext_noop(
    "The points for “%(item)s” must be a number with at most two decimals."
)
_OUT_OF_RANGE = gettext_noop("The points for “%(item)s” must be between 0 and %(max)s.")
_UNKNOWN = gettext_noop("“%(item)s” is not an item of this form.")
_BAND = gettext_noop(
    "%(score)s of %(max)s points is %(score_100)s out of 100, in the band “%(band)s” "
    "(from %(min)s)."
)
_YEAR = gettext_noop(
    "Yearly result: the mean of the %(count)s published periods (%(quarters)s) is %(mean)s."
)
_COMMITTEE_PASS = gettext_noop(
    "%(score_100)s out of 100 reaches the pass score %(pass)s: the committee passed."
)
_COMMITTEE_FAIL = gettext_noop(
    "%(score_100)s out of 100 is below the pass score %(pass)s: the committee did not pass."
)
_SUBSIDY = gettext_noop(
    "Members may receive a transport and telephone subsidy of at most %(cap)s per person "
    "per month, paid from the project's service fees or common income."
)
_NO_SUBSIDY_FAIL = gettext_noop("No member subsidy: the committee did not pass.")
_NO_SUBSIDY_RULE = gettext_noop("No member subsidy: this jurisdiction's policy sets none.")


# --- profile parsers ----------------------------------------------------------------------

FORM_SHAPE = (
    '{ code = "cleaning", label_zh = "环境卫生", label_en = "Cleaning", max_points = 15, '
    'source = "seed 001 §三(三)1" }'
)
BANDS_SHAPE = '{ band = "excellent", min_score = 90 }'


def parse_form(raw: object) -> tuple[object, ...]:
    """A form table → :class:`FormItem` values; distinct codes, positive maxima."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", f"a non-empty list of tables like {FORM_SHAPE}", show(raw))
    items: list[FormItem] = []
    keys = {"code", "label_zh", "label_en", "max_points", "source"}
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, Mapping) or set(entry) != keys:
            raise InvalidValue(where, "exactly the keys " + ", ".join(sorted(keys)), show(entry))
        for key in ("code", "label_zh", "label_en", "source"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise InvalidValue(f"{where}.{key}", "a non-empty string", show(entry[key]))
        code = entry["code"]
        if not code.replace("_", "").isalnum() or not code.isascii():
            raise InvalidValue(f"{where}.code", "letters, digits and underscores", show(code))
        points = entry["max_points"]
        if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 1000:
            raise InvalidValue(f"{where}.max_points", "an integer from 1 to 1000", show(points))
        if any(item.code == code for item in items):
            raise InvalidValue(f"{where}.code", "a code not used by another item", show(code))
        items.append(FormItem(code, entry["label_zh"], entry["label_en"], points, entry["source"]))
    return tuple(items)


def parse_bands(raw: object) -> tuple[object, ...]:
    """Band floors on a 100-point scale, best band first, strictly decreasing to 0."""
    if not isinstance(raw, list) or len(raw) < 2:
        raise InvalidValue("", f"at least two tables like {BANDS_SHAPE}", show(raw))
    bands: list[ResultBand] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, Mapping) or set(entry) != {"band", "min_score"}:
            raise InvalidValue(where, BANDS_SHAPE, show(entry))
        if entry["band"] not in BANDS:
            raise InvalidValue(f"{where}.band", "one of " + ", ".join(BANDS), show(entry["band"]))
        floor = entry["min_score"]
        if isinstance(floor, bool) or not isinstance(floor, int) or not 0 <= floor <= 100:
            raise InvalidValue(f"{where}.min_score", "an integer from 0 to 100", show(floor))
        if bands and (
            floor >= bands[-1].min_score
            or BANDS.index(entry["band"]) <= BANDS.index(bands[-1].band)
        ):
            raise InvalidValue(
                f"{where}.min_score", "bands in the order of " + ", ".join(BANDS) +
                " with strictly decreasing floors", show(floor)
            )  # fmt: skip
        bands.append(ResultBand(entry["band"], floor))
    if bands[-1].min_score != 0:
        raise InvalidValue(f"[{len(bands) - 1}].min_score", "0 for the last band", "not 0")
    return tuple(bands)


# --- scoring ------------------------------------------------------------------------------


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (``denominator`` > 0) to the nearest integer, halves
    away from zero, in integers (exact at any size)."""
    whole, rest = divmod(abs(numerator), denominator)
    if 2 * rest >= denominator:
        whole += 1
    return -whole if numerator < 0 else whole


def to_points(value: Fraction | Decimal) -> Decimal:
    """A score for display and storage: two decimals, half up (87.125 → 87.13)."""
    if isinstance(value, Fraction):  # in integers: exact at any size, and fast
        hundredths = _half_up(value.numerator * 100, value.denominator)
        return Decimal(hundredths).scaleb(-POINTS_PLACES)
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _parse_points(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, Decimal | int):
        value = Decimal(raw)
    elif isinstance(raw, str) and raw.strip():
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            return None
    else:
        return None
    if not value.is_finite():
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -POINTS_PLACES and value != value.quantize(_CENT):
        return None
    return value


def score_form(items: Sequence[FormItem], points: Mapping[str, object]) -> FormScore:
    """Score a filled form: every item is required and its points lie within 0 … max.

    Raises :class:`FormError` naming every bad item (and any code not on the form)."""
    errors: dict[str, Explanation] = {}
    scored: list[ItemScore] = []
    codes = {item.code for item in items}
    for code in points:
        if code not in codes:
            errors[code] = Explanation.of(_UNKNOWN, item=code)
    for item in items:
        raw = points.get(item.code)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            errors[item.code] = Explanation.of(_MISSING, item=item.label_zh)
            continue
        value = _parse_points(raw)
        if value is None:
            errors[item.code] = Explanation.of(_NOT_A_NUMBER, item=item.label_zh)
        elif not 0 <= value <= item.max_points:
            errors[item.code] = Explanation.of(
                _OUT_OF_RANGE, item=item.label_zh, max=item.max_points
            )
        else:
            scored.append(ItemScore(item, value.quantize(_CENT)))
    if errors:
        raise FormError(errors)
    total = sum((s.points for s in scored), Decimal(0))
    return FormScore(tuple(scored), total, sum(item.max_points for item in items))


def scaled(total: Decimal | Fraction, max_total: int) -> Fraction:
    """A total on the 100-point scale, exactly."""
    if isinstance(total, Decimal):  # one Fraction, not three
        numerator, denominator = total.as_integer_ratio()
        return Fraction(numerator * 100, denominator * max_total)
    return total * 100 / max_total


def band_of(score_100: Fraction, bands: Sequence[ResultBand]) -> ResultBand:
    """The best band whose floor a score out of 100 reaches (floors are inclusive: 以上);
    :func:`band_for` with its explanation."""
    return next((b for b in bands if score_100 >= b.min_score), bands[-1])


def band_for(
    total: Decimal | Fraction, max_total: int, bands: Sequence[ResultBand], citation: str = ""
) -> BandResult:
    """The best band whose floor the score reaches (floors are inclusive: 以上)."""
    score_100 = scaled(total, max_total)
    chosen = band_of(score_100, bands)
    return BandResult(
        chosen.band,
        score_100,
        Explanation.of(
            _BAND,
            citation,
            score=to_points(Fraction(total) if isinstance(total, Decimal) else total),
            max=max_total,
            score_100=to_points(score_100),
            band=terms(chosen.band, BAND_LABELS),
            min=chosen.min_score,
        ),
    )


def year_result(
    period_totals: Mapping[int, Decimal | Fraction],
    citation: str = "",
    *,
    frequency: str = "quarterly",
) -> YearResult | None:
    """The yearly result of seed 001 §四(二) 二: the plain mean of the periods (quarters
    there; months, half-years or the year under other profiles, ``rules.periods``) that have
    a published result (a missing period is left out, not counted as 0); None without any."""
    valid = periods.numbers(frequency)
    bad = [q for q in period_totals if q not in valid]
    if bad:
        raise ValueError(f"{frequency} periods must be 1-{len(valid)}, got {bad}")
    if not period_totals:
        return None
    used = tuple(sorted(period_totals))
    exact = [Fraction(period_totals[q]) for q in used]
    common = math.lcm(*(f.denominator for f in exact))  # one sum in integers, one Fraction
    mean = Fraction(sum(f.numerator * (common // f.denominator) for f in exact), common * len(used))
    return YearResult(
        used,
        mean,
        Explanation.of(
            _YEAR,
            citation,
            count=len(used),
            quarters=_period_list(frequency, used),
            mean=to_points(mean),
        ),
    )


@functools.lru_cache(maxsize=1024)
def _period_list(frequency: str, used: tuple[int, ...]) -> str:
    """The periods of a yearly result as its explanation lists them: "Q1, Q3", "01, 07"."""
    labels = periods.short_labels(frequency)
    return ", ".join(labels[q - 1] or "—" for q in used)


YEAR_MESSAGE = _YEAR
"""The msgid of a yearly result's explanation (:class:`YearSummary` ``params`` fill it)."""


class YearSummary(NamedTuple):
    """A yearly result from stored totals, as :func:`year_summary` forms it."""

    periods: dict[int, Decimal]  # each published period's score out of 100 (two decimals)
    mean: Decimal  # their plain mean, two decimals, half up
    band: str  # the best band the exact mean reaches
    params: dict[str, str]  # of YEAR_MESSAGE, as year_result's explanation has them


@functools.lru_cache(maxsize=1 << 16)
def _points(hundredths: int) -> Decimal:
    """Hundredths of a point as the two-decimal ``Decimal`` :func:`to_points` gives (one
    value per score: a batch of results shares them)."""
    return Decimal(hundredths).scaleb(-POINTS_PLACES)


def year_summary(
    frequency: str,
    totals: Sequence[tuple[int, int, int]],
    bands: Sequence[ResultBand],
) -> YearSummary:
    """:func:`year_result` and :func:`band_of` from rows as they are stored, in integers.

    ``totals`` holds ``(period, total in hundredths of a point, form maximum)`` of each
    published period, in period order (at least one; totals ≥ 0). A period scores
    ``total × 100 / maximum`` out of 100; the year is their plain mean (seed 001 §四(二)
    二), kept exact as one integer ratio over the common multiple of the maxima, so the
    shown values (two decimals, half up), the band (floors inclusive: 以上) and the
    explanation equal those of ``year_result`` on the scaled ``Fraction`` values, without
    a ``Fraction`` per period. For a batch of yearly results (the credit app's
    recomputation)."""
    count = len(totals)
    last = 0
    common = 1
    for period, total, maximum in totals:
        if period <= last or total < 0:
            raise ValueError(f"periods in increasing order and totals ≥ 0: {totals}")
        last = period
        if maximum != common:
            common = math.lcm(common, maximum)
    if not count or last > periods.per_year(frequency):
        raise ValueError(f"{frequency} periods must be 1-{periods.per_year(frequency)}: {totals}")
    numerator = 0
    shown: dict[int, Decimal] = {}
    for period, total, maximum in totals:
        # the period's score out of 100 is total / maximum, shown in hundredths, half up
        hundredths, rest = divmod(total * 100, maximum)
        shown[period] = _points(hundredths + 1 if 2 * rest >= maximum else hundredths)
        numerator += total * (common // maximum)
    denominator = common * count  # the exact mean is numerator / denominator points
    hundredths, rest = divmod(numerator * 100, denominator)
    mean = _points(hundredths + 1 if 2 * rest >= denominator else hundredths)
    band = bands[-1].band
    for candidate in bands:
        if numerator >= candidate.min_score * denominator:
            band = candidate.band
            break
    params = {
        "count": str(count),
        "quarters": _period_list(frequency, tuple(shown)),
        "mean": str(mean),
    }
    return YearSummary(shown, mean, band, params)


def committee_result(
    total: Decimal,
    max_total: int,
    *,
    pass_score: int,
    subsidy_cap_fen: int | None,
    citation: str = "",
) -> CommitteeResult:
    """Pass or fail against the profile's pass score (inclusive), and the subsidy the
    members may then receive (seed 001 §四(一); none where the profile sets no cap)."""
    score_100 = scaled(total, max_total)
    passed = score_100 >= pass_score
    eligible = passed and subsidy_cap_fen is not None
    verdict = Explanation.of(
        _COMMITTEE_PASS if passed else _COMMITTEE_FAIL,
        citation,
        score_100=to_points(score_100),
        **{"pass": pass_score},
    )
    if eligible and subsidy_cap_fen is not None:
        subsidy = Explanation.of(_SUBSIDY, citation, cap=format_fen(subsidy_cap_fen))
    else:
        subsidy = Explanation.of(_NO_SUBSIDY_FAIL if not passed else _NO_SUBSIDY_RULE, citation)
    return CommitteeResult(
        passed, eligible, subsidy_cap_fen if eligible else None, score_100, verdict, subsidy
    )
