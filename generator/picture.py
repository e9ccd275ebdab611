"""Timeline pictures: events -> an inline SVG drawn at build time (no script, no outside library).

A horizontal time axis with one mark per event (a dot for a day, a bar for a
range), stacked in lanes so that marks and their labels do not overlap; each
mark links to the paragraph it came from and carries its text as a tooltip and
as the link's accessible name. The picture is a labelled group, not an image: its
links are Tab stops that a screen reader announces (an image's content is
presentational). Everything from a source is escaped.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Geometry in SVG user units. The picture is drawn at 1 unit = 1 px or larger: WIDTH fits the
# content column of a Material page at 1280 px (about 690 px), and narrower screens keep it at
# WIDTH px in a frame that scrolls sideways (assets/briefings.css), so that labels of 12 units
# are never drawn smaller than 12 px (issue 19: 10 px labels at 375 px).
WIDTH = 640
MARGIN = 14
LANE_HEIGHT = 22
AXIS_HEIGHT = 36
MAX_LANES = 14  # more marks than fit share the lowest-filled lane
CHAR_WIDTH = 6.8  # average width of a character at font-size 12 (0.56 em, sans-serif text), for placing labels
LABEL_CHARS = 30  # labels are cut to this many characters
LABEL_MAX_MARKS = 40  # with more marks than this, only tooltips carry the text
MIN_BAR = 5  # narrowest bar drawn for a range
DAY_TICKS = 10  # up to this many days, one axis label a day (10 labels of 45 units in WIDTH - 2 * MARGIN)


@dataclass(frozen=True)
class Mark:
    """One event on the picture."""

    start: dt.date
    end: dt.date
    label: str
    title: str  # the tooltip: full text
    href: str  # a link we built (relative URL)


def _x(day: dt.date, first: dt.date, span: int) -> float:
    if span <= 0:
        return WIDTH / 2
    return MARGIN + (day - first).days / span * (WIDTH - 2 * MARGIN)


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks: days, weeks, months or years, by the length of the span."""
    span = (last - first).days
    if span <= 14:  # a label ("30 Dec", about 45 units) every day, or every other day past DAY_TICKS
        step = 1 if span < DAY_TICKS else 2
        return [(first + dt.timedelta(days=i), f"{(first + dt.timedelta(days=i)).day} {first + dt.timedelta(days=i):%b}")
                for i in range(0, span + 1, step)]
    if span <= 70:
        days = [first + dt.timedelta(days=i) for i in range(span + 1)]
        return [(d, f"{d.day} {d:%b}") for d in days if d.weekday() == 0 or d == first]
    if span <= 800:
        out, d = [], dt.date(first.year, first.month, 1)
        step = 1 if span <= 240 else 2 if span <= 400 else 3  # at most 9 labels ("Dec 2021", 55 units)
        while d <= last:
            if d >= first:
                out.append((d, f"{d:%b %Y}"))
            m = d.month - 1 + step
            d = dt.date(d.year + m // 12, m % 12 + 1, 1)
        return out
    step = max(1, (last.year - first.year) // 10)
    return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1, step)]


def _lanes(marks: Sequence[Mark], first: dt.date, span: int, labelled: bool) -> list[int]:
    """A lane for each mark (in the given order) so that marks and labels do not overlap."""
    ends: list[float] = []
    out = []
    for m in marks:
        x0 = _x(m.start, first, span) - 6
        x1 = max(_x(m.end, first, span), x0 + 12) + (len(_label(m)) * CHAR_WIDTH + 8 if labelled else 4)
        lane = next((i for i, e in enumerate(ends) if e <= x0), None)
        if lane is None:
            if len(ends) < MAX_LANES:
                lane = len(ends)
                ends.append(0.0)
            else:
                lane = min(range(len(ends)), key=ends.__getitem__)
        ends[lane] = x1
        out.append(lane)
    return out


