"""The one normal form names are compared in, and the words of address left out of a name.

Within an article (extract/names.py) and across articles (identity.py) names
must be folded by the same rules, or the two disagree silently (issue 21).
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Words that say how to address a person, not who they are: "Mr Bez" is Bez.
ADDRESS = {"mr", "mrs", "ms", "miss", "mx", "dr", "mr.", "mrs.", "ms.", "mx.", "dr."}
# Titles of rank that are part of how a person is named ("Lord Falconer"), yet not of who they are.
PEERAGE = {"sir", "dame", "lord", "lady", "baroness", "baron"}
HONORIFICS = ADDRESS | PEERAGE
# Letters that Unicode does not decompose into a base letter plus an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                              "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i"})
SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=200_000)  # names repeat across articles; folding is a hot spot
def fold(text: str) -> str:
    """Lowercase ASCII, single-spaced, typographic apostrophes, British spellings and '&' evened out."""
    text = unicodedata.normalize("NFKD", (text or "").translate(UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = SPACES.sub(" ", text).strip().casefold()
    return text.replace("organisation", "organization").replace(" & ", " and ")
