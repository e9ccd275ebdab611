"""Bad sources fail alone: one clear line naming the file, exit status 1, listed on the site.

The corpus is tests/fixtures/bad/ (text files written for the purpose) plus
binary files and a 50 MB file made here at run time, built together with
tests/fixtures/hostile/ and the two seeds in one real `briefings build`
(see `corpus_build`, shared with test_hostile.py).
"""
from __future__ import annotations

import gzip
import io
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import pytest

from generator.sources import DEFAULT_MAX_BYTES, SourceError, parse_source, read_source

from .conftest import ROOT, copy_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
HOSTILE = FIXTURES / "hostile"
SEEDS = ROOT / "seeds"
HUGE_BYTES = 50 * 1024 * 1024

pytestmark = pytest.mark.slow

PROSE = ("The council of the small town met on Tuesday evening and agreed, after a long debate, "
         "to repair the old bridge over the river before the winter comes.\n")


def binary_sources() -> dict[str, bytes]:
    """Files that are not text, each under an extension that promises text."""
    rng = random.Random(9)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("article.txt", PROSE * 20)
    return {
        "png_image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(3000),
        "jpeg_image.md": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(3000),
        "gif_image.html": b"GIF89a\x01\x00\x01\x00" + rng.randbytes(500),
        "pdf_document.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + rng.randbytes(2000),
        "zip_archive.html": zipped.getvalue(),
        "gzip_archive.md": gzip.compress((PROSE * 50).encode()),
        "elf_program.txt": b"\x7fELF\x02\x01\x01\x00" + rng.randbytes(3000),
        "random_bytes.txt": rng.randbytes(4000),
        "nul_padded.md": (PROSE * 5).encode() + b"\x00" * 400 + (PROSE * 5).encode(),
        "high_bytes_noise.txt": bytes(rng.randrange(0x80, 0x100) for _ in range(4000)),
        # UTF-8 whose multi-byte sequences are cut: neither valid UTF-8 nor a legacy encoding.
        "broken_utf8.txt": ("Caf\u00e9 owners in Sm\u00f8rum said na\u00efve buyers paid \u20ac5 a cup. ".encode() * 8
                            + b"\xc3\x28 and \xe2\x82 and \xf0\x9f\x98 in a sentence of the article.\n"),
    }


# file name -> the reason its build fails (a regex on the one-line message)
EXPECTED = {
    "b01_empty.txt": r"^file is empty$",
    "b02_whitespace_only.md": r"^file is empty$",
    "b03_fm_wrong_types.md": r"^front matter 'title' must be text, found list$",
    "b04_fm_unknown_keys.md": r"^front matter has unknown key\(s\) generator, layout \(expected .*\)$",
    "b05_fm_date_yesterday.md": r"^front matter 'published' must be a date YYYY-MM-DD, found 'yesterday'$",
    "b06_fm_python_tag.md": r"^front matter is not valid YAML \(line 2\): could not determine a constructor "
                            r"for the tag 'tag:yaml.org,2002:python/object/apply:os.system'$",
    "b07_fm_invalid_yaml.md": r"^front matter is not valid YAML \(line \d+\): .+$",
    "b08_fm_not_a_mapping.md": r"^front matter must be key: value pairs, found list$",
    "b09_fm_javascript_url.md": r"^front matter 'url' must start with http:// or https://, found .*javascript.*$",
    "b10_no_article_text.html": r"^no article text found",
    "b11_only_front_matter.md": r"^file has no article text$",
    "b12_truncated_in_head.html": r"^no article text found",
    "b13_fm_bad_calendar_date.md": r"^front matter .*date.*month must be in 1\.\.12",
    "b14_fm_yaml_bomb.md": r"^front matter has unknown key\(s\) a, b, c, d, e, f, g",
    "b15_fm_title_bomb_only.md": r"^front matter 'title' must be text, found list$",
    "b16_title_but_no_text.md": r"^no article text found",
    "b17_fm_binary_tag.md": r"^front matter 'title' must be text, found bytes$",
    "b18_fm_author_mapping.md": r"^front matter 'author' must be text, found dict$",
    "b19_only_markup.md": r"^no article text found",
    "png_image.txt": r"^file is a PNG image, not text$",
    "jpeg_image.md": r"^file is a JPEG image, not text$",
    "gif_image.html": r"^file is a GIF image, not text$",
    "pdf_document.txt": r"^file is a PDF document, not text$",
    "zip_archive.html": r"^file is a ZIP archive \(or Office document\), not text$",
    "gzip_archive.md": r"^file is a gzip archive, not text$",
    "elf_program.txt": r"^file is an executable, not text$",
    "random_bytes.txt": r"^file is binary, not text$",
    "nul_padded.md": r"^file is binary, not text$",
    "high_bytes_noise.txt": r"^(no article text found|file is binary, not text|file is not valid UTF-8)",
    "broken_utf8.txt": r"^file is not valid UTF-8: .* at byte [\d,]+ \(re-save it as UTF-8\)$",
    "huge_50mb.txt": rf"^file is {HUGE_BYTES:,} bytes, over the limit of {DEFAULT_MAX_BYTES:,} \(raise max_source_bytes\)$",
}


