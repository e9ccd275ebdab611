"""Captions, credits, sign-offs, reporter notes, subscription boxes and teaser lists are chrome (issue 16)."""
from __future__ import annotations

import pytest

from generator import chrome


@pytest.mark.parametrize("line, expected", [
    ("(Reporting by Jane Doe and John Roe; editing by Max Muster)", True),
    ("Additional reporting by Jane Doe in Paris", True),
    ("Jane Doe contributed reporting from Hong Kong.", True),
    ("Gazette reporter Jane Doe contributed to this report.", True),
    ("Jane Doe is a reporter for the Daily Gazette.", True),
    ("Jane is an entertainment reporter for the Gazette.", True),
    ("Above: A coworking space in San Francisco.", True),
    ("A module for a crewed Mars mission compared to its equivalent. Credit: ESA", True),
    ("Jane Doe / AFP", True), ("J. Jane Doe / AP file", True), ("Jane Doe | Bloomberg | Getty Images", True),
    ("Pick Of The Day Newsletter", True), ("Breaking News Emails", True),
    ("Please check the opt-in box to acknowledge that you would like to subscribe.", True),
    ("Let our news meet your inbox. The stories that matter, delivered weekday mornings.", True),
    ("In each episode of his weekly show he will delve deeper into politics. Click to subscribe!", True),
    ("The Gazette may earn an affiliate commission if you purchase something through links in this article.", True),
    ("Leaders meet again as talks stall [ INSIGHT]|", True), ("View all (4)", True), ("DON'T MISS", True),
    ("This document is subject to copyright.", True),
    ("Once the preserve of science fiction, hibernation may one day become an important enabler of deep space "
     "travel for crews on the long way to Mars and beyond, engineers say. Credit: 20th Century Studio", True),
    ("The agency said the credit: a loan of two billion euros, would be paid back by 2030 at the latest.", False),
    # forms and widget headings by their shape, not one theme's wording (issue 17)
    ("Please enter your comment!", True), ("Enter your email address", True), ("Type your reply here", True),
    ("Recent Comments", True), ("Latest Posts", True), ("Popular Stories", True),
    ("Recent comments by the minister angered the opposition.", False),
    ("Enter the year 2022: prices rose faster than wages in every region.", False),
    # article sentences with the same words are not chrome
    ("The reporter said she had been threatened after publishing the story.", False),
    ("The newsletter, which has 40,000 readers, was sold to a rival publisher on Monday.", False),
    ("Jane Doe is a former minister who now runs a charity in the north of the country.", False),
    ("Reporting by local media suggested the mayor would resign before the summer.", False),
    ("The council will subscribe to the new regional transport plan next year, officials said.", False),
    ("He was credited with saving the company from bankruptcy in 2009.", False),
])
def test_notes_are_chrome(line, expected):
    assert chrome.is_chrome(line) is expected


@pytest.mark.parametrize("lines, expected", [
    # a caption over its photo credit
    (["The mayor speaks at the harbour on Monday.", "Jane Doe / AFP", "The council voted to close the bridge."],
     [True, True, False]),
    # a lone agency name after the last paragraph is a signature, not a credit: the paragraph stays
    (["The council voted to close the bridge to cars from next spring.", "Reuters"], [False, True]),
    # a newsletter box: heading, pitch, button
    (["Breaking News Emails", "Get alerts and special reports, delivered weekday mornings.", "SUBSCRIBE"],
     [True, True, True]),
    # a teaser list after its heading, up to the next paragraph
    (["Related articles", "Bridge protest draws hundreds", "Ferry fares to rise",
      "The council said the ferries would run more often."], [True, True, True, False]),
    # a short line between two paragraphs with no chrome around stays
    (["The council voted.", "Bridge protest draws hundreds", "The mayor said it was overdue."],
     [False, False, False]),
])
def test_chrome_in_context(lines, expected):
    own = tuple(chrome.is_chrome(ln) for ln in lines)
    assert list(chrome.in_context(lines, own)) == expected