def _label(m: Mark) -> str:
    return m.label if len(m.label) <= LABEL_CHARS else m.label[:LABEL_CHARS - 1].rstrip() + "…"


def timeline_svg(marks: Sequence[Mark], caption: str) -> Markup:
    """An inline SVG of the marks on one time axis; empty when there are none."""
    if not marks:
        return Markup("")
    marks = sorted(marks, key=lambda m: (m.start, m.end, m.label))
    first = min(m.start for m in marks)
    last = max(m.end for m in marks)
    span = (last - first).days
    labelled = len(marks) <= LABEL_MAX_MARKS
    lanes = _lanes(marks, first, span, labelled)
    height = AXIS_HEIGHT + (max(lanes) + 1) * LANE_HEIGHT + 8
    axis_y = height - AXIS_HEIGHT + 8
    parts = [f'<svg class="timeline-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
             f'aria-label="{escape(caption)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(caption)}</title>",
             f'<line class="axis" x1="{MARGIN}" y1="{axis_y}" x2="{WIDTH - MARGIN}" y2="{axis_y}"/>']
    for day, text in _ticks(first, last):
        x = _x(day, first, span)
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}"/>'
                     f'<text class="tick-label" x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle">{escape(text)}</text>')
    for m, lane in zip(marks, lanes):
        parts.append(_mark(m, lane, first, span, labelled))
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _mark(m: Mark, lane: int, first: dt.date, span: int, labelled: bool) -> str:
    y = 8 + lane * LANE_HEIGHT + LANE_HEIGHT / 2
    x0 = _x(m.start, first, span)
    if m.end > m.start:
        x1 = max(_x(m.end, first, span), x0 + MIN_BAR)
        shape = f'<rect class="range" x="{x0:.1f}" y="{y - 4:.1f}" width="{x1 - x0:.1f}" height="8" rx="3"/>'
        text_x = x1 + 5
    else:
        shape = f'<circle class="day" cx="{x0:.1f}" cy="{y:.1f}" r="5"/>'
        text_x = x0 + 8
    label = ""
    if labelled:
        anchor = "start"
        if text_x + len(_label(m)) * CHAR_WIDTH > WIDTH:
            text_x, anchor = x0 - 8, "end"
        label = f'<text class="mark-label" x="{text_x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{escape(_label(m))}</text>'
    return (f'<a href="{escape(m.href)}" aria-label="{escape(m.title)}"><title>{escape(m.title)}</title>'
            f'{shape}{label}</a>')


def month_bars(months: Sequence[tuple[dt.date, int, str]], caption: str) -> Markup:
    """An SVG bar per month (first day, number of events, link to the month's page)."""
    if not months:
        return Markup("")
    top = max(n for _, n, _ in months) or 1
    bar_area = 90
    height = bar_area + AXIS_HEIGHT
    slot = (WIDTH - 2 * MARGIN) / len(months)
    every = max(1, int(len(months) * 60 / WIDTH))  # one label per ~60 units
    parts = [f'<svg class="timeline-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
             f'aria-label="{escape(caption)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(caption)}</title>",
             f'<line class="axis" x1="{MARGIN}" y1="{bar_area}" x2="{WIDTH - MARGIN}" y2="{bar_area}"/>']
    for i, (day, n, href) in enumerate(months):
        h = max(2.0, n / top * (bar_area - 10))
        x = MARGIN + i * slot
        name = escape(f"{day:%B %Y}: {n} dated event{'s' if n != 1 else ''}")
        parts.append(f'<a href="{escape(href)}" aria-label="{name}"><title>{name}</title>'
                     f'<rect class="range" x="{x + 1:.1f}" y="{bar_area - h:.1f}" width="{max(slot - 2, 1):.1f}" '
                     f'height="{h:.1f}"/></a>')
        if i % every == 0:
            parts.append(f'<text class="tick-label" x="{x + slot / 2:.1f}" y="{bar_area + 18}" '
                         f'text-anchor="middle">{escape(f"{day:%b %Y}")}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))
