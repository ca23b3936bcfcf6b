"""Writes of holiday schedules: enter or correct a year's notice, delete it. Audited.

Only the housing bureau (or the platform administrator) writes; the schedule is the
State Council's and national, so a bureau official of any district may enter it. The
dates are checked line by line (every error names the line), then by the rules core's
:class:`~gongzhi.rules.workdays.YearSchedule`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core.errors import (
    DomainError,
    FieldErrors,
    NotFoundError,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor
from gongzhi.holidays.models import FIRST_YEAR, LAST_YEAR, HolidayYear
from gongzhi.holidays.parsing import DatedLine, LineError, parse_lines
from gongzhi.rules.workdays import BUILTIN_YEARS, YearSchedule

_SATURDAY = 5


def may_edit(actor: Actor) -> bool:
    return actor.has_role(Role.BUREAU)


def _require_editor(actor: Actor) -> None:
    if not may_edit(actor):
        raise PermissionDeniedError(_("Only the housing bureau enters holiday schedules."))


def _lines(field: str, text: str, errors: FieldErrors) -> list[DatedLine]:
    try:
        return parse_lines(text)
    except LineError as error:
        errors.setdefault(field, []).append(error.message)
        return []


def _check_lines(
    year: int, rest: list[DatedLine], work: list[DatedLine], errors: FieldErrors
) -> None:
    for field, lines in (("rest_days", rest), ("workdays", work)):
        for line in lines:
            for day in line.days:
                if day.year != year:
                    errors.setdefault(field, []).append(
                        _("Line %(line)s: %(day)s is not in %(year)s.")
                        % {"line": line.number, "day": day.isoformat(), "year": year}
                    )
                    break
    for line in work:
        for day in line.days:
            if day.weekday() < _SATURDAY:
                errors.setdefault("workdays", []).append(
                    _(
                        "Line %(line)s: %(day)s is a weekday; a make-up workday (调休) is a "
                        "Saturday or Sunday."
                    )
                    % {"line": line.number, "day": day.isoformat()}
                )
                break
    rest_line = {day: line.number for line in rest for day in line.days}
    for line in work:
        for day in line.days:
            if day in rest_line:
                errors.setdefault("workdays", []).append(
                    _(
                        "Line %(line)s: %(day)s is also a rest day (line %(rest_line)s of the "
                        "rest days)."
                    )
                    % {"line": line.number, "day": day.isoformat(), "rest_line": rest_line[day]}
                )
    if not errors and not rest:
        errors["rest_days"] = [_("Enter the rest days of the notice.")]


def validate(*, year: int, rest_days: str, workdays: str, source: str) -> YearSchedule:
    """The year's schedule from the typed lines, or DomainError naming every bad line."""
    errors: FieldErrors = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [
            _("Enter a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    elif year in BUILTIN_YEARS:
        errors["year"] = [
            _("The schedule of %(year)s is built in and cannot be changed here.") % {"year": year}
        ]
    source = source.strip()
    if not source:
        errors["source"] = [_("Name the notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知.")]
    rest = _lines("rest_days", rest_days, errors)
    work = _lines("workdays", workdays, errors)
    if "year" not in errors:
        _check_lines(year, rest, work, errors)
    if errors:
        raise invalid(errors, _("The holiday schedule was not saved."))
    try:
        return YearSchedule(
            year,
            frozenset(day for line in rest for day in line.days),
            frozenset(day for line in work for day in line.days),
            source,
        )
    except ValueError as error:  # the rules core's own checks, should the above miss one
        raise DomainError(
            _("The holiday schedule was not saved."), fields={"rest_days": [str(error)]}
        ) from None


def _iso(days: frozenset[dt.date]) -> list[str]:
    return [day.isoformat() for day in sorted(days)]


@transaction.atomic
def holiday_year_save(
    *, actor: Actor, year: int, rest_days: str, workdays: str, source: str
) -> HolidayYear:
    """Enter ``year``'s schedule, or replace what was entered for it (audited)."""
    _require_editor(actor)
    schedule = validate(year=year, rest_days=rest_days, workdays=workdays, source=source)
    row = HolidayYear.objects.select_for_update().filter(year=year).first()
    values = {
        "rest_days": _iso(schedule.holidays),
        "workdays": _iso(schedule.workdays),
        "source": schedule.source,
        "entered_by": actor.user,
    }
    if row is None:
        row = HolidayYear.objects.create(year=year, **values)
        audit.record_create(actor, row)
        return row
    before = audit.snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    audit.record_update(actor, row, before)
    return row


@transaction.atomic
def holiday_year_delete(*, actor: Actor, year: int) -> None:
    """Delete the entered schedule of ``year`` (its deadlines become provisional again)."""
    _require_editor(actor)
    row = HolidayYear.objects.select_for_update().filter(year=year).first()
    if row is None:
        raise NotFoundError(_("No holiday schedule was entered for %(year)s.") % {"year": year})
    audit.record_delete(actor, row)
    row.delete()
