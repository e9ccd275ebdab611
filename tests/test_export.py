"""The data files (data/briefings.jsonl, quotes.csv, actors.csv, timeline.ics), read back as their users would."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import export
from generator.build import build
from generator.docs_writer import is_generated, load_manifest
from generator.config import load_config
from generator.model import Article, Briefing, Quote, Source
from generator.site import assemble

icalendar = pytest.importorskip("icalendar", reason="icalendar reads the timeline back (pip install icalendar)")


def data(root: Path, name: str) -> str:
    with (root / "site" / "data" / name).open(encoding="utf-8", newline="") as f:
        return f.read()


def rows(root: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data(root, name), newline="")))


class Paragraphs(HTMLParser):
    """The text of each <p id="pN"> on a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: dict[str, str] = {}
        self.current: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs).get("id") or ""
        if tag == "p" and re.fullmatch(r"p\d+", found):
            self.current = found
            self.text[found] = ""

    def handle_endtag(self, tag):
        if tag == "p":
            self.current = None

    def handle_data(self, text):
        if self.current:
            self.text[self.current] += text


def paragraph_text(root: Path, link: str) -> str:
    """The words of the paragraph a site-relative link `briefings/x/#p3` points at."""
    path, fragment = link.split("#")
    page = root / "site" / path / "index.html"
    return " ".join(Paragraphs(page.read_text(encoding="utf-8")).text[fragment].split())


def words(text: str) -> str:
    return " ".join(text.split())


def test_briefings_jsonl_has_one_contract_record_per_briefing(seed_project):
    records = [json.loads(line) for line in data(seed_project, "briefings.jsonl").splitlines()]
    pages = sorted((seed_project / "docs" / "briefings").glob("*.md"))
    assert len(records) == len([p for p in pages if p.name != "index.md" and not p.name.startswith("20")]) == 2
    for record in records:
        assert set(record) == export.RECORD_KEYS
        assert (seed_project / "seeds" / record["file"]).is_file()
        assert (seed_project / "site" / record["page"] / "index.html").is_file()
        for q in record["quotes"]:
            assert record["body"][q["span"][0]:q["span"][1]] == q["text"]


def test_every_quote_in_quotes_csv_is_on_its_briefing_page(seed_project):
    quotes = rows(seed_project, "quotes.csv")
    records = [json.loads(line) for line in data(seed_project, "briefings.jsonl").splitlines()]
    assert len(quotes) == sum(len(r["quotes"]) for r in records) > 0
    assert list(quotes[0]) == list(export.QUOTE_COLUMNS)
    for q in quotes:
        assert words(q["quote"]) in paragraph_text(seed_project, q["link"]), q
        assert q["briefing"] in {r["title"] for r in records}
        assert q["date"] == "" or dt.date.fromisoformat(q["date"])
    said = {q["speaker"]: q["role"] for q in quotes}
    assert said["Jakub Kumoch"] == "Presidential aide"


def test_actors_csv_lists_every_actor_page(seed_project):
    actors = rows(seed_project, "actors.csv")
    pages = {p.stem for p in (seed_project / "docs" / "actors").glob("*.md")} - {"index"}
    listed = {a["page"].strip("/").split("/")[-1] for a in actors}
    assert listed <= pages and len(actors) > 0
    for a in actors:
        assert (seed_project / "site" / a["page"] / "index.html").is_file()
        assert a["kind"] in ("person", "organization", "place") and int(a["briefings"]) >= 1


def test_timeline_ics_opens_in_a_calendar_program(seed_project):
    text = data(seed_project, "timeline.ics")
    assert all(line.endswith("\r") for line in text.split("\n")[:-1])  # CRLF throughout (RFC 5545)
    assert all(len(line.encode()) <= 76 for line in text.split("\n"))  # folded: 75 octets and the CR
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    records = [json.loads(line) for line in data(seed_project, "briefings.jsonl").splitlines()]
    assert len(events) == sum(1 for r in records for d in r["dates"] if d["start"]) > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date and end > start  # all-day, end exclusive
        link = str(event["DESCRIPTION"]).splitlines()[-1]
        assert paragraph_text(seed_project, link)  # the paragraph it links back to exists


def test_home_page_links_the_data_files(seed_project):
    home = (seed_project / "site" / "index.html").read_text(encoding="utf-8")
    for name in export.FILES:
        assert f'href="data/{name}"' in home


def test_data_files_are_the_generators_and_survive_a_lost_manifest(seed_project):
    manifest = load_manifest(load_config(seed_project))
    for name in export.FILES:
        rel = f"data/{name}"
        assert rel in manifest
        path = seed_project / "docs" / rel
        assert is_generated(path, rel, manifest) == (True, True)
        assert is_generated(path, rel, {}) == (True, True)  # recognised by its first line


