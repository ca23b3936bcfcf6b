"""Whole numbers chosen in a query string: what ``int()`` cannot read, or no id column can
hold, is "not chosen", never a server error (bad input changes nothing and gets a page)."""

from __future__ import annotations

import pytest

from gongzhi.core.listing import int_param


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026", 2026),
        ("0", 0),
        ("", None),
        (None, None),
        ("-3", None),
        ("1.5", None),
        ("²", None),  # a superscript two: str.isdigit() says yes, int() refuses it
        ("١٢", None),  # Arabic-Indic digits: kept out, ids are written in ASCII
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),  # past a 64-bit id column
    ],
)
def test_int_param(raw: str | None, expected: int | None) -> None:
    assert int_param(raw) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("bureau", "/complaints/statistics/?street=²&company=²"),
        ("bureau", "/oldprojects/subsidies/?year=²"),
        ("bureau", "/oldprojects/rewards/?year=99999999999999999999"),
    ],
)
def test_pages_ignore_a_number_they_cannot_read(city, login, user: str, url: str) -> None:
    assert login(user).get(url).status_code == 200
