"""roles.py: the role a text states for a person, from titles, appositions and affiliations."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.roles import affiliation, apposition, fronted_apposition, pre_title


def role_of(nlp, text: str, name: str) -> str | None:
    """The first role any rule finds for the named person, in the order named_role uses."""
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    first, last = span.start, span.end - 1
    for found in (pre_title(doc, first, set()), fronted_apposition(doc, first, last, set()),
                  apposition(doc, last, set())):
        if found:
            return found[0]
    return affiliation(doc, last)


@pytest.mark.parametrize("text, name, role", [
    ("The plan was unveiled on Friday by UK Secretary of State Dana Reyes.",
     "Dana Reyes", "UK Secretary of State"),
    ("\u201cWe regret it,\u201d Norway\u2019s deputy director of public health, Ingrid Solberg-Lund, said on Friday.",
     "Ingrid Solberg-Lund", "Norway\u2019s deputy director of public health"),
    ("The question is whether Tallisco\u2019s founder and former CEO, Marcus Vell, profited from the deal.",
     "Marcus Vell", "Tallisco\u2019s founder and former CEO"),
    ("Her doctor asked Peter Hollis, a heart surgeon at the Harbour City Infirmary, for advice.",
     "Peter Hollis", "heart surgeon at the Harbour City Infirmary"),
    ("Greenleaf editor-in-chief Tomas Berg said the story stood.",
     "Tomas Berg", "Greenleaf editor-in-chief"),
    ("Harrow released a note from his longtime dentist Dr. Nadia Okafor.",
     "Nadia Okafor", "longtime dentist"),
    ("Dr. Alma Reyes of the Ohio Department of Health and Human Services says the risk remains.",
     "Alma Reyes", "of the Ohio Department of Health and Human Services"),
    ("A Texas man admitted to threatening U.S. Rep. Dale Hunt in June.",
     "Dale Hunt", "U.S. Rep."),
    ("At the time, Dr. Carl Mendez, who was then serving as the Governor's physician, advised rest.",
     "Carl Mendez", "Governor's physician"),
    ("Later Anna Weiss and Paul Kern, another senior NSC aide, spoke to the panel.",
     "Paul Kern", "senior NSC aide"),
    ("Chile\u2019s ambassador to Japan Rosa Ferrer has said that Chile has the means to respond.",
     "Rosa Ferrer", "Chile\u2019s ambassador to Japan"),
    ("The suspect, Ivan Petrov, was convicted and sentenced to life in prison.", "Ivan Petrov", "suspect"),
    # ranks abbreviated AP style, the full stop split off by the tokenizer
    ("Sgt. Paul Reed said the suspect fled.", "Paul Reed", "Sgt."),
    ("The Justice Department said on Monday that Lt. Col. Mark Evans would testify.", "Mark Evans", "Lt. Col."),
    # negative cases: no role stated
    ("In a statement, John Smith said the plant would close.", "John Smith", None),
    ("Yesterday Peter Hollis, however, said he would sign the bill.", "Peter Hollis", None),
    ("Marcus Vell, 41, has been trying to reach Dana Reyes for weeks.", "Marcus Vell", None),
    ("The film was produced by Nora Blake and Amy Lindqvist in Los Angeles.", "Nora Blake", None),
    ("In a letter, the aide to Vice President Dale Hunt declined to comment.", "Dale Hunt", "Vice President"),
    ("By contrast, says Mr Tomas Berg, the new phone is quiet.", "Tomas Berg", None),
    ("The two competing formats, Jane Doe and Q-Disc, have been courting studios.", "Jane Doe", None),
    ("It mirrors the 1980s John Cassette fight.", "John Cassette", None),
    # a title reaches back over "of" only from a capitalised complement
    ("Nora Blake, partnership manager of mobile content firm Tom Zed, said so.", "Tom Zed",
     "mobile content firm"),
])
def test_roles_the_text_states(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("Ab ,.-’'of the said CEO Mr.\n\"")), max_size=80))
def test_role_rules_are_total(nlp, text):
    doc = nlp(text)
    for tok in doc:
        for found in (pre_title(doc, tok.i, set()), fronted_apposition(doc, tok.i, tok.i, set()),
                      apposition(doc, tok.i, set())):
            assert found is None or isinstance(found[0], str)
        assert affiliation(doc, tok.i) is None or isinstance(affiliation(doc, tok.i), str)


def test_a_role_relative_to_another_person_keeps_what_follows_the_possessive(nlp):
    """'a member of Oliver Grant's Harbour Chambers', not 'member of Oliver Grant'."""
    from generator.extract.actors import find_actors

    doc = nlp("A report by Marta Lind, a member of Oliver Grant's Harbour Chambers, says Lord Berg warned Tony Reed.")
    roles = {a.name: a.role for a in find_actors(doc)}
    assert roles.get("Marta Lind") == "member of Oliver Grant's Harbour Chambers", roles