def test_a_hand_written_data_file_is_never_overwritten(tmp_path):
    from .conftest import copy_project

    root = copy_project(tmp_path)
    mine = root / "docs" / "data" / "quotes.csv"
    mine.parent.mkdir(parents=True)
    mine.write_text("my,own\n1,2\n", encoding="utf-8")
    _, report = build(load_config(root), html=False)
    assert mine.read_text(encoding="utf-8") == "my,own\n1,2\n"
    assert "data/quotes.csv" in report.kept
    assert (root / "docs" / "data" / "actors.csv").is_file()
    _, again = build(load_config(root), html=False)  # and a build with nothing new writes nothing
    assert again.written == []


# ---------------------------------------------------------------- the pieces
def briefing(body: str, quotes: tuple[Quote, ...]) -> Briefing:
    return Briefing(source=Source(path=Path("a.txt"), key="a.txt", kind="text", text=body),
                    article=Article(body=body, title="A title", published=dt.date(2024, 5, 6)), quotes=quotes)


@pytest.mark.parametrize("quote, cell", [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+1 for the plan", "'+1 for the plan"),
    ("@everyone", "'@everyone"),
    ("We will win", "We will win"),
    ("“-10 degrees”", "“-10 degrees”"),
])
def test_spreadsheet_formulas_stay_text(quote, cell):
    body = f"Intro.\n\n{quote} she said."
    b = briefing(body, (Quote(text=quote, span=(8, 8 + len(quote)), speaker="Ann Lee"),))
    [row] = list(csv.DictReader(io.StringIO(export.quotes_csv(assemble([b]), export.Linker(None)))))
    assert row["quote"] == cell
    assert row["link"].endswith("/#p2") and row["date"] == "2024-05-06"


def test_links_are_absolute_when_the_site_address_is_known():
    b = briefing("One.\n\nTwo “yes” said.", (Quote(text="“yes”", span=(9, 14), speaker=None),))
    [row] = list(csv.DictReader(io.StringIO(export.quotes_csv(assemble([b]), export.Linker("https://x.example/site")))))
    assert re.fullmatch(r"https://x\.example/site/briefings/a-title-\w+/#p2", row["link"])


@pytest.mark.parametrize("text", ["short", "é" * 100, "a,b;c\\d\ne" * 20, "x" * 74 + "é" + "y" * 200])
def test_ics_lines_fold_and_unfold(text):
    folded = export.fold("SUMMARY:" + export.ics_text(text))
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    event = icalendar.Event.from_ical("BEGIN:VEVENT\r\n" + folded + "END:VEVENT\r\n")
    assert str(event["SUMMARY"]) == text


@pytest.mark.parametrize("rel, text, expected", [
    ("data/quotes.csv", "quote,speaker,role,briefing,publisher,date,link\r\n", True),
    ("data/quotes.csv", "my,own\n", False),
    ("data/timeline.ics", f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{export.PRODID}\r\n", True),
    ("data/timeline.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\n", False),
    ("data/briefings.jsonl", "", True),
    ("data/briefings.jsonl", '{"a": 1}\n', False),
    ("data/other.csv", "quote,speaker,role,briefing,publisher,date,link\r\n", False),
])
def test_is_export(rel, text, expected):
    assert export.is_export(rel, text) is expected


def test_site_address_from_the_environment_or_mkdocs_yml(tmp_path, monkeypatch):
    from generator.config import Config, site_address

    config = Config(root=tmp_path)
    monkeypatch.delenv("BRIEFINGS_SITE_URL", raising=False)
    assert site_address(config) == ""
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [BRIEFINGS_SITE_URL]\n", encoding="utf-8")
    assert site_address(config) == ""
    (tmp_path / "mkdocs.yml").write_text("site_url: https://me.example/site/\n", encoding="utf-8")
    assert site_address(config) == "https://me.example/site/"
    monkeypatch.setenv("BRIEFINGS_SITE_URL", "https://other.example/")
    assert site_address(config) == "https://other.example/"


@pytest.mark.slow
def test_data_files_follow_a_rebuild(tmp_path):
    from .conftest import copy_project

    root = copy_project(tmp_path)
    build(load_config(root))
    before = data(root, "quotes.csv")
    (root / "seeds" / "new.txt").write_text(
        "Bridge to close in April\n\nThe river bridge in Springfield will close on April 14, 2025, the city said "
        "on Monday.\n\n\u201cWe have no other choice,\u201d said Jane Smith, the mayor of Springfield.\n",
        encoding="utf-8")
    _, report = build(load_config(root))
    assert report.html == "dirty" and "data/quotes.csv" in report.written
    after = rows(root, "quotes.csv")
    assert len(after) == len(list(csv.DictReader(io.StringIO(before)))) + 1
    new = next(q for q in after if "no other choice" in q["quote"])
    assert new["speaker"] == "Jane Smith" and words(new["quote"]) in paragraph_text(root, new["link"])
    assert "20250414" in data(root, "timeline.ics")
