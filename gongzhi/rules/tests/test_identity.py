"""居民身份证 and 统一社会信用代码 validation (GB 11643, GB 32100) and masking of personal data."""

import pytest
from stdnum.cn import ric

from gongzhi.rules.identity import (
    CreditCodeError,
    IdentityNumberError,
    ResidentIdError,
    mask_id_number,
    mask_phone,
    validate_resident_id,
    validate_uscc,
)

VALID_ID = "110101199003074514"
VALID_ID_X = "11010519491231002X"
VALID_USCC = "91110000600037341L"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        (VALID_ID, VALID_ID),
        (" 110101 19900307 4514 ", VALID_ID),
        ("11010519491231002x", VALID_ID_X),
    ],
)
def test_valid_resident_id_is_normalised(raw, normalised):
    assert validate_resident_id(raw) == normalised


def _with_good_check_digit(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


@pytest.mark.parametrize(
    ("number", "reason", "text"),
    [
        ("110101199003074518", "check_digit", "bad check digit"),
        ("1101051949123100AX", "format", "invalid characters"),
        ("1101011990030745", "length", "wrong length"),
        (_with_good_check_digit("11010519491331002"), "component", "birth date"),
    ],
)
def test_invalid_resident_id(number, reason, text):
    with pytest.raises(ResidentIdError) as caught:
        validate_resident_id(number)
    assert caught.value.reason == reason
    assert text in str(caught.value)
    assert number not in str(caught.value)  # messages reach logs: no personal data
    assert isinstance(caught.value, ValueError)


def test_valid_uscc():
    assert validate_uscc(VALID_USCC.lower()) == VALID_USCC


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("91110000600037341M", "check_digit"),
        ("9111000060003734", "length"),
        ("9111000060003734IL", "format"),
    ],
)
def test_invalid_uscc(number, reason):
    with pytest.raises(CreditCodeError) as caught:
        validate_uscc(number)
    assert caught.value.reason == reason
    assert isinstance(caught.value, IdentityNumberError)
    if reason == "check_digit":
        assert "bad check digit" in str(caught.value)


def test_validators_refuse_non_strings():
    with pytest.raises(TypeError):
        validate_resident_id(110101199003074514)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        validate_uscc(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("110101199003074518", "110101********4518"),
        ("11010519491231002x", "110105********002X"),
        ("110101900307451", "110101*****7451"),  # old 15-digit number
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("0731-8888888", "073*****8888"),
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked
