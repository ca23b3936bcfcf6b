"""Reading the dates of a holiday notice as typed on the page: one date or range a line.

``2027-02-06`` or ``2027-02-06..2027-02-12`` (both ends included); blank lines are
skipped. Every error names the line, so the official can find it in the notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RANGE_SEPARATOR = ".."
# A single line spanning more than this is a typing error (the longest holiday is 8–9 days).
MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class DatedLine:
    """A parsed line: its number (1-based) and the days it stands for."""

    number: int
    days: tuple[dt.date, ...]


class LineError(ValueError):
    """A line that cannot be read; ``message`` is translated and names the line."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def _date(text: str, number: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise LineError(
            _("Line %(line)s: “%(text)s” is not a date like 2027-02-06.")
            % {"line": number, "text": text.strip()}
        ) from None


def parse_lines(text: str) -> list[DatedLine]:
    """The dated lines of ``text`` (raises :class:`LineError` on the first bad line)."""
    out: list[DatedLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if RANGE_SEPARATOR in line:
            first_text, _sep, last_text = line.partition(RANGE_SEPARATOR)
            first, last = _date(first_text, number), _date(last_text, number)
            if last < first:
                raise LineError(
                    _("Line %(line)s: the range ends before it starts.") % {"line": number}
                )
            span = (last - first).days + 1
            if span > MAX_RANGE_DAYS:
                raise LineError(
                    _("Line %(line)s: a range of %(days)s days is too long (at most %(max)s).")
                    % {"line": number, "days": span, "max": MAX_RANGE_DAYS}
                )
            days = tuple(first + dt.timedelta(days=i) for i in range(span))
        else:
            days = (_date(line, number),)
        out.append(DatedLine(number, days))
    return out


def format_days(days: list[str] | tuple[dt.date, ...]) -> str:
    """Sorted ISO days back as text, consecutive days folded into ranges."""
    dates = sorted(d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in days)
    lines: list[str] = []
    start = end = None
    for day in dates:
        if end is not None and day == end + dt.timedelta(days=1):
            end = day
            continue
        if start is not None and end is not None:
            lines.append(_range(start, end))
        start = end = day
    if start is not None and end is not None:
        lines.append(_range(start, end))
    return "\n".join(lines)


def _range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}{RANGE_SEPARATOR}{end.isoformat()}"
