"""Reading sources: encodings, mojibake, front matter, folders, files that are not articles."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.sources import SourceError, decode, find_sources, parse_source, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SHARED = Path(__file__).resolve().parents[2] / "shared"
QUOTE = "“We have waited too long, and every winter the cracks get wider,” Lopes told reporters"


@pytest.mark.parametrize("name, expected", [
    ("utf16_bom.txt", QUOTE),
    ("utf16_le_nobom.txt", QUOTE),
    ("cp1252_quotes.txt", "a dispute — café owners included — that"),
    ("cp1252_quotes.txt", QUOTE),
    ("utf8_bom.txt", QUOTE),
    ("mojibake.txt", QUOTE),
])
def test_fixture_encodings_decode_to_the_same_text(name, expected):
    text = read_source(FIXTURES / name).text
    assert expected in text
    assert "\ufeff" not in text and "â€" not in text and "\r" not in text


@pytest.mark.parametrize("text, encoding", [
    ("Paweł Jabłoński powiedział, że rozmowa była ważna dla Polski i świata.", "cp1250"),
    ("Привет, как дела? Это новости из Москвы.", "cp1251"),
    ("£500 for the café", "latin-1"),
    ("He said “no” — it’s over. Café naïve résumé.", "cp1252"),
    ("Short ’ text", "cp1252"),
    ("Zürich and München. Les élèves à l’école.", "cp1252"),
    ("Plain ASCII text only.", "ascii"),
    ("日本語のニュース記事です。", "utf-16"),
    ("Ελληνικά νέα από την Αθήνα σήμερα.", "utf-8-sig"),
])
def test_decode_common_encodings(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("garbled, fixed", [
    ("donâ€™t stop â€” cafÃ©", "don’t stop — café"),
    ("Ã©tÃ© Ã  Paris", "été à Paris"),
    ("The café is open.", "The café is open."),  # nothing to repair
    ("Â£ is the symbol", "£ is the symbol"),
])
def test_mojibake_repaired(garbled, fixed):
    assert decode(garbled.encode("utf-8")) == fixed


def test_line_ends_normalised():
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_front_matter_read_and_split():
    src = read_source(FIXTURES / "note.md")
    assert src.kind == "markdown"
    assert src.meta.title == "Harbour bridge: the council decides"
    assert src.meta.published == dt.date(2024, 3, 5)
    assert src.meta.source == "Harbour Gazette"
    assert src.meta.author == "Jane Doe"
    assert src.meta.url == "https://gazette.example.com/local/harbour-bridge-to-close"
    assert src.text.startswith("# Harbour bridge")


@pytest.mark.parametrize("data, message", [
    (b"---\ntitle: [unclosed\n---\nBody text.\n", "front matter is not valid YAML"),
    (b"---\nheadline: x\n---\nBody text.\n", "unknown key(s) headline"),
    (b"---\npublished: last week\n---\nBody text.\n", "must be a date YYYY-MM-DD"),
    (b"---\nurl: gazette.example.com\n---\nBody.\n", "must start with http"),
    (b"---\nfetched: this morning\n---\nBody.\n", "'fetched' must be a date and time"),
    (b"   \n\n", "file is empty"),
    (b"%PDF-1.4 binary", "a PDF document"),
    (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 20, "binary"),
])
def test_bad_sources_raise_one_line_errors(data, message):
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        parse_source(data, Path("x.txt"), "text", "x.txt")


@pytest.mark.parametrize("value, expected", [
    ("2024-05-06T23:30:00Z", dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc)),
    ("2024-05-07T01:30:00+02:00", dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc)),
    ("2024-05-06 23:30:00", dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc)),  # no zone: UTC
    ("2024-05-06", dt.datetime(2024, 5, 6, tzinfo=dt.timezone.utc)),
])
def test_fetched_in_front_matter(value, expected):
    source = parse_source(f"---\nfetched: {value}\n---\nBody.\n".encode(), Path("x.html"), "html", "x.html")
    assert source.meta.fetched == expected


def test_front_matter_with_bom_and_crlf():
    data = "\ufeff---\r\ntitle: Bridge vote\r\n---\r\nThe council voted.\r\n".encode("utf-8")
    src = parse_source(data, Path("x.md"), "markdown", "x.md")
    assert src.meta.title == "Bridge vote"
    assert src.text == "The council voted.\n"


def test_find_sources_walks_subfolders_in_order():
    found = [p.relative_to(FIXTURES).as_posix() for p in find_sources(FIXTURES)]
    assert "site/bridge.html" in found and "site/chrome_only.htm" in found and "note.md" in found
    assert found == sorted(found)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"text")
    with pytest.raises(SourceError, match="unsupported file type"):
        read_source(path)


def test_bbc_latin1_file_reads():
    bbc = SHARED / "bench" / "bbc"
    if not bbc.is_dir():
        pytest.skip("../shared/bench/bbc not present: no BBC corpus to read")
    odd = []
    for path in sorted(bbc.rglob("*.txt")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            odd.append(path)
    assert odd, "the corpus is said to hold one Latin-1 file"
    for path in odd:
        text = read_source(path).text
        assert "\ufffd" not in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_any_bytes_is_text_or_source_error(data):
    try:
        text = decode(data)
    except SourceError:
        return
    assert isinstance(text, str) and "\r" not in text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_parse_any_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        src = parse_source(data, Path("x.txt"), "text", "x.txt")
    except SourceError:
        return
    assert isinstance(src.text, str)
