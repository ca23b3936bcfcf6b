"""The demo's identity numbers (居民身份证, GB 11643): the check the generator makes once
per place and birth year says what ``stdnum.cn.ric.is_valid`` says of every number, and
the factory hands out only numbers stdnum accepts."""

from __future__ import annotations

import random

from stdnum.cn import ric

from gongzhi.demo.generator.identity import IdentityFactory, _is_valid_resident_id
from gongzhi.demo.generator.names import OTHER_ID_PREFIXES, REGIONS

PREFIXES = sorted({p for r in REGIONS.values() for p in r.id_prefixes} | set(OTHER_ID_PREFIXES))


def test_the_cached_check_agrees_with_stdnum_for_every_place_and_year() -> None:
    # given: every prefix the demo draws from, born on a real day of each year
    verdicts = []
    for prefix in PREFIXES:
        for year in range(1950, 2001):
            body = f"{prefix}{year}0228{(year % 500) * 2 + 1:03d}"
            number = body + ric.calc_check_digit(body + "0")
            # when / then
            assert _is_valid_resident_id(number) is ric.is_valid(number), number
            verdicts.append(ric.is_valid(number))
    # some places did not exist in some years: both say so
    assert True in verdicts and False in verdicts


def test_the_factory_hands_out_unique_numbers_stdnum_accepts() -> None:
    # given
    factory = IdentityFactory(
        random.Random(5), local_prefixes=REGIONS["national"].id_prefixes, region_code="430500"
    )
    # when
    numbers = [factory.resident_id(male=i % 2 == 0) for i in range(2000)]
    # then: the sequence's last digit is odd for men (GB 11643)
    assert len(set(numbers)) == len(numbers)
    assert all(ric.is_valid(n) for n in numbers)
    assert all(int(n[16]) % 2 == (i % 2 == 0) for i, n in enumerate(numbers))
