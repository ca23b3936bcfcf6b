"""Owners' satisfaction surveys (满意度调查): the questionnaire, the answer scale, checking
one part's answers, the result per item and overall, and the points a published survey
gives the quarterly assessment (no Django).

Seed 002 §二(二)2 (物业服务企业 … 定期开展业主满意度调查), seed 004 annex (各社区 … 负责
小区业主满意度调查). Neither seed prints a questionnaire: the questions, the scale and who
organises the survey are policy-profile data (``survey_questionnaire``, ``survey_scale``,
``survey_organiser``); the national default questionnaire asks about the services seed 002
§二(二)2 lists. The database counts the answers per question and level; this module judges
the counts exactly (``Fraction``), rounding only for display (half up, two places).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import InvalidValue, show

SATISFACTION_ITEM = "satisfaction"
"""The code of the assessment-form item a published survey fills (where the form has it)."""
ORGANISERS = ("company", "community")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Question:
    """One question: a service the owners rate on the scale."""

    code: str
    label_zh: str
    label_en: str
    source: str

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


@dataclass(frozen=True)
class Level:
    """One answer on the scale, e.g. 5 = 非常满意 = 100 points."""

    value: int
    label_zh: str
    label_en: str
    points: int

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


class AnswerError(ValueError):
    """A part's answers that cannot be taken; ``fields`` maps question codes to reasons."""

    def __init__(self, fields: Mapping[str, Explanation]) -> None:
        self.fields = dict(fields)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.fields.items()))


_MISSING = gettext_noop("Answer “%(question)s”.")
_NOT_ON_SCALE = gettext_noop("Choose one of the answers for “%(question)s”.")
_UNKNOWN = gettext_noop("“%(question)s” is not a question of this survey.")
_ITEM = gettext_noop("%(question)s: %(score)s out of 100 from %(count)s answers.")
_OVERALL = gettext_noop(
    "Overall satisfaction %(score)s out of 100: the mean of the %(items)s questions' scores; "
    "%(answered)s of %(eligible)s homes answered (%(rate)s)."
)
_NO_ANSWERS = gettext_noop("No home answered: the survey has no score.")
_POINTS = gettext_noop(
    "Owners' satisfaction %(score)s of 100 gives %(points)s of the item's %(max)s points "
    "(survey of %(closed)s)."
)


# --- profile parsers ----------------------------------------------------------------------

QUESTIONNAIRE_SHAPE = (
    '{ code = "cleaning", label_zh = "环境卫生", label_en = "Cleaning", '
    'source = "seed 002 §二(二)2" }'
)
SCALE_SHAPE = '{ value = 5, label_zh = "非常满意", label_en = "Very satisfied", points = 100 }'


def _is_code(text: object) -> bool:
    return isinstance(text, str) and text.isascii() and text.replace("_", "").isalnum()


