"""Validation rules shared by the housing forms, the API and the Excel importer.

Pure functions over plain values: each takes what a person typed (a string, a number,
``None``) and returns the clean value, or raises :class:`FieldError` with a stable
``reason`` code and a translated ``message``. :class:`Errors` collects the errors of a
whole record so a service can report every bad field at once (``Errors.raise_if_any``
raises a :class:`~gongzhi.core.errors.DomainError` naming each field).

Rules:

- areas are Decimal, > 0, with at most 2 decimal places (registered to 0.01 m²);
  never float (``clean_area``);
- exclusive-part kinds and delivery states are the model's choices (``clean_part_kind``,
  ``clean_delivery``);
- 居民身份证 numbers and 统一社会信用代码 are validated by ``gongzhi.rules.identity``
  (check digit included) (``clean_resident_id``, ``clean_uscc``);
- shares are exact fractions in (0, 1]; the shares of one part sum to exactly 1
  (``parse_share``, ``check_shares``) — 民法典 art. 278 counts exclusive area, so a part
  must be fully owned;
- an occupant moves out on or after moving in (``check_occupancy_dates``);
- "old project" (老旧小区) means completed by the end of the profile's
  ``old_project_completed_by_year_end`` (seed 001 §五): ``check_category`` refuses the
  category ``old`` for a later (or unknown) completion year and warns when another
  category is given to a project that qualifies as old.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.errors import require
from gongzhi.registry.models import ExclusivePart, Occupant, Owner, Project
from gongzhi.rules.identity import CreditCodeError, ResidentIdError, validate_resident_id
from gongzhi.rules.identity import validate_uscc as _validate_uscc
from gongzhi.rules.projects import old_project_check

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

T = TypeVar("T")

MIN_YEAR = 1900

_ID_REASONS: dict[str, Promise] = {
    "length": _("An ID card number has 18 characters."),
    "check_digit": _("The ID card number's check digit is wrong."),
    "component": _("The ID card number has an impossible birth date or region code."),
    "format": _("An ID card number is 17 digits followed by a digit or X."),
}
_USCC_REASONS: dict[str, Promise] = {
    "length": _("A unified social credit code has 18 characters."),
    "check_digit": _("The unified social credit code's check digit is wrong."),
    "format": _("The unified social credit code contains invalid characters."),
}


class FieldError(ValueError):
    """One bad value: ``reason`` is a stable code, ``message`` is translated."""

    def __init__(self, reason: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.reason = reason
        self.message = message


class Errors:
    """Collects the field errors of one record; raise them all at once."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str | Promise]] = {}

    def add(self, field: str, message: str | Promise) -> None:
        self.fields.setdefault(field, []).append(message)

    def check(self, field: str, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)``; on :class:`FieldError` record it under ``field`` and return None."""
        try:
            return fn(*args)
        except FieldError as error:
            self.add(field, error.message)
            return None

    def __bool__(self) -> bool:
        return bool(self.fields)

    def raise_if_any(self) -> None:
        require(self.fields)


def clean_text(value: Any, *, max_length: int, required: bool = True) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if required and not text:
        raise FieldError("required", _("This field is required."))
    if len(text) > max_length:
        raise FieldError(
            "too_long",
            _("At most %(n)d characters.") % {"n": max_length},
        )
    return text


def clean_area(value: Any, *, max_digits: int = 10, required: bool = True) -> Decimal | None:
    """A registered area in m²: Decimal > 0 with at most 2 decimal places."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError("required", _("Enter the area."))
        return None
    if isinstance(value, float | bool):
        raise FieldError("type", _("Enter the area as a number with at most 2 decimals."))
    try:
        area = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise FieldError("format", _("Enter the area as a number, e.g. 89.50.")) from None
    if not area.is_finite():
        raise FieldError("format", _("Enter the area as a number, e.g. 89.50."))
    if area <= 0:
        raise FieldError("not_positive", _("The area must be greater than zero."))
    if area.adjusted() >= max_digits - 2:  # before quantize, which cannot hold e.g. 9e208
        raise FieldError("too_large", _("The area is too large."))
    exponent = area.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and area != area.quantize(Decimal("0.01")):
        raise FieldError("decimals", _("The area has at most 2 decimal places (0.01 m²)."))
    area = area.quantize(Decimal("0.01"))
    if len(area.as_tuple().digits) > max_digits:
        raise FieldError("too_large", _("The area is too large."))
    return area


def clean_positive_int(value: Any, *, maximum: int = 200, required: bool = True) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError("required", _("This field is required."))
        return None
    if isinstance(value, bool | float):
        raise FieldError("format", _("Enter a whole number."))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise FieldError("format", _("Enter a whole number.")) from None
    if number <= 0 or number > maximum:
        raise FieldError("range", _("Enter a whole number from 1 to %(max)d.") % {"max": maximum})
    return number


