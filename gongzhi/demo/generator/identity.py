"""Valid, unique identity numbers and phone numbers for the demo city.

居民身份证 (GB 11643): region prefix, birth date 1950–2000, sequence whose last digit is odd
for men and even for women, check digit from ``stdnum.cn.ric``. stdnum also checks that the
region code existed in the birth year, so a prefix is used only for years it accepts.
统一社会信用代码 (GB 32100): registration authority and type, region code, organisation code
(GB 11714 check digit), check digit from ``stdnum.cn.uscc``. Every number is verified
before it is handed out: credit codes with ``uscc.is_valid``; identity numbers are built
with a real birth date and the computed check digit, and their birth place is checked for
the birth year as ``ric.is_valid`` does, once per prefix and year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import random

from django.utils import timezone
from stdnum.cn import ric, uscc

from gongzhi.demo.generator.names import MOBILE_PREFIXES, OTHER_ID_PREFIXES

_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@functools.cache
def _prefix_valid_in(prefix: str, year: int) -> bool:
    body = f"{prefix}{year}0101001"
    return ric.is_valid(body + ric.calc_check_digit(body + "0"))


@functools.cache
def _prefixes_valid_in(pool: tuple[str, ...], year: int) -> tuple[str, ...]:
    """The prefixes of ``pool`` stdnum accepts for people born in ``year`` (the other
    places' when none of the pool's is)."""
    valid = tuple(p for p in pool if _prefix_valid_in(p, year))
    return valid or tuple(p for p in OTHER_ID_PREFIXES if _prefix_valid_in(p, year))


def _is_valid_resident_id(number: str) -> bool:
    """``ric.is_valid`` for a number whose birth date is a real day and whose check digit
    is computed: what is left to check is the place of birth in the birth year, which
    depends on prefix and year only (stdnum's place lookup is slow: asked once per pair)."""
    return len(number) == 18 and _prefix_valid_in(number[:6], int(number[6:10]))


def organisation_code(digits: str) -> str:
    """GB 11714 organisation code: eight digits and their check character."""
    remainder = 11 - sum(int(c) * w for c, w in zip(digits, _ORG_CODE_WEIGHTS, strict=True)) % 11
    return digits + {10: "X", 11: "0"}.get(remainder, str(remainder))


class IdentityFactory:
    """Hands out identity numbers and phones, never the same one twice in a build."""

    def __init__(
        self, rng: random.Random, *, local_prefixes: tuple[str, ...], region_code: str
    ) -> None:
        self._rng = rng
        self._local = local_prefixes
        self._region_code = region_code
        self._ids: set[str] = set()
        self._usccs: set[str] = set()
        self._phones: set[str] = set()

    def resident_id(self, *, male: bool) -> str:
        rng = self._rng
        while True:
            year = rng.randint(1950, 2000)
            month = rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(year, month)[1])
            pool = self._local if rng.random() < 0.85 else OTHER_ID_PREFIXES
            prefixes = _prefixes_valid_in(pool, year)
            sequence = rng.randrange(0, 1000, 2) + (1 if male else 0)
            body = f"{rng.choice(prefixes)}{year:04d}{month:02d}{day:02d}{sequence:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number in self._ids:
                continue
            if not _is_valid_resident_id(number):  # a prefix/date stdnum refuses: draw again
                continue
            self._ids.add(number)
            return number

    def credit_code(self, *, authority: str = "9", kind: str = "1") -> str:
        """A USCC: ``91`` for an enterprise, ``12`` for a public institution (事业单位)."""
        while True:
            org = organisation_code(f"{self._rng.randrange(10**8):08d}")
            body = f"{authority}{kind}{self._region_code}{org}"
            code = body + uscc.calc_check_digit(body)
            if code not in self._usccs and uscc.is_valid(code):
                self._usccs.add(code)
                return code

    def mobile(self) -> str:
        while True:
            number = self._rng.choice(MOBILE_PREFIXES) + f"{self._rng.randrange(10**8):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def landline(self, area_code: str) -> str:
        rest = 7 if len(area_code) == 3 else 6  # 8-digit numbers in 029, 7 elsewhere
        return f"{area_code}-{self._rng.randint(2, 8)}{self._rng.randrange(10**rest):0{rest}d}"


def random_date(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    """A date in [first_year, last_year], day ≤ 28 so year arithmetic never fails."""
    return dt.date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """``day`` at ``hour:minute`` in the platform's time zone (Asia/Shanghai)."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_default_timezone())
