"""Direct quotations and who said them."""
from __future__ import annotations

import re

from ..model import Actor, Quote

QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
SPEECH = re.compile(r"\b(said|says|told|added|warned)\b")


def find_quotes(doc, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    """Every quoted passage, with the nearest person actor in its sentence as speaker."""
    text = doc.text
    out = []
    for m in QUOTED.finditer(text):
        speaker = speaker_span = None
        for actor in actors:
            if actor.kind != "person":
                continue
            for s, e in actor.mentions:
                if abs(s - m.end()) < 80 or abs(m.start() - e) < 80:
                    speaker, speaker_span = actor.name, (s, e)
                    break
            if speaker:
                break
        out.append(Quote(text=m.group(0), span=(m.start(), m.end()), speaker=speaker,
                         speaker_span=speaker_span))
    return tuple(out)
