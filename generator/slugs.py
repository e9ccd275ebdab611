"""Safe, stable, unique page names from titles and names."""
from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 60
RESERVED = {"index", "search", "assets", "tags", "404", "sitemap", "feed"}


def slugify(text: str, fallback: str = "page") -> str:
    """Lowercase ASCII words joined by hyphens; never empty, never a path."""
    folded = unicodedata.normalize("NFKD", text or "")
    folded = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        slug = fallback
    if slug in RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def unique_slugs(items: list[tuple[str, str]], fallback: str = "page") -> dict[str, str]:
    """{identity: slug} for (identity, label) pairs; clashes get a hash of the identity.

    The hash depends only on the identity, so a page keeps its URL when other
    pages come and go.
    """
    by_slug: dict[str, list[str]] = {}
    for ident, label in items:
        by_slug.setdefault(slugify(label, fallback), []).append(ident)
    out = {}
    for slug, idents in by_slug.items():
        for ident in idents:
            out[ident] = slug if len(idents) == 1 else f"{slug}-{short_hash(ident)}"
    return out
