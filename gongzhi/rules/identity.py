"""Identity numbers: 居民身份证 and 统一社会信用代码, validated and masked.

Owns validation through python-stdnum (``stdnum.cn.ric``: GB 11643 check digit, birth
date, region code; ``stdnum.cn.uscc``: GB 32100 check digit) and the masking rule used
wherever a person's number or phone is shown to someone who may not see it in full.

Masking rule (one place, documented in the glossary of personal data):

- resident ID: keep the first 6 characters (the county-level region code) and the last 4,
  so staff can tell two records apart; the 8 birth-date digits are hidden:
  ``110101199003074518`` → ``110101********4518``. Values shorter than 11 characters
  are masked entirely.
- phone: keep the first 3 (carrier prefix) and last 4 digits: ``13812345678`` →
  ``138****5678``. Values shorter than 8 characters are masked entirely.
- ``None`` or empty → ``""``. Masking never raises and never validates.

Error messages never contain the number itself (they end up in logs).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum.cn import ric, uscc
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)


class IdentityNumberError(ValueError):
    """An identity number that does not validate; ``reason`` is a stable code."""

    def __init__(self, kind: str, reason: str, detail: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(f"{kind}: {detail}")


class ResidentIdError(IdentityNumberError):
    """A 居民身份证 number that does not validate."""


class CreditCodeError(IdentityNumberError):
    """A 统一社会信用代码 that does not validate."""


_REASONS: tuple[tuple[type[ValidationError], str, str], ...] = (
    (InvalidLength, "length", "wrong length (expected 18 characters)"),
    (InvalidChecksum, "check_digit", "bad check digit"),
    (InvalidComponent, "component", "invalid birth date or region code"),
    (InvalidFormat, "format", "invalid characters"),
)


def _reason(error: ValidationError) -> tuple[str, str]:
    for cls, reason, detail in _REASONS:
        if isinstance(error, cls):
            return reason, detail
    return "invalid", "invalid number"


def _validated(
    value: object,
    validate: Callable[[str], str],
    error: type[IdentityNumberError],
    names: tuple[str, str],
    format_detail: str,
) -> str:
    """``value`` without white space, checked by stdnum's ``validate``; a failure raises
    ``error`` with its stable reason (``format_detail`` says what the format is). ``names``:
    the short name for a type error and the full name for a validation error."""
    short, kind = names
    if not isinstance(value, str):
        raise TypeError(f"{short} must be a str, not {type(value).__name__}")
    try:
        return validate("".join(value.split()))
    except ValidationError as failure:
        reason, detail = _reason(failure)
        if reason == "format":
            detail = format_detail
        raise error(kind, reason, detail) from None


def validate_resident_id(value: str) -> str:
    """Validate a resident ID number; return it normalised (18 characters, upper-case X).

    Whitespace anywhere is ignored (people type the number in groups).

    Raises :class:`ResidentIdError` with ``reason`` ``length``, ``format``,
    ``check_digit`` or ``component`` (impossible birth date or unknown region code).
    """
    return _validated(
        value,
        ric.validate,
        ResidentIdError,
        ("resident ID", "resident ID number"),
        "invalid characters (17 digits then a digit or X expected)",
    )


def validate_uscc(value: str) -> str:
    """Validate a unified social credit code; return it normalised (18 upper-case chars).

    Raises :class:`CreditCodeError` with ``reason`` ``length``, ``format`` or
    ``check_digit``.
    """
    return _validated(
        value,
        uscc.validate,
        CreditCodeError,
        ("credit code", "unified social credit code"),
        "invalid characters (8 digits then letters/digits without I, O, S, V, Z)",
    )


def _mask(value: str | None, keep_head: int, keep_tail: int, shortest: int) -> str:
    if not value:
        return ""
    text = "".join(str(value).split()).upper()
    if len(text) < shortest:
        return "*" * len(text)
    hidden = len(text) - keep_head - keep_tail
    return text[:keep_head] + "*" * hidden + text[len(text) - keep_tail :]


def mask_id_number(value: str | None) -> str:
    """``110101199003074518`` → ``110101********4518`` (see the module docstring)."""
    return _mask(value, 6, 4, 11)


def mask_phone(value: str | None) -> str:
    """``13812345678`` → ``138****5678`` (see the module docstring)."""
    return _mask(value, 3, 4, 8)


CONTACT_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$")
"""A contact number an owner leaves: a mainland mobile, or a landline with or without its
area code."""