def parse_questionnaire(raw: object) -> tuple[object, ...]:
    """A questionnaire table → :class:`Question` values; at least one, distinct codes."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", f"a non-empty list of tables like {QUESTIONNAIRE_SHAPE}", show(raw))
    keys = {"code", "label_zh", "label_en", "source"}
    out: list[Question] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, Mapping) or set(entry) != keys:
            raise InvalidValue(where, "exactly the keys " + ", ".join(sorted(keys)), show(entry))
        for key in sorted(keys):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise InvalidValue(f"{where}.{key}", "a non-empty string", show(entry[key]))
        if not _is_code(entry["code"]):
            raise InvalidValue(f"{where}.code", "letters, digits and underscores", show(entry))
        if any(q.code == entry["code"] for q in out):
            raise InvalidValue(f"{where}.code", "a code not used by another question", show(entry))
        out.append(Question(entry["code"], entry["label_zh"], entry["label_en"], entry["source"]))
    return tuple(out)


def parse_scale(raw: object) -> tuple[object, ...]:
    """An answer scale, best first: values strictly decreasing, points strictly decreasing
    from 100 to 0 (the best answer is full marks, the worst none)."""
    if not isinstance(raw, list) or len(raw) < 2:
        raise InvalidValue("", f"at least two tables like {SCALE_SHAPE}", show(raw))
    keys = {"value", "label_zh", "label_en", "points"}
    out: list[Level] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, Mapping) or set(entry) != keys:
            raise InvalidValue(where, "exactly the keys " + ", ".join(sorted(keys)), show(entry))
        for key in ("value", "points"):
            number = entry[key]
            if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 100:
                raise InvalidValue(f"{where}.{key}", "an integer from 0 to 100", show(number))
        for key in ("label_zh", "label_en"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise InvalidValue(f"{where}.{key}", "a non-empty string", show(entry[key]))
        if out and not (entry["value"] < out[-1].value and entry["points"] < out[-1].points):
            raise InvalidValue(where, "value and points below the previous level's", show(entry))
        out.append(Level(entry["value"], entry["label_zh"], entry["label_en"], entry["points"]))
    if out[0].points != 100 or out[-1].points != 0:
        raise InvalidValue("", "points from 100 (best answer) down to 0 (worst)", show(raw))
    return tuple(out)


# --- one part's answers -------------------------------------------------------------------


def check_answers(
    questions: Sequence[Question], scale: Sequence[Level], answers: Mapping[str, object]
) -> dict[str, int]:
    """The answers of one home as ``{code: level value}``: every question answered with a
    level of the scale, no other question. Raises :class:`AnswerError` naming each bad one."""
    values = {level.value for level in scale}
    errors: dict[str, Explanation] = {}
    out: dict[str, int] = {}
    codes = {q.code for q in questions}
    for code in answers:
        if code not in codes:
            errors[code] = Explanation.of(_UNKNOWN, question=code)
    for question in questions:
        raw = answers.get(question.code)
        if raw in (None, ""):
            errors[question.code] = Explanation.of(_MISSING, question=question.label_zh)
            continue
        value = raw
        if isinstance(raw, str) and raw.strip().isdigit():
            value = int(raw)
        if isinstance(value, bool) or not isinstance(value, int) or value not in values:
            errors[question.code] = Explanation.of(_NOT_ON_SCALE, question=question.label_zh)
            continue
        out[question.code] = value
    if errors:
        raise AnswerError(errors)
    return out


# --- results ------------------------------------------------------------------------------


def _round(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        _CENT, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class ItemResult:
    question: Question
    count: int
    counts: tuple[tuple[int, int], ...]  # (level value, answers), best level first
    score: Fraction | None  # mean points out of 100; None without answers
    explanation: Explanation | None

    @property
    def score_display(self) -> Decimal | None:
        return None if self.score is None else _round(self.score)


@dataclass(frozen=True)
class SurveyResult:
    items: tuple[ItemResult, ...]
    answered: int  # homes that answered
    eligible: int  # homes that could answer
    score: Fraction | None  # overall out of 100
    explanation: Explanation

    @property
    def score_display(self) -> Decimal | None:
        return None if self.score is None else _round(self.score)

    @property
    def response_rate(self) -> Fraction | None:
        return Fraction(self.answered, self.eligible) if self.eligible else None


def survey_result(
    questions: Sequence[Question],
    scale: Sequence[Level],
    counts: Mapping[tuple[str, int], int],
    *,
    answered: int,
    eligible: int,
) -> SurveyResult:
    """Score each question and the survey from the database's answer counts.

    ``counts`` maps (question code, level value) to the number of homes that gave it. A
    question's score is the mean of its answers' points; the survey's score is the plain
    mean of the questions' scores (every question weighs the same; a question nobody
    answered is left out). Exact until displayed.
    """
    if answered < 0 or eligible < 0 or answered > eligible:
        raise ValueError("need 0 ≤ answered ≤ eligible")
    points = {level.value: level.points for level in scale}
    items: list[ItemResult] = []
    for question in questions:
        per_level = tuple((lv.value, int(counts.get((question.code, lv.value), 0))) for lv in scale)
        n = sum(c for _v, c in per_level)
        if any(c < 0 for _v, c in per_level):
            raise ValueError("counts must not be negative")
        score = Fraction(sum(points[v] * c for v, c in per_level), n) if n else None
        explanation = (
            Explanation.of(_ITEM, question=question.label_zh, score=_round(score), count=n)
            if score is not None
            else None
        )
        items.append(ItemResult(question, n, per_level, score, explanation))
    scored = [i.score for i in items if i.score is not None]
    if not scored:
        return SurveyResult(tuple(items), answered, eligible, None, Explanation.of(_NO_ANSWERS))
    overall = sum(scored, Fraction(0)) / len(scored)
    rate = Fraction(answered, eligible) if eligible else Fraction(0)
    explanation = Explanation.of(
        _OVERALL,
        score=_round(overall),
        items=len(scored),
        answered=answered,
        eligible=eligible,
        rate=f"{_round(rate * 100)}%",
    )
    return SurveyResult(tuple(items), answered, eligible, overall, explanation)


def assessment_points(
    score: Fraction, max_points: int, *, closed: str = ""
) -> tuple[Decimal, Explanation]:
    """The points of the assessment's satisfaction item: the survey's score out of 100
    scaled to the item's maximum, half up to two places (the form takes two decimals)."""
    if not 0 <= score <= 100:
        raise ValueError("a survey score lies between 0 and 100")
    if max_points <= 0:
        raise ValueError("max_points must be positive")
    value = _round(score * max_points / 100)
    return value, Explanation.of(
        _POINTS, score=_round(score), points=value, max=max_points, closed=closed
    )


def quarter_of(year: int, month: int) -> tuple[int, int]:
    """The (year, quarter) a month falls in."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1–12")
    return year, (month - 1) // 3 + 1
