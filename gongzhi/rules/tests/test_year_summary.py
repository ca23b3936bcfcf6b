"""The yearly result from stored rows in integers (``year_summary``) against the exact
``Fraction`` rules it must equal: ``year_result``, ``band_of`` and ``to_points`` (seed 001
§四(二) 二: the year is formed from the published periods; floors are inclusive, 以上)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules import periods
from gongzhi.rules.assessments import (
    ResultBand,
    band_of,
    scaled,
    to_points,
    year_result,
    year_summary,
)
from gongzhi.rules.profiles import get_profile, list_profiles

BANDS = {
    s.id: get_profile(s.id).table("assessment_project_bands", ResultBand) for s in list_profiles()
}
NATIONAL = BANDS["national"]


def _by_fractions(
    frequency: str, totals: list[tuple[int, int, int]], bands: tuple[ResultBand, ...]
) -> tuple[dict[int, Decimal], Decimal, str, dict[str, str]]:
    exact = {q: scaled(Decimal(h).scaleb(-2), m) for q, h, m in totals}
    result = year_result(exact, frequency=frequency)
    assert result is not None
    return (
        {q: to_points(v) for q, v in exact.items()},
        result.mean_display,
        band_of(result.mean, bands).band,
        result.explanation.params_dict,
    )


@st.composite
def _rows(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, int]], str]:
    frequency = draw(st.sampled_from(periods.ASSESSMENT_FREQUENCIES))
    used = draw(
        st.lists(st.sampled_from(periods.numbers(frequency)), min_size=1, max_size=12, unique=True)
    )
    totals = []
    for period in sorted(used):
        maximum = draw(st.sampled_from([100, 100, 80, 120, 7, 3, 1000]))
        totals.append((period, draw(st.integers(0, maximum * 100)), maximum))
    return frequency, totals, draw(st.sampled_from(sorted(BANDS)))


@given(_rows())
def test_year_summary_equals_the_fraction_rules(rows):
    frequency, totals, profile_id = rows
    summary = year_summary(frequency, totals, BANDS[profile_id])
    assert (summary.periods, summary.mean, summary.band, summary.params) == _by_fractions(
        frequency, totals, BANDS[profile_id]
    )
    assert [str(v) for v in summary.periods.values()] == [
        str(v) for v in _by_fractions(frequency, totals, BANDS[profile_id])[0].values()
    ]


@pytest.mark.parametrize(
    ("totals", "mean", "band"),
    [
        ([(1, 9000, 100)], "90.00", "excellent"),  # exactly at the floor: 以上
        ([(1, 8999, 100)], "89.99", "good"),  # one hundredth under
        ([(1, 8999, 100), (2, 9000, 100)], "90.00", "good"),  # 89.995 shows 90.00, is below
        ([(2, 7200, 80), (4, 10800, 120)], "90.00", "excellent"),  # 90 and 90 on two forms
        ([(1, 200, 3)], "66.67", "pass"),  # 66.666… half up
    ],
)
def test_year_summary_boundaries(totals, mean, band):
    """Seed 001 §四(二) 二 under the national bands: the band is taken on the exact mean."""
    summary = year_summary("quarterly", totals, NATIONAL)
    assert (str(summary.mean), summary.band) == (mean, band)
    assert summary == year_summary("quarterly", totals, NATIONAL)
    assert summary[1:3] == _by_fractions("quarterly", totals, NATIONAL)[1:3]


@pytest.mark.parametrize(
    ("frequency", "totals"),
    [
        ("quarterly", []),  # no period
        ("quarterly", [(5, 100, 100)]),  # no fifth quarter
        ("half_yearly", [(1, 100, 100), (3, 100, 100)]),
        ("quarterly", [(2, 100, 100), (1, 100, 100)]),  # not in period order
        ("quarterly", [(1, 100, 100), (1, 200, 100)]),  # a period twice
        ("quarterly", [(0, 100, 100)]),
        ("quarterly", [(1, -1, 100)]),
        ("daily", [(1, 100, 100)]),  # not a scored period
    ],
)
def test_year_summary_refuses_rows_year_result_would_refuse(frequency, totals):
    with pytest.raises(ValueError):
        year_summary(frequency, totals, NATIONAL)
