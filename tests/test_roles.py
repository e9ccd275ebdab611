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
    ("The move was announced on Monday by US Secretary of State Mike Pompeo.",
     "Mike Pompeo", "US Secretary of State"),
    ("“We are sorry,” Sweden’s deputy director of public prosecutions, Eva-Marie Persson, said on Tuesday.",
     "Eva-Marie Persson", "Sweden’s deputy director of public prosecutions"),
    ("The issue is whether WeWork’s founder and former CEO, Adam Neumann, indulged in self-dealing.",
     "Adam Neumann", "WeWork’s founder and former CEO"),
    ("His doctor sought advice from Owen Dempsey, a chest doctor at the Aberdeen Royal Infirmary.",
     "Owen Dempsey", "chest doctor at the Aberdeen Royal Infirmary"),
    ("Wikileaks editor-in-chief Kristinn Hrafnsson said the case was closed.",
     "Kristinn Hrafnsson", "Wikileaks editor-in-chief"),
    ("Trump released a letter from his longtime physician Dr. Harold Bornstein.",
     "Harold Bornstein", "longtime physician"),
    ("Dr. Joneigh Khaldun of the Michigan Department of Health and Human Services says the risk continues.",
     "Joneigh Khaldun", "of the Michigan Department of Health and Human Services"),
    ("A New York man pleaded guilty to threatening to kill U.S. Rep. Ilhan Omar in March.",
     "Ilhan Omar", "U.S. Rep."),
    ("At the time, Dr. Ronny Jackson, who was then serving as the President's physician, suggested a diet.",
     "Ronny Jackson", "President's physician"),
    ("Later Kurt Volker and Tim Morrison, another top NSC aide, testified before the committee.",
     "Tim Morrison", "top NSC aide"),
    ("China’s ambassador to Britain Liu Xiaming has said that China has the power to end it.",
     "Liu Xiaming", "China’s ambassador to Britain"),
    ("The suspect, Michael Webb, was convicted and sentenced to life in prison.", "Michael Webb", "suspect"),
    # negative cases: no role stated
    ("In a statement, John Smith said the plant would close.", "John Smith", None),
    ("Yesterday Donald Trump, however, said he would sign the bill.", "Donald Trump", None),
    ("Scooter Braun, 38, has been trying to reach Taylor Swift for weeks.", "Scooter Braun", None),
    ("The film was produced by Kevin Feige and Amy Pascal in Los Angeles.", "Kevin Feige", None),
    ("In a letter, the aide to Vice President Mike Pence declined to comment.", "Mike Pence", "Vice President"),
    ("By contrast, says Mr Gavin Cox, the Mac mini is quiet.", "Gavin Cox", None),
    ("The two competing formats, Jane Doe and HD-DVD, have been courting studios.", "Jane Doe", None),
    ("It mirrors the 1980s John Betamax fight.", "John Betamax", None),
    # a title reaches back over "of" only from a capitalised complement
    ("Christian Harris, partnership manager of mobile content firm Tom Zed, said so.", "Tom Zed",
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
