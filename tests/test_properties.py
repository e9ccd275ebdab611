"""Property tests: any Unicode text and front matter in, no exception, valid output, spans inside."""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import frontmatter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import Actor, Article, Briefing, Meta, Quote, Source
from generator.pipeline import NoArticleText, finish, prepare
from generator.records import contract_record
from generator.render import KEEP, Renderer
from generator.site import assemble
from generator.sources import SourceError, parse_source

HOSTILE_BITS = ["<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "\n---\n", "[x](javascript:a)",
                "<img src=x onerror=alert(1)>", "&amp;", "|", "#", "\\", "\u202e", "\x00", "`", "*"]
texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_BITS)), max_size=12).map("".join)
# Time expressions, well-formed and not, so that the date rules run (random text seldom reaches them).
DATE_BITS = ["on 3 March", "March 3, 2024", "last Tuesday", "next week", "in the spring of 2021", "the 1990s",
             "yesterday", "31/12/2023", "mid-2023", "two days later", "since 2019", "by the end of the year",
             "on Feb. 2-3", "30 February", "the year 0", "9999", "in 10000 BC", "Monday 32 June", "this autumn",
             "the 2020-21 season", "Q3", "at 25:00 on Friday", "earlier this month", "in 1 million years"]
dated_texts = st.lists(st.one_of(st.sampled_from(DATE_BITS), st.sampled_from([" ", ". ", ", ", " and ", "\n\n"]),
                                 st.text(max_size=10)), max_size=16).map("".join)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@SETTINGS
@given(body=st.one_of(texts, dated_texts), kind=st.sampled_from(["text", "markdown", "html"]))
def test_extraction_of_any_text_is_total_and_spans_are_inside(nlp, body: str, kind: str):
    source = Source(path=Path("x.txt"), key="x.txt", kind=kind, text=body, meta=Meta())
    try:
        article = prepare(source)
    except NoArticleText:
        return
    b = finish(source, article, nlp(article.body))
    text = article.body
    for a in b.actors:
        assert all(0 <= s < e <= len(text) for s, e in a.mentions)
    for q in b.quotes:
        assert text[q.span[0]:q.span[1]] == q.text
    for d in b.dates:
        assert text[d.span[0]:d.span[1]] == d.text
    record = contract_record(b, "x.txt")
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


@SETTINGS
@given(data=st.binary(max_size=300), front=st.dictionaries(
    st.sampled_from(["title", "published", "source", "url", "author", "layout"]),
    st.one_of(texts, st.integers(), st.booleans(), st.none(), st.lists(st.text(max_size=5), max_size=2)),
    max_size=4))
def test_reading_any_bytes_and_front_matter_raises_only_source_errors(data: bytes, front: dict):
    import yaml

    head = b"---\n" + yaml.safe_dump(front, allow_unicode=True).encode("utf-8", "surrogatepass") + b"---\n"
    for raw in (data, head + data):
        try:
            source = parse_source(raw, Path("x.md"), "markdown", "x.md")
        except SourceError as e:
            assert "\n" not in str(e)
            continue
        assert isinstance(source.text, str)


names = st.one_of(texts.filter(lambda s: s.strip()), st.sampled_from(["index", "../../etc", "..", "CON",
                                                                      "a/b", "search", "404", "assets"]))


@st.composite
def briefings(draw) -> Briefing:
    body = draw(texts.filter(lambda s: s.strip()))
    title = draw(st.one_of(st.none(), texts.filter(lambda s: s.strip())))
    key = draw(st.sampled_from(["a.txt", "dir/b c.md", "ünï cødé.txt", "..x.txt", "x" * 200 + ".txt"]))
    actors = []
    for name in draw(st.lists(names, max_size=3, unique=True)):
        s = draw(st.integers(0, len(body) - 1))
        actors.append(Actor(name=" ".join(name.split()) or "x", kind=draw(st.sampled_from(["person", "organization", "place"])),
                            mentions=((s, min(len(body), s + 1)),)))
    quotes = ()
    if len(body) > 2:
        quotes = (Quote(text=body[:2], span=(0, 2), speaker=actors[0].name if actors else None),)
    article = Article(body=body, title=" ".join(title.split()) if title else None, title_basis="text",
                      published=draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))),
                      source_name=draw(st.one_of(st.none(), texts)), author=draw(st.one_of(st.none(), texts)),
                      url=draw(st.one_of(st.none(), texts.map(lambda s: "https://x.example/" + s))),
                      credit=draw(st.one_of(st.none(), texts)))
    source = Source(path=Path(key), key=key, kind="text", text=body, meta=Meta())
    return Briefing(source=source, article=article, summary=draw(texts), actors=tuple(actors), quotes=quotes)


