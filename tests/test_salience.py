"""key_actors: who an article lists, and who it leaves out (reporters, outlets, asides)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.actors import find_actors
from generator.extract.quotes import find_quotes
from generator.extract.salience import is_credit, key_actors, read_page


def keys(nlp, text, title=None):
    doc = nlp(text)
    actors = find_actors(doc, title)
    return {a.name for a in key_actors(doc, actors, find_quotes(doc, actors), title)}


@pytest.mark.parametrize("text, name, key", [
    # a sign-off and a contributor line credit reporters
    ("Acme Corp cut 400 jobs, its chief executive Jane Doe said.\n\n"
     "(Reporting by Peter Hollis and Mary Stone; editing by Tom Grant)", "Peter Hollis", False),
    ("Acme Corp cut 400 jobs, its chief executive Jane Doe said.\n\n"
     "Samuel Okafor contributed reporting from Lagos.", "Samuel Okafor", False),
    ("Acme Corp cut 400 jobs, its chief executive Jane Doe said.\n\n"
     "(Reporting by Peter Hollis)", "Jane Doe", True),
    # an outlet only cited as a source
    ("LAGOS (Reuters) - Acme Corp cut 400 jobs, Jane Doe said.", "Reuters", False),
    ("Acme Corp will cut 400 jobs, The Daily Ledger reported on Monday.", "The Daily Ledger", False),
    ("The memo, which was obtained by The Daily Ledger, says Acme Corp will cut jobs.", "The Daily Ledger", False),
    ("Jane Doe, via Harbour Herald, said that Acme Corp will cut jobs.", "Harbour Herald", False),
    # an outlet that acts is an actor
    ("Harbour Herald sued the city council over the records, its editor said.\n\n"
     "Harbour Herald also asked a judge to act.", "Harbour Herald", True),
    # a name in passing: one mention, neither speaking nor acting
    ("The mayor, Jane Doe, closed the bridge. \"It is like Elvis Presley's old car,\" Jane Doe said.",
     "Elvis Presley", False),
    ("Acme Corp hired Jane Doe as its new chief executive on Monday.", "Jane Doe", True),
    ("Jane Doe resigned on Monday.", "Jane Doe", True),
    # in the headline: key whatever the body does with it
    ("The plan was first proposed under Peter Hollis.", "Peter Hollis", False),
    # a relative named only by a given name or a family word
    ("Rep. Dale Hunt and his wife, Marjorie, were indicted on Tuesday. Marjorie denied it.",
     "Marjorie", False),
    ("Dale Hunt will stay in town while his daughter Tessa finishes school. Tessa is 15.", "Tessa", False),
    ("\"My son asked me, Dad, to veto this bill,\" he said. Dad is tired.", "Dad", False),
    ("Harrow met the envoy on Monday. Harrow said the talks went well.", "Harrow", True),
    ("Rep. Dale Hunt and his wife, Marjorie Hunt, were indicted.", "Marjorie Hunt", True),
    ("President Harrow and Dana Reyes spoke by telephone on Thursday. Harrow urged calm.", "Harrow", True),
    # the channel of a quotation, the source of a figure: no actor
    ("\u201cWe will appeal,\u201d Jane Doe told the Harbour Courier.", "Harbour Courier", False),
    ("Acme Corp will appeal, a spokesman said in a statement to Harbour Courier.", "Harbour Courier", False),
    ("Bond yields rose to 6%, according to data from Tallis Analytics.", "Tallis Analytics", False),
    # told that something is so: the one the news was given to (the seeds' convention)
    ("Jane Doe told Harbour Courier that the talks had failed.", "Harbour Courier", True),
    # only in someone's words, in brackets, or as an example
    ("\u201cIt is like Peter Hollis all over again,\u201d Jane Doe said. Jane Doe left.", "Peter Hollis", False),
    ("Jane Doe won the vote. (Doe, it is worth noting, once ran against Peter Hollis.)", "Peter Hollis", False),
    ("Jane Doe manages the likes of Peter Hollis and Mary Stone.", "Mary Stone", False),
    ("The likes of Peter Hollis are warning of defeat, Jane Doe said.", "Peter Hollis", True),
])
def test_key_actors(nlp, text, name, key):
    assert (name in keys(nlp, text)) is key, keys(nlp, text)


def test_headline_makes_key(nlp):
    text = "The plan was first proposed under Peter Hollis."
    assert "Peter Hollis" in keys(nlp, text, title="Peter Hollis plan returns")


@pytest.mark.parametrize("paragraph, credit", [
    ("(Reporting by Peter Hollis; Editing by Tom Grant)", True),
    ("Mary Stone contributed to this report.", True),
    ("Write to Peter Hollis at peter@example.com", True),
    ("Jane Doe, Lagos correspondent", True),
    ("The correspondent said the bridge was closed for repairs after the storm last week.", False),
    ("Peter Hollis said the bridge would reopen.", False),
])
def test_is_credit(paragraph, credit):
    assert is_credit(paragraph) is credit


@pytest.mark.parametrize("body, dateline", [
    ("LAGOS (Reuters) - Acme cut jobs.", "LAGOS (Reuters) -"),
    ("(CNN)Acme cut jobs.", "(CNN)"),
    ("Caption under a photo.\n\nVIENNA — Acme cut jobs.", "VIENNA — "),
    ("Acme cut jobs on Monday (local time) in Lagos.", ""),
])
def test_dateline(body, dateline):
    s, e = read_page(body, ()).dateline
    assert body[s:e].strip() == dateline.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_total(nlp, text):
    doc = nlp(text)
    actors = find_actors(doc)
    kept = key_actors(doc, actors, find_quotes(doc, actors))
    assert set(kept) <= set(actors)


@pytest.mark.parametrize("text, name", [
    ("The Chilean government said it would respond.", "Chilean government"),
    ("Norway's foreign ministry called the move illegal.", "Norway's foreign ministry"),
    ("Lagos police fired tear gas at the campus.", "Lagos police"),
    ("The Harrow administration denied the request.", "Harrow administration"),
])
def test_institutions(nlp, text, name):
    actors = {a.name: a for a in find_actors(nlp(text))}
    assert name in actors and actors[name].kind == "organization", sorted(actors)


@pytest.mark.parametrize("text, name", [
    ("The United Nations High Commissioner for Refugees said the camps were full.",
     "United Nations High Commissioner for Refugees"),
    ("The state Attorney’s Office for the Northern District of Tallis said it would appeal.",
     "Attorney’s Office for the Northern District of Tallis"),
])
def test_offices(nlp, text, name):
    actors = {a.name: a for a in find_actors(nlp(text))}
    assert name in actors and actors[name].kind == "organization", sorted(actors)


@pytest.mark.parametrize("text", [
    "The government said it would respond.",  # no owner: a description, not a name
    "Harbour center Dale Okafor was suspended.",  # a position before a name
    "She works in a shopping centre.",
])
def test_no_institution(nlp, text):
    assert not [a for a in find_actors(nlp(text)) if a.kind == "organization"]


def test_title_is_no_office(nlp):
    names = {a.name for a in find_actors(nlp("The Shadow Secretary of State for Harbours said the plan would fail."))}
    assert "Shadow Secretary of State for Harbours" not in names, names


def test_outlet_with_its_description_is_no_institution(nlp):
    names = {a.name for a in find_actors(nlp("Jane Doe told the Reuters news agency that talks failed."))}
    assert "Reuters news agency" not in names, names
