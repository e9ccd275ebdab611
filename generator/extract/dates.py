"""Time expressions: found, typed and placed on the calendar."""
from __future__ import annotations

import datetime as dt
import re

from ..model import DateRef

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
FULL_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I)


def find_dates(doc, anchor: dt.date | None) -> tuple[DateRef, ...]:
    """Explicit calendar dates ("January 18, 2022") in the text."""
    out = []
    for m in FULL_DATE.finditer(doc.text):
        try:
            day = dt.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        except ValueError:
            continue
        out.append(DateRef(text=m.group(0), span=m.span(), type="DATE", value=day.isoformat(),
                           start=day, end=day))
    return tuple(out)


def infer_published(doc) -> dt.date | None:
    """The publication date reasoned from the article's own references (none yet)."""
    return None