@dataclass(frozen=True)
class CorpusBuild:
    root: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float


_BUILT: dict[str, CorpusBuild] = {}


def make_corpus_project(dest: Path) -> Path:
    """A project whose seeds/ hold the two seeds, bad/, hostile/, binaries and a 50 MB file."""
    root = copy_project(dest)
    seeds = root / "seeds"
    for folder in (BAD, HOSTILE):
        target = seeds / folder.name
        target.mkdir()
        for f in folder.iterdir():
            (target / f.name).write_bytes(f.read_bytes())
    for name, data in binary_sources().items():
        (seeds / "bad" / name).write_bytes(data)
    with open(seeds / "bad" / "huge_50mb.txt", "wb") as f:  # sparse-free but quick: one line repeated
        block = (PROSE * 1000).encode()
        while f.tell() + len(block) <= HUGE_BYTES:
            f.write(block)
        f.write(b"x" * (HUGE_BYTES - f.tell()))
    return root


def corpus_build(tmp_path_factory) -> CorpusBuild:
    """`briefings build` over the whole corpus, run once per test session."""
    if "build" not in _BUILT:
        root = make_corpus_project(tmp_path_factory.mktemp("corpus"))
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--root", str(root)],
                              cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        _BUILT["build"] = CorpusBuild(root, proc.returncode, proc.stdout, proc.stderr,
                                      time.monotonic() - start)
    return _BUILT["build"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusBuild:
    return corpus_build(tmp_path_factory)


def test_the_corpus_is_large_enough():
    assert len(list(BAD.iterdir())) + len(binary_sources()) + 1 + len(list(HOSTILE.iterdir())) >= 30
    assert set(EXPECTED) == {p.name for p in BAD.iterdir()} | set(binary_sources()) | {"huge_50mb.txt"}


def test_build_exits_non_zero_and_still_builds_the_site(corpus: CorpusBuild):
    assert corpus.returncode == 1, corpus.stderr
    assert (corpus.root / "site" / "index.html").is_file()
    assert "Traceback" not in corpus.stderr
    assert re.search(rf"{len(EXPECTED)} failed", corpus.stdout), corpus.stdout


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_one_clear_line(corpus: CorpusBuild, name: str):
    lines = [ln for ln in corpus.stderr.splitlines() if f"seeds/bad/{name}:" in ln]
    assert len(lines) == 1, (name, corpus.stderr)
    prefix = f"briefings: seeds/bad/{name}: "
    assert lines[0].startswith(prefix)
    message = lines[0][len(prefix):]
    assert re.search(EXPECTED[name], message), message
    assert "internal error" not in message and len(message) < 300


def test_no_other_file_fails(corpus: CorpusBuild):
    failing = re.findall(r"^briefings: (seeds/\S+):", corpus.stderr, re.M)
    assert all(f.startswith("seeds/bad/") for f in failing), failing


def test_good_sources_are_all_present(corpus: CorpusBuild):
    docs = corpus.root / "docs" / "briefings"
    built = {frontmatter.load(p).metadata.get("source_file") for p in docs.glob("*.md")}
    good = ({p.name for p in SEEDS.iterdir()} | {f"hostile/{p.name}" for p in HOSTILE.iterdir()})
    assert good <= built
    assert not any(str(b).startswith("bad/") for b in built)
    site_pages = list((corpus.root / "site" / "briefings").glob("*/index.html"))
    assert len(site_pages) == len(good)


def test_failures_are_listed_on_the_build_report_page(corpus: CorpusBuild):
    page = corpus.root / "docs" / "build-report.md"
    meta = frontmatter.load(page).metadata
    failed = meta["failures"]
    assert {f["file"] for f in failed} == {f"seeds/bad/{n}" for n in EXPECTED}
    for f in failed:
        assert re.search(EXPECTED[f["file"].rsplit("/", 1)[1]], f["reason"])
    html = (corpus.root / "site" / "build-report" / "index.html").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert name in html, name


def test_the_build_report_clears_when_the_failures_are_fixed(tmp_path: Path):
    from generator.build import build
    from generator.config import load_config

    root = copy_project(tmp_path)
    (root / "seeds" / "empty.txt").write_bytes(b"")
    config = load_config(root)
    _, report = build(config, html=False)
    assert "seeds/empty.txt" in (root / "docs" / "build-report.md").read_text(encoding="utf-8")
    (root / "seeds" / "empty.txt").unlink()
    _, report = build(config, html=False)
    meta = frontmatter.load(root / "docs" / "build-report.md").metadata
    assert meta["failures"] == [] and not report.failures


def test_huge_file_is_refused_without_reading_it(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(HUGE_BYTES)  # sparse: costs no disk, and no time to read
    start = time.monotonic()
    with pytest.raises(SourceError, match=r"raise max_source_bytes"):
        read_source(huge)
    assert time.monotonic() - start < 0.5


def test_raised_size_limit_reads_a_large_file(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(PROSE.encode() * (DEFAULT_MAX_BYTES // len(PROSE) + 100))
    with pytest.raises(SourceError):
        read_source(big)
    source = read_source(big, max_bytes=2 * DEFAULT_MAX_BYTES)
    assert source.text.startswith("The council")


def test_size_limit_is_a_setting(tmp_path: Path):
    from generator.config import load_config

    root = copy_project(tmp_path)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("home_items: 20", "home_items: 20\n    max_source_bytes: 60000000"))
    assert load_config(root).max_source_bytes == 60_000_000


@pytest.mark.parametrize("data", [
    "Caf\u00e9 au lait in Sm\u00f8rum costs \u20ac3, said the owner of the caf\u00e9 on Monday.\n".encode("cp1252"),
    "Caf\u00e9 au lait in Sm\u00f8rum costs 3 kroner, said the owner of the caf\u00e9.\n".encode("latin-1"),
])
def test_legacy_encodings_are_read_not_refused(data: bytes):
    source = parse_source(data, Path("x.txt"), "text", "x.txt")
    assert "Caf\u00e9" in source.text and "Sm\u00f8rum" in source.text


def test_python_tags_in_front_matter_never_run(tmp_path: Path):
    marker = Path("/tmp/briefings-b06-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(SourceError, match="not valid YAML"):
        read_source(BAD / "b06_fm_python_tag.md")
    assert not marker.exists()


def test_a_bug_in_an_extractor_fails_its_article_alone_in_one_line(tmp_path: Path, nlp, monkeypatch):
    """Extractors do not hide their exceptions: the article fails (pipeline.analyse_many),
    with one line that says where in the code, and the other articles are extracted."""
    from generator import pipeline

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PROSE, encoding="utf-8")
    bad.write_text(PROSE.replace("Tuesday", "Friday"), encoding="utf-8")
    real = pipeline.find_dates

    def buggy(doc, anchor):
        if "Friday" in doc.text:
            raise KeyError("a\nb")
        return real(doc, anchor)

    monkeypatch.setattr(pipeline, "find_dates", buggy)
    ok, failed = pipeline.analyse_many([(good, "good.txt"), (bad, "bad.txt")], nlp)
    assert ok.error is None and ok.dates
    assert failed.source.key == "bad.txt" and failed.error.startswith("internal error while extracting: KeyError")
    assert "\n" not in failed.error and "(test_bad_input.py:" in failed.error
