"""HTML chrome (issue 16): what the page's structure and credit-line shapes keep out of the body."""
from __future__ import annotations

import lxml.html
import pytest

from generator import html_chrome
from generator.clean_html import split_html

PROSE = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a "
    "dispute that has divided residents for more than a decade.",
    "Mayor Ana Lopes said the bridge could no longer carry the weight of modern traffic and that repairs "
    "would cost more than a new crossing for buses and bicycles.",
    "Shop owners on the south bank warned that the closure would cut them off from customers, and a group "
    "of traders said it would challenge the decision in court.",
    "Engineers will begin work on a temporary ferry link in January, the council said, and the bridge will "
    "stay open to pedestrians until the new crossing is finished in 2027.",
]


def body_with(chrome_html: str, at: int = 2) -> tuple[str, ...]:
    paras = [f"<p>{p}</p>" for p in PROSE]
    paras.insert(at, chrome_html)
    html = ("<html><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1>"
            + "".join(paras) + "</article></body></html>")
    return split_html(html).body


@pytest.mark.parametrize("chrome_html, gone", [
    ('<p class="hide" id="form-error">An error has occurred, please try again later.</p>', "An error has occurred"),
    ('<div style="display: none"><p>Thanks for signing up to our daily briefing today.</p></div>', "Thanks for signing"),
    ('<section class="Newsletter-container"><h3>Morning Six Newsletter</h3><h4>Get the big stories of the day '
     'and the fun stuff you love.</h4></section>', "Morning Six"),
    ('<ul class="print-tools"><li>Order Reprints</li><li>Print Article</li></ul>', "Order Reprints"),
    ("<p><strong>DON'T MISS</strong></p><p><a href='/a'>Ferry operators bid for the harbour link</a> [VIDEO]<br>"
     "<a href='/b'>Traders plan a protest march on the council</a> [INSIGHT]</p>", "DON'T MISS"),
    ("<p><strong>SEE MORE</strong>: <a href='/c'>Ferry operators bid for the harbour link</a></p>", "SEE MORE"),
    ("<ul><li><a href='/d'>Ferry operators bid for the temporary harbour link</a></li>"
     "<li><a href='/e'>Traders plan a protest march against the council</a></li></ul>", "Ferry operators"),
    ("<p><a href='/big.jpg'><img src='/small.jpg'></a></p><p><em>The old bridge at dusk, photo © Jane Doe</em></p>",
     "The old bridge at dusk"),
    ("<p><strong>Write to </strong>Jane Doe at <a href='mailto:jane@example.com'>jane@example.com</a></p>",
     "Write to"),
])
def test_structural_chrome_is_dropped(chrome_html, gone):
    body = body_with(chrome_html)
    assert not any(gone in p for p in body), body
    assert body[0] == PROSE[0] and body[-1] == PROSE[-1]


def test_a_closing_pointer_to_more_coverage_is_dropped():
    pointer = "<p>Follow our full coverage of the bridge at <a href='https://example.com/b'>https://example.com/b</a></p>"
    body = body_with(pointer, at=len(PROSE))
    assert body == tuple(PROSE)


@pytest.mark.parametrize("kept_html, kept", [
    # a sentence with a long link inside it is prose, not a teaser
    ("<p>Officials filed <a href='https://court.example.gov/x'>a charge of conspiracy to commit computer "
     "intrusion</a> in the federal court.</p>", "Officials filed a charge"),
    ("<p>Traders said: <a href='/f'>“We will fight this decision in every court we can find”</a>.</p>",
     "Traders said"),
])
def test_prose_is_kept(kept_html, kept):
    assert any(kept in p for p in body_with(kept_html))


def test_a_furniture_named_box_holding_prose_is_kept():
    box = '<div class="share-enabled">' + "".join(f"<p>{p}</p>" for p in PROSE) + '</div><div class="share">Share</div>'
    tree = html_chrome.preclean(lxml.html.fromstring(f"<html><body>{box}</body></html>"))
    assert PROSE[0] in tree.text_content() and "Share" not in tree.text_content().replace("share", "")


@pytest.mark.parametrize("line, want", [
    ("(Reporting by Jane Doe; Editing by John Roe)", True),
    ("Additional reporting by Jane Doe in Paris.", True),
    ("Jane Doe contributed to this report.", True),
    ("Keith Roe contributed reporting from Hong Kong.", True),
    ("Write to Jane Doe at jane.doe@example.com", True),
    ("By Jane Doe and John Roe", True),
    ("By the time the council voted, the bridge had been closed for a week.", False),
    ("Reporting by local newspapers suggested the vote would be close, the mayor said.", False),
    ("The fund contributed more than $2 million to the new crossing, the council said.", False),
    ("Residents contributed to this report's findings, the council said in its review of the closure "
     "which it published on Monday after a long consultation with the traders and the ferry operators "
     "and bus companies of the city.", False),
])
def test_credit_lines(line, want):
    assert html_chrome.is_credit_line(line) is want
