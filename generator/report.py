"""What a build did: counts, failures and timings, for the summary line and the exit status."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Failure


@dataclass
class Report:
    """What a build did, for the summary line and the exit status."""

    briefings: int = 0
    extracted: int = 0
    cached: int = 0
    failures: list[Failure] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # generated paths left alone: edited by hand
    site_built: bool = False
    html: str = ""  # what the HTML step did: full, dirty or unchanged
    search: str = ""  # what it did to the search index: full, delta or kept (search.update_index)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def summary(self) -> str:
        parts = [f"{self.briefings} briefings ({self.extracted} extracted, {self.cached} from cache)",
                 f"{len(self.written)} pages written, {self.unchanged} unchanged, {len(self.removed)} removed"]
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return "; ".join(parts)
