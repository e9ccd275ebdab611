"""Files on disk -> Source: find them, decode them, split off front matter.

Everything that can go wrong with a file as a file (unreadable, binary, empty,
too large, bad front matter) is raised here as a SourceError whose message is
one line naming the problem; the caller adds the file name.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import frontmatter
import yaml

from .model import Meta, Source

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
META_KEYS = ("title", "published", "source", "url", "author", "fetched")

# A source larger than this is refused, with the setting named in the error.
# 5 MB is some 800,000 words, far beyond any article; raise it with
# `max_source_bytes` under `extra: briefings:` in mkdocs.yml or --max-bytes.
DEFAULT_MAX_BYTES = 5_000_000

# Leading bytes of formats that are never article text, whatever the extension.
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class SourceError(ValueError):
    """A source file that cannot be read as an article."""


def find_sources(root: Path) -> list[Path]:
    """Every article file under root, in a stable order; hidden files and folders skipped."""
    if root.is_file():
        return [root]
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def source_key(path: Path, root: Path | None) -> str:
    """The path relative to root in POSIX form, or the file name when outside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def read_source(path: Path, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                verbatim: bool = False) -> Source:
    """Read one file into a Source; raise SourceError with a one-line reason.

    verbatim keeps the decoded text exactly as it is (`extract --raw`): no mojibake
    repair, no line-end normalisation.
    """
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(f"unsupported file type {path.suffix!r} (expected one of {', '.join(SUFFIXES)})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise max_source_bytes)")
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"cannot read file: {e.strerror or e}") from None
    return parse_source(data, path, kind, source_key(path, root), verbatim)


def parse_source(data: bytes, path: Path, kind: str, key: str, verbatim: bool = False) -> Source:
    """Decode bytes and split off front matter."""
    if not data.strip():
        raise SourceError("file is empty")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SourceError(f"file is {what}, not text")
    text = decode(data, verbatim)
    meta, body = split_front_matter(text)
    if not body.strip() and meta.title is None:
        raise SourceError("file has no article text")
    return Source(path=path, key=key, kind=kind, text=body, meta=meta,
                  digest=hashlib.sha256(data).hexdigest())


def decode(data: bytes, verbatim: bool = False) -> str:
    """Bytes -> text in whatever common encoding they are in; mojibake repaired unless verbatim."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif looks_utf16(data):
        text = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            if len(UTF8_MULTIBYTE.findall(data[:200_000])) < DAMAGED_UTF8_MIN:
                text = decode_legacy(data)
            else:  # damaged UTF-8, unless it is binary (reported below)
                text = data.decode("utf-8", errors="replace")
                if "\x00" not in text and control_share(text) <= 0.05:
                    raise SourceError(f"file is not valid UTF-8: {e.reason} at byte {e.start:,} "
                                      "(re-save it as UTF-8)") from None
    if "\x00" in text or control_share(text) > 0.05:
        raise SourceError("file is binary, not text")
    return text if verbatim else repair(text)


# Well-formed UTF-8 multi-byte sequences. Text in a legacy code page almost never holds two
# of them by chance (cp1252 would read each as mojibake such as "Ã©"), so a file with this
# many that still fails to decode is damaged UTF-8: refused, not guessed at.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
DAMAGED_UTF8_MIN = 2


def looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte is zero in ASCII text."""
    sample = data[:400]
    if len(sample) < 8:
        return False
    zeros_odd = sample[1::2].count(0) / len(sample[1::2])
    zeros_even = sample[0::2].count(0) / len(sample[0::2])
    return max(zeros_odd, zeros_even) > 0.4 and min(zeros_odd, zeros_even) < 0.05


# Non-ASCII characters that Western text in cp1252 is made of: accented Latin letters and the
# typographic punctuation of word processors and CMSs.
WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
                    "‘’‚“”„–—…•·€£¥©®°«»§¶™±×÷¢¡¿\u00a0")
# Above this share of non-ASCII letters a text is not Western European, whatever it decodes to
# (cp1251 Cyrillic decodes to accented Latin letters too, but every letter is one of them).
MAX_WESTERN_NON_ASCII = 0.3


def decode_legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: cp1252 when it reads as Western text, else ask charset-normalizer."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_western(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in ("ascii", "latin_1", "iso8859_1"):
        encoding = "cp1252"  # cp1252 is Latin-1 plus the curly quotes browsers assume
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def looks_western(text: str) -> bool:
    """Whether text decoded as cp1252 reads as Western European text, not another code page."""
    odd = [c for c in text if ord(c) > 127]
    if any(c not in WESTERN for c in odd):
        return False
    letters = sum(c.isalpha() for c in text)
    return sum(c.isalpha() for c in odd) <= MAX_WESTERN_NON_ASCII * max(letters, 1)


CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control codes but tab, newline, form feed, return


def control_share(text: str) -> float:
    """Share of characters that are control codes other than whitespace."""
    sample = text[:20_000]
    if not sample:
        return 0.0
    return len(CONTROL.findall(sample)) / len(sample)


def repair(text: str) -> str:
    """Fix mojibake only where ftfy is certain, and normalise line ends."""
    import ftfy

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]", text):
        text = ftfy.fix_text(text, unescape_html=False, fix_line_breaks=False, normalization=None,
                             uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
    return text


def split_front_matter(text: str) -> tuple[Meta, str]:
    """Separate `---` YAML front matter from the text and validate its keys."""
    m = FRONT_MATTER.match(text)
    if not m:
        return Meta(), text
    try:
        fields = yaml.load(m.group(1), Loader=frontmatter.default_handlers.SafeLoader)
    except ValueError as e:  # a date YAML reads as one but the calendar refuses: 2024-13-45
        raise SourceError(f"front matter has an impossible date: {e}") from None
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise SourceError(f"front matter is not valid YAML{line}: {problem}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise SourceError(f"front matter must be key: value pairs, found {type(fields).__name__}")
    return parse_meta(fields), text[m.end():]


def parse_meta(fields: dict) -> Meta:
    unknown = sorted(str(k) for k in fields if k not in META_KEYS)
    if unknown:
        raise SourceError(f"front matter has unknown key(s) {', '.join(unknown)} "
                          f"(expected {', '.join(META_KEYS)})")
    values: dict[str, object] = {}
    for key in ("title", "source", "url", "author"):
        value = fields.get(key)
        if value is None:
            continue
        if not isinstance(value, (str, int, float, dt.date)) or isinstance(value, bool):
            raise SourceError(f"front matter {key!r} must be text, found {type(value).__name__}")
        values[key] = " ".join(str(value).split()) or None
    if fields.get("published") is not None:
        values["published"] = parse_published(fields["published"])
    if fields.get("fetched") is not None:
        values["fetched"] = parse_fetched(fields["fetched"])
    url = values.get("url")
    if url is not None and not re.match(r"https?://", str(url), re.I):
        raise SourceError(f"front matter 'url' must start with http:// or https://, found {url!r}")
    return Meta(**values)  # type: ignore[arg-type]


def parse_published(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise SourceError(f"front matter 'published' must be a date YYYY-MM-DD, found {text[:40]!r}") from None


def parse_fetched(value: object) -> dt.datetime:
    """`fetched:` (written by `briefings add`): a date and time, UTC when no zone is given."""
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime.combine(value, dt.time())
    else:
        try:
            when = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise SourceError("front matter 'fetched' must be a date and time YYYY-MM-DDTHH:MM:SSZ, "
                              f"found {str(value)[:40]!r}") from None
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)