@SETTINGS
@given(bs=st.lists(briefings(), min_size=1, max_size=3, unique_by=lambda b: b.source.key))
def test_rendering_any_briefing_gives_valid_pages_inside_docs(bs: list[Briefing]):
    site = assemble(bs)
    pages = Renderer(site).pages()
    for rel, text in pages.items():
        assert not rel.startswith("/") and ".." not in rel.split("/"), rel
        if not rel.endswith(".md"):
            continue
        post = frontmatter.loads(text)
        assert post.metadata["generator"] == "briefings"
        assert text.endswith("\n")
        assert "<script" not in post.content.lower(), rel  # the front matter is data, not page
    for e in site.entries:
        meta = frontmatter.loads(pages[e.path]).metadata
        assert html.unescape(meta["title"]) == (e.briefing.article.title or e.title)


# ------------------------------------------------------------ pages kept from the last build
POOL = ["Ada Lindqvist", "Lindqvist", "Tomas Brenner", "Orla Venn", "Ministry of Tides", "Harbourton Council",
        "Harbourton"]  # made-up names
ORGANISATIONS = ("Ministry of Tides", "Harbourton Council", "Harbourton")


@st.composite
def linked_briefings(draw, key: str) -> Briefing:
    """A briefing whose actors and speakers come from a small pool, so briefings share actors and stories."""
    names = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True))
    body = " ".join(names) + " spoke on Thursday.\n\n" + draw(st.sampled_from(["Talks.", "More talks.", "Calls."]))
    actors = tuple(Actor(name=n, kind="organization" if n in ORGANISATIONS else "person",
                         mentions=((body.index(n), body.index(n) + len(n)),)) for n in names)
    speaker = draw(st.one_of(st.none(), st.sampled_from(names)))
    quotes = (Quote(text="Talks", span=(body.index("\n\n") + 2, body.index("\n\n") + 7), speaker=speaker),) \
        if body.endswith("Talks.") else ()
    published = draw(st.one_of(st.none(), st.sampled_from([dt.date(2021, 12, 30), dt.date(2022, 1, 10)])))
    article = Article(body=body, title=draw(st.sampled_from(["Call", "Talks", "Brenner call"])), published=published)
    digest = str(hash((body, article, actors, quotes)))  # as a source's bytes fix what is extracted
    return Briefing(source=Source(path=Path(key), key=key, kind="text", text=body, digest=digest),
                    article=article, actors=actors, quotes=quotes, summary=body[:20])


@st.composite
def two_collections(draw) -> tuple[list[Briefing], list[Briefing]]:
    """A collection, then the same one with sources added, removed or changed."""
    keys = [f"s{i}.txt" for i in range(6)]
    first = {k: draw(linked_briefings(k)) for k in draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))}
    second = dict(first)
    for k in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)):
        if k in second and draw(st.booleans()):
            del second[k]
        else:
            second[k] = draw(linked_briefings(k))
    return list(first.values()), list(second.values())


@SETTINGS
@given(collections=two_collections())
def test_a_kept_page_is_the_page_a_full_render_would_write(collections):
    """Renderer fingerprints: a page is kept only when rendering it again would give the same text."""
    first, second = collections
    old = Renderer(assemble(first), code="c")
    old_pages = old.pages()
    full = Renderer(assemble(second), code="c").pages()
    memo = Renderer(assemble(second), code="c", reuse=lambda path, fp: old.fingerprints.get(path) == fp)
    for path, text in memo.pages().items():
        if text is KEEP:
            assert old_pages[path] == full[path], path
        else:
            assert text == full[path], path
    assert set(memo.fingerprints) <= set(full)
