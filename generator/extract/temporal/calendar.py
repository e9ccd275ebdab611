"""Calendar arithmetic and TIMEX3 value strings for days, weeks, months, quarters and years."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from .lexicon import SEASON_MONTHS

MIN_YEAR, MAX_YEAR = 1, 9998


class Period(NamedTuple):
    """A TIMEX3 value with the calendar days it covers (None when not on the calendar)."""

    value: str
    start: dt.date | None = None
    end: dt.date | None = None


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when it does not exist."""
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def add_days(d: dt.date, n: int) -> dt.date | None:
    """d plus n days, or None beyond the calendar."""
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return None


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """The (year, month) n months after (y, m)."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def in_range(y: int) -> bool:
    return MIN_YEAR < y < MAX_YEAR


def day(d: dt.date | None, suffix: str = "") -> Period | None:
    """One calendar day, with an optional time suffix ("TNI", "T10:30")."""
    if d is None:
        return None
    return Period(d.isoformat() + suffix, d, d)


def month(y: int, m: int) -> Period | None:
    if not in_range(y) or not 1 <= m <= 12:
        return None
    return Period(f"{y:04d}-{m:02d}", dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))


def year(y: int) -> Period | None:
    if not in_range(y):
        return None
    return Period(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31))


def week_of(d: dt.date | None, suffix: str = "") -> Period | None:
    """The ISO week holding d ("1998-W06"); suffix "-WE" for its weekend."""
    if d is None or not in_range(d.year):
        return None
    y, w, wd = d.isocalendar()
    monday = d - dt.timedelta(days=wd - 1)
    start = monday + dt.timedelta(days=5) if suffix == "-WE" else monday
    return Period(f"{y:04d}-W{w:02d}{suffix}", start, monday + dt.timedelta(days=6))


def quarter(y: int, q: int) -> Period | None:
    if not in_range(y) or not 1 <= q <= 4:
        return None
    last = 3 * q
    return Period(f"{y:04d}-Q{q}", dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1]))


def half(y: int, h: int) -> Period | None:
    if not in_range(y) or h not in (1, 2):
        return None
    return Period(f"{y:04d}-H{h}", dt.date(y, 1 if h == 1 else 7, 1), dt.date(y, 6 if h == 1 else 12, 30 + (h == 2)))


def season(y: int, code: str) -> Period | None:
    if not in_range(y) or code not in SEASON_MONTHS:
        return None
    first, last = SEASON_MONTHS[code]
    ey = y + 1 if last < first else y
    return Period(f"{y:04d}-{code}", dt.date(y, first, 1), dt.date(ey, last, calendar.monthrange(ey, last)[1]))


def decade(d: int) -> Period | None:
    """A decade from its first three digits (199 -> the 1990s)."""
    if not 1 <= d <= 999:
        return None
    return Period(f"{d:03d}", dt.date(d * 10, 1, 1) if d * 10 > 0 else None, dt.date(d * 10 + 9, 12, 31))


def century(c: int) -> Period | None:
    """A century from its first two digits (19 -> the 20th century)."""
    if not 1 <= c <= 99:
        return None
    return Period(f"{c:02d}", dt.date(c * 100, 1, 1), dt.date(c * 100 + 99, 12, 31))


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_near(anchor: dt.date, wd: int, direction: int) -> dt.date | None:
    """The weekday wd (1 = Monday) nearest the anchor in a direction (-1 past, +1 future, 0 either)."""
    back = (anchor.isoweekday() - wd) % 7
    if direction > 0:
        return add_days(anchor, (wd - anchor.isoweekday()) % 7)
    if direction == 0 and back > 3:
        return add_days(anchor, 7 - back)
    return add_days(anchor, -back)


def year_for(anchor: dt.date, m: int, d: int, direction: int, slack: int = 0) -> int:
    """The year that puts month-day m/d nearest the anchor, on the side the direction asks for."""
    best, best_gap = anchor.year, None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = safe_date(y, m, min(d, 28) if m == 2 and d == 29 else d)
        if when is None:
            continue
        gap = (when - anchor).days
        if direction < 0 and gap > slack or direction > 0 and gap < -slack:
            continue
        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = y, abs(gap)
    return best


def nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date | None:
    """The n-th weekday wd of a month (n = -1: the last)."""
    if not in_range(y):
        return None
    days = [d for d in range(1, calendar.monthrange(y, m)[1] + 1) if dt.date(y, m, d).isoweekday() == wd]
    return dt.date(y, m, days[n]) if -len(days) <= n < len(days) else None


def easter(y: int) -> dt.date | None:
    """Western Easter Sunday of year y (the anonymous Gregorian computus)."""
    if not 1583 <= y <= MAX_YEAR:
        return None
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return dt.date(y, month, (h + el - 7 * m + 33 * month + 19) % 32)