def clean_floor(value: Any) -> int | None:
    """A floor number; negative for basements, never 0; empty allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise FieldError("format", _("Enter a whole number.")) from None
    if number == 0 or not -10 <= number <= 200:
        raise FieldError("range", _("Enter a floor from -10 to 200 (not 0)."))
    return number


def clean_year(value: Any, *, today: dt.date | None = None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    today = today or clock.today()
    try:
        year = int(str(value).strip())
    except ValueError:
        raise FieldError("format", _("Enter a year, e.g. 2003.")) from None
    if not MIN_YEAR <= year <= today.year + 10:
        raise FieldError("range", _("Enter a year between 1900 and ten years from now."))
    return year


def _choice(value: Any, choices: Iterable[str]) -> str:
    text = "" if value is None else str(value).strip()
    if text not in set(choices):
        raise FieldError("choice", _("Select a valid choice."))
    return text


def clean_part_kind(value: Any) -> str:
    """``dwelling``, ``parking`` or ``shop``."""
    return _choice(value, ExclusivePart.Kind.values)


def clean_delivery(value: Any) -> str:
    """``unsold``, ``sold_undelivered`` or ``delivered``."""
    return _choice(value, ExclusivePart.Delivery.values)


def clean_category(value: Any) -> str:
    return _choice(value, Project.Category.values)


def clean_service_mode(value: Any) -> str:
    return _choice(value, Project.ServiceMode.values)


def clean_owner_kind(value: Any) -> str:
    return _choice(value, Owner.Kind.values)


def clean_occupant_kind(value: Any) -> str:
    return _choice(value, Occupant.Kind.values)


def clean_resident_id(value: Any) -> str:
    """A 居民身份证 number, check digit included; returned normalised (upper-case X)."""
    text = "" if value is None else str(value)
    if not text.strip():
        raise FieldError("required", _("Enter the ID card number."))
    try:
        return validate_resident_id(text)
    except ResidentIdError as error:
        raise FieldError(
            error.reason, _ID_REASONS.get(error.reason, _ID_REASONS["format"])
        ) from None


def clean_uscc(value: Any) -> str:
    """A 统一社会信用代码 (GB 32100 check digit); returned normalised."""
    text = "" if value is None else str(value)
    if not text.strip():
        raise FieldError("required", _("Enter the unified social credit code."))
    try:
        return _validate_uscc(text)
    except CreditCodeError as error:
        raise FieldError(
            error.reason, _USCC_REASONS.get(error.reason, _USCC_REASONS["format"])
        ) from None


def clean_phone(value: Any) -> str:
    """A phone number: digits with optional ``+``, ``-`` and spaces; may be empty."""
    text = "" if value is None else "".join(str(value).split())
    if not text:
        return ""
    digits = text.lstrip("+").replace("-", "")
    if not digits.isdigit() or not 5 <= len(digits) <= 20:
        raise FieldError("format", _("Enter a phone number (digits only)."))
    return text


def parse_share(value: Any) -> Fraction:
    """An owner's share: ``"1/2"``, ``"1"``, a ``Fraction`` or an int; in (0, 1]."""
    if isinstance(value, float | bool):
        raise FieldError("type", _("Enter the share as a fraction, e.g. 1/2."))
    if isinstance(value, Fraction):
        share = value
    else:
        text = "" if value is None else "".join(str(value).split())
        if not text:
            raise FieldError("required", _("Enter the share, e.g. 1/2."))
        try:
            numerator, _sep, denominator = text.partition("/")
            if not numerator.isdigit() or (denominator and not denominator.isdigit()):
                raise ValueError(text)
            share = Fraction(int(numerator), int(denominator or 1))
        except (ValueError, ZeroDivisionError):
            raise FieldError("format", _("Enter the share as a fraction, e.g. 1/2.")) from None
    if not 0 < share <= 1:
        raise FieldError("range", _("A share is more than 0 and at most 1."))
    if share.denominator > 2_000_000_000:
        raise FieldError("range", _("The share's denominator is too large."))
    return share


def check_shares(shares: Iterable[Fraction]) -> None:
    """The shares of one exclusive part sum to exactly 1 (exact fractions, no rounding)."""
    items = list(shares)
    if not items:
        raise FieldError("empty", _("A part needs at least one owner."))
    total = sum(items, Fraction(0))
    if total != 1:
        raise FieldError(
            "total",
            _("The owners' shares add up to %(total)s; they must add up to exactly 1.")
            % {"total": str(total)},
        )


def check_occupancy_dates(moved_in: dt.date | None, moved_out: dt.date | None) -> None:
    if moved_in is not None and moved_out is not None and moved_out < moved_in:
        raise FieldError("order", _("The move-out date cannot be before the move-in date."))


def clean_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        raise FieldError("format", _("Enter a date (YYYY-MM-DD)."))
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldError("format", _("Enter a date (YYYY-MM-DD).")) from None


def check_category(
    profile: PolicyProfile, category: str, completed_year: int | None
) -> str | Promise | None:
    """Category against the completion year (seed 001 §五: 老旧小区 = completed by the end
    of ``old_project_completed_by_year_end``, 2004 in seed 001, 2000 nationally).

    Refuses (``FieldError``) the category ``old`` when the year is unknown or later than
    the cutoff: the category would then contradict the policy's definition. Returns a
    warning (saved anyway) when a project that qualifies as old is given another
    category — resettlement or public-rental housing can be old too, and a new
    commercial project's category may be kept on purpose; officials decide.
    """
    if category == Project.Category.OLD:
        if completed_year is None:
            raise FieldError(
                "year_required", _("Enter the year completed: it decides whether a project is old.")
            )
        if not old_project_check(profile, completed_year).old:
            raise FieldError(
                "not_old",
                _(
                    "An old project is one completed by the end of %(cutoff)d; "
                    "this one was completed in %(year)d."
                )
                % {
                    "cutoff": profile.int_value("old_project_completed_by_year_end"),
                    "year": completed_year,
                },
            )
        return None
    if completed_year is not None and old_project_check(profile, completed_year).old:
        return _(
            "Completed by the end of %(cutoff)d, this project qualifies as an old "
            "residential area; check its category."
        ) % {"cutoff": profile.int_value("old_project_completed_by_year_end")}
    return None
