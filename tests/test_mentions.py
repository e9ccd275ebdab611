"""mentions: which capitalised words are names of actors, and of what kind."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.actors import find_actors
from generator.extract.mentions import Mention, joined_by_acronym


def kinds(nlp, text):
    return {a.name: a.kind for a in find_actors(nlp(text))}


@pytest.mark.parametrize("text, name, kind", [
    # a company noun before or after a name spaCy missed
    ("Beauty company Tallisco is breaking out. Tallisco bought a stake in a rival.", "Tallisco", "organization"),
    # a name coordinated with organisations, hyphen and all
    ("The commission will hear executives from AT&T, Verizon, Q-Fonix and others.", "Q-Fonix", "organization"),
    # a forum where someone works is an organisation, not an event
    ("\u201cIt matters,\u201d said Dana Reyes, senior fellow at the Harbour Policy Forum.",
     "Harbour Policy Forum", "organization"),
    # a company written with its possessive before its stock symbol
    ("Shares of Tallow\u2019s (TLW) fell 2%. Tallow\u2019s reports earnings on Friday.", "Tallow\u2019s", "organization"),
    # a name beside a word for a person, though the model tagged none
    ("One of its members, Dale Okafor, said the group would appeal.", "Dale Okafor", "person"),
    # a one-word town before a state as news style abbreviates it
    ("He made the announcement in his hometown of Tallow, Ark. on Monday.", "Tallow", "place"),
    ("The leader spoke to Mr. Harrow, Mr. Grant and Mr. Okafor on Thursday. Harrow said no.", "Harrow", "person"),
    # a name after a position in lower case, though the model tagged none
    ("The suspensions hit Harbour pass rusher Dale Reyes and Harbour center Deshawn Okoro.",
     "Deshawn Okoro", "person"),
    # a number word before a name is no model number
    ("He was helped by three Foreign Office officials and a lawyer.", "Foreign Office", "organization"),
])
def test_kinds(nlp, text, name, kind):
    assert kinds(nlp, text).get(name) == kind, kinds(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Sales fell after two crashes of its 808 Max jet in five months.", "Max"),  # a model
    ("Harbour Goods outpaced the Dow and the S&P 500 this year.", "S&P"),  # an index
    ("The museum will never again evoke the memory of National Socialism, the minister said.",
     "National Socialism"),  # a doctrine
    ("Harbour DL Larry Okafor was suspended for one game.", "DL"),  # a position
    ("Handbook of Space Habitats (2018). DOI: 10.1007/978-3-319", "DOI"),  # a reference label
    ("The senate will vote on the HARBOR Act this week.", "HARBOR"),  # a law's own capitals
    ("Members of the \u201cNo HARBOR, No Deal\u201d group called for a vote.", "HARBOR"),  # in a slogan
    ("Voters rejected the Harrow-Grant Medicare plan, the poll found.", "Harrow-Grant Medicare"),
])
def test_no_actor(nlp, text, name):
    assert name not in kinds(nlp, text), kinds(nlp, text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="AB&-()’s:0123 .,\n", max_size=60))
def test_total(nlp, text):
    find_actors(nlp(text))  # any text: actors, never an exception


def test_names_joined_by_their_acronym():
    """'Tolls and Border Protection' is one body when the article also writes 'TBP'; 'Acme and
    Bolt' stays two, and a later 'Tolls' before the rest of the name grows to all of it."""
    body = "Tolls and Border Protection met Acme and Bolt. TBP said no. Tolls and Border Protection left."
    found = [Mention(0, 5, "Tolls", "organization"), Mention(10, 27, "Border Protection", "organization"),
             Mention(32, 36, "Acme", "organization"), Mention(41, 45, "Bolt", "organization"),
             Mention(60, 65, "Tolls", "organization")]
    assert [m.text for m in joined_by_acronym(found, body)] == [
        "Tolls and Border Protection", "Acme", "Bolt", "Tolls and Border Protection"]


def test_clause_is_no_name(nlp):
    from generator.extract.not_names import not_a_name

    doc = nlp("They argued before Harrow hit Grant in the head.")
    assert not_a_name(doc[3:6])  # "Harrow hit Grant", as the model sometimes tags a clause
    assert not not_a_name(doc[3:4])


def test_role_noun_before_a_name_types_it_a_person(nlp):
    from generator.extract.mentions import kind_cue

    doc = nlp("The league fined Harbour quarterback Tavon Reyes on Monday.")
    assert kind_cue(doc, 5, 7, "organization") == ("person", True)  # as if tagged an organisation
