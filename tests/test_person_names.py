"""A person's name in parts; which names may be one person's, within an article and across."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.mentions import Mention
from generator.extract.names import display_name, group_people
from generator.extract.person_names import PersonName, parse_person, same_person
from generator.normal import fold


@pytest.mark.parametrize("text, expected", [
    ("Robert S. Mueller III", PersonName("robert", ("s.",), "mueller", "iii")),
    ("Joseph R. Biden Jr.", PersonName("joseph", ("r.",), "biden", "jr")),
    ("Donald Trump Jr", PersonName("donald", (), "trump", "jr")),
    ("Trump Jr.", PersonName("", (), "trump", "jr")),
    ("Mr. Obama", PersonName("", (), "obama", "")),
    ("Sheriff Arpaio", PersonName("", (), "arpaio", "")),
    ("RNC Chair Reince Priebus", PersonName("reince", (), "priebus", "")),
    ("Representative Zoe Lofgren", PersonName("zoe", (), "lofgren", "")),
    ("Sen. Ted Cruz", PersonName("ted", (), "cruz", "")),
    ("First Lady Melania Trump", PersonName("melania", (), "trump", "")),
    ("Sarah Huckabee Sanders", PersonName("sarah", ("huckabee",), "sanders", "")),
    ("Paweł Jabłoński", PersonName("pawel", (), "jablonski", "")),
    ("", PersonName("", (), "", "")),
])
def test_parse_person(text, expected):
    assert parse_person(text) == expected


@pytest.mark.parametrize("a, b", [
    ("Adam Schiff", "Adam B. Schiff"),
    ("Robert Mueller", "Robert S. Mueller III"),
    ("Chuck Schumer", "Charles E. Schumer"),
    ("Dick Durbin", "Richard J. Durbin"),
    ("Jim Mattis", "James Mattis"),
    ("Ted Kennedy", "Edward M. Kennedy"),
    ("Mike Bloomberg", "Michael R. Bloomberg"),
    ("Hillary Clinton", "Hillary Rodham Clinton"),
    ("Donald John Trump", "Donald J. Trump"),
    ("J. Smith", "John Smith"),
    ("Sarah Sanders", "Sarah Huckabee Sanders"),
    ("A. Barry Rand", "Barry Rand"),
    ("J. Christopher Stevens", "Chris Stevens"),
    ("J. Christopher Stevens", "John Christopher Stevens"),
])
def test_one_person(a, b):
    assert same_person(parse_person(a), parse_person(b))
    assert same_person(parse_person(b), parse_person(a))


@pytest.mark.parametrize("a, b", [
    ("George W. Bush", "George H.W. Bush"),
    ("George W. Bush", "Jeb Bush"),
    ("Bill Clinton", "Hillary Clinton"),
    ("Jesse Jackson", "Jesse Jackson Jr."),
    ("Donald Trump", "Donald Trump Jr."),
    ("Donald Trump Jr.", "Donald Trump Sr."),
    ("Rand Paul", "Ron Paul"),
    ("Mark Cheney", "Mary Cheney"),
    ("Tim Scott", "Rick Scott"),
    ("Michael Steel", "Michael Steele"),
    ("John F. Kennedy", "John A. Kennedy"),
    ("A. Barry Rand", "Ayn Rand"),  # he goes by his middle name
])
def test_different_people(a, b):
    assert not same_person(parse_person(a), parse_person(b))
    assert not same_person(parse_person(b), parse_person(a))


def test_jr_is_told_apart_only_where_it_must_be():
    joe, jr = parse_person("Joe Biden"), parse_person("Joseph R. Biden Jr.")
    assert not same_person(joe, jr) and same_person(joe, jr, suffix_matters=False)


@given(st.text(max_size=60))
def test_parse_and_compare_are_total(text):
    name = parse_person(text)
    assert same_person(name, name) in (True, False)
    assert name.parts >= 0


def mentions(*texts: str) -> list[Mention]:
    out, at = [], 0
    for text in texts:
        out.append(Mention(at, at + len(text), text, "person"))
        at += len(text) + 10
    return out


@pytest.mark.parametrize("texts, groups", [
    (["Adam B. Schiff", "Adam Schiff", "Schiff"], [["Adam B. Schiff", "Adam Schiff", "Schiff"]]),
    (["Robert S. Mueller III", "Robert Mueller"], [["Robert S. Mueller III", "Robert Mueller"]]),
    # a lone surname goes to the nearest full name before it
    (["Jesse Jackson Jr.", "Jesse Jackson", "Mr. Jackson"], [["Jesse Jackson Jr."], ["Jesse Jackson", "Mr. Jackson"]]),
    (["George W. Bush", "George H.W. Bush"], [["George W. Bush"], ["George H.W. Bush"]]),
    (["Malia Obama", "Malia"], [["Malia Obama", "Malia"]]),
    (["RNC Chair Reince Priebus", "Reince Priebus"], [["RNC Chair Reince Priebus", "Reince Priebus"]]),
])
def test_group_people_within_an_article(texts, groups):
    got = sorted(sorted(m.text for m in g.mentions) for g in group_people(mentions(*texts)))
    assert got == sorted(sorted(g) for g in groups)


def test_display_name_is_the_fullest_without_a_title():
    [group] = group_people(mentions("RNC Chair Reince Priebus", "Reince Priebus"))
    assert display_name(group) == "Reince Priebus"
    [group] = group_people(mentions("Adam Schiff", "Adam B. Schiff"))
    assert display_name(group) == "Adam B. Schiff"


@pytest.mark.parametrize("a, b", [
    ("Paweł", "Pawel"), ("Organisation", "organization"), ("Marks & Spencer", "Marks and Spencer"),
    ("Ann  Lee", "ann lee"), ("O’Brien", "O'Brien"),
])
def test_one_fold(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("forms, name", [
    (["Calif"], "California"), (["Ky."], "Kentucky"), (["N.J."], "New Jersey"), (["Ohio"], "Ohio"),
])
def test_state_abbreviations_are_their_states(forms, name):
    from generator.extract.names import group_others
    [group] = group_others([Mention(i * 10, i * 10 + len(f), f, "place") for i, f in enumerate(forms)])
    assert display_name(group) == name
