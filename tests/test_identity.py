"""Site actors across articles: merging, overrides, stable unique ids."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract.actors import find_actors
from generator.identity import Overrides, OverridesError, SiteActor, load_overrides, resolve_actors
from generator.model import Actor
from generator.pipeline import prepare
from generator.sources import read_source

ROOT = Path(__file__).resolve().parent.parent


def person(name, role=None, aliases=()):
    return Actor(name=name, kind="person", role=role, mentions=((0, 1),), salience=1.0,
                 aliases=tuple(aliases))


def by_name(actors: tuple[SiteActor, ...]) -> dict[str, SiteActor]:
    return {a.name: a for a in actors}


def test_seeds_resolve_to_one_biden_and_one_putin(nlp):
    per_article = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        source = read_source(path, None)
        article = prepare(source)
        per_article.append((path.name, find_actors(nlp(article.body), article.title)))
    actors = by_name(resolve_actors(per_article, Overrides()))
    for name in ("Joe Biden", "Vladimir Putin", "NATO", "White House"):
        assert len(actors[name].articles) == 2, actors[name]
    assert not any(a.name in ("Biden", "Putin") for a in actors.values())
    assert "US President" in dict(actors["Joe Biden"].roles).values()


@pytest.mark.parametrize("articles, expected", [
    ([("a", (person("Joe Biden"),)), ("b", (person("Biden"),))], {"Joe Biden": ("a", "b")}),
    ([("a", (person("Gordon Brown"),)), ("b", (person("Nick Brown"),))],
     {"Gordon Brown": ("a",), "Nick Brown": ("b",)}),
    # a lone surname shared by two different people joins neither
    ([("a", (person("Gordon Brown"),)), ("b", (person("Nick Brown"),)), ("c", (person("Brown"),))],
     {"Gordon Brown": ("a",), "Nick Brown": ("b",), "Brown": ("c",)}),
    ([("a", (person("Paweł Jabłoński"),)), ("b", (person("Pawel Jablonski"),))],
     {"Paweł Jabłoński": ("a", "b")}),
])
def test_people_merge_by_name_not_by_shared_surname(articles, expected):
    got = {a.name: a.articles for a in resolve_actors(articles, Overrides())}
    assert {k: got.get(k) for k in expected} == expected
    assert len(got) == len(expected)


def test_organisations_merge_through_aliases_and_case():
    nato = Actor("NATO", "organization", aliases=("North Atlantic Treaty Organization",))
    got = resolve_actors([("a", (nato,)), ("b", (Actor("Nato", "organization"),)),
                          ("c", (Actor("North Atlantic Treaty Organization", "organization"),))])
    assert [(a.name, a.articles) for a in got] == [("NATO", ("a", "b", "c"))]


def test_roles_are_kept_per_article():
    got = resolve_actors([("a", (person("Joe Biden", "US President"),)),
                          ("b", (person("Biden", "President"),))])
    assert got[0].roles == (("a", "US President"), ("b", "President"))


def test_overrides_merge_split_roles_kind_ignore():
    overrides = Overrides(merge={"Joseph R. Biden": "Joe Biden"}, roles={"joe biden": "US President"},
                          kind={"TVP Info": "organization"}, ignore=["the West"])
    got = by_name(resolve_actors([
        ("a", (person("Joe Biden"), person("TVP Info"), Actor("the West", "place"))),
        ("b", (person("Joseph R. Biden", "President"),)),
    ], overrides))
    assert set(got) == {"Joe Biden", "TVP Info"}
    assert got["Joe Biden"].articles == ("a", "b")
    assert got["Joe Biden"].roles == (("a", "US President"), ("b", "US President"))
    assert "Joseph R. Biden" in got["Joe Biden"].aliases
    assert got["TVP Info"].kind == "organization"


def test_split_keeps_a_lone_surname_apart():
    got = resolve_actors([("a", (person("Gordon Brown"),)), ("b", (person("Brown"),))],
                         Overrides(split=("Brown",)))
    assert sorted(a.name for a in got) == ["Brown", "Gordon Brown"]


@pytest.mark.parametrize("names", [
    ["Index", "index"], ["A/B", "A B"], ["..", "../etc"], ["", "???"], ["Ann Lee", "Ann-Lee"],
])
def test_ids_are_unique_url_safe_and_stable(names):
    articles = [(f"k{i}", (Actor(n, "organization"),)) for i, n in enumerate(names)]
    first = resolve_actors(articles)
    ids = [a.id for a in first]
    assert len(set(ids)) == len(ids)
    assert all(i and i != "index" and "/" not in i and ".." not in i for i in ids)
    assert [a.id for a in resolve_actors(list(reversed(articles)))] != [] and \
        sorted(ids) == sorted(a.id for a in resolve_actors(list(reversed(articles))))


def test_same_name_kept_apart_by_kind_gets_distinct_ids():
    got = resolve_actors([("a", (Actor("Jordan", "place"), person("Jordan")))])
    assert len({a.id for a in got}) == 2


@pytest.mark.parametrize("text, problem", [
    ("merge: [a, b]\n", "merge: expected a mapping"),
    ("roles: {Joe Biden: 3}\n", "roles: expected a mapping"),
    ("kind: {NATO: company}\n", "kind: expected one of"),
    ("ignore: West\n", "ignore: expected a list"),
    ("colour: red\n", "unknown key 'colour'"),
    ("- a\n- b\n", "expected a mapping"),
    ("merge: {a: [\n", "not valid YAML"),
])
def test_bad_overrides_file_is_one_line_naming_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError) as e:
        load_overrides(path)
    message = str(e.value)
    assert str(path) in message and problem in message and "\n" not in message


def test_example_overrides_file_loads_and_is_harmless():
    overrides = load_overrides(ROOT / "actors.yml")
    assert overrides == Overrides()
    assert load_overrides(ROOT / "no-such-actors.yml") == Overrides()


def test_good_overrides_file(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text('merge: {"Joseph R. Biden": "Joe Biden"}\nsplit: [Nick Brown]\n'
                    'roles: {"Joe Biden": "US President"}\nkind: {TVP Info: organization}\n'
                    'ignore: [the West]\n', encoding="utf-8")
    o = load_overrides(path)
    assert (o.merge, o.split, o.roles, o.kind, o.ignore) == (
        {"Joseph R. Biden": "Joe Biden"}, ("Nick Brown",), {"Joe Biden": "US President"},
        {"TVP Info": "organization"}, ("the West",))


def test_many_merges_keep_every_actor():
    """Merging clusters leaves gaps in their numbering; new actors must not land in them."""
    from generator.identity import resolve_actors as resolve

    org = lambda name, *aliases: Actor(name=name, kind="organization", aliases=aliases)  # noqa: E731
    per = [("a", (org("Alpha Corp"),)),
           ("b", (org("Beta Group", "Beta Holdings"),)),  # the larger cluster survives the merge
           ("c", (org("Alpha Corp", "Beta Group"),)),  # one body under two names: merge
           ("d", (org("Gamma Bank"),)),  # a new cluster after the merge
           ("e", (org("Beta Holdings"), org("Gamma Bank")))]
    actors = {a.name: set(a.articles) for a in resolve(per)}
    assert len(actors) == 2
    merged = next(v for k, v in actors.items() if k != "Gamma Bank")
    assert merged == {"a", "b", "c", "e"} and actors["Gamma Bank"] == {"d", "e"}


def names_of(per_article) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((a.name, a.articles) for a in resolve_actors(per_article, Overrides()))


@pytest.mark.parametrize("names", [
    ["Adam Schiff", "Adam B. Schiff"],
    ["Robert Mueller", "Robert S. Mueller III"],
    ["Chuck Schumer", "Charles E. Schumer", "Charles Schumer"],
    ["Dick Durbin", "Richard J. Durbin"],
    ["Joe Biden", "Joseph R. Biden Jr."],  # no article names two Bidens: 'Jr.' is no other man
    ["Hillary Clinton", "Hillary Rodham Clinton"],
    ["Zoe Lofgren", "Representative Zoe Lofgren"],
    ["Joe Arpaio", "Sheriff Arpaio", "Arpaio"],
])
def test_one_person_across_articles(names):
    per = [(f"k{i}", (person(n),)) for i, n in enumerate(names)]
    got = resolve_actors(per)
    assert len(got) == 1 and set(got[0].aliases) | {got[0].name} == set(names)


def test_site_title_is_the_fullest_name_without_a_title():
    per = [("a", (person("Donald Trump"),)), ("b", (person("Donald J. Trump"),)),
           ("c", (person("Trump"),)), ("d", (person("Representative Donald Trump"),))]
    assert [a.name for a in resolve_actors(per)] == ["Donald J. Trump"]


@pytest.mark.parametrize("per, apart", [
    # one article names father and son: 'Jr.' tells them apart everywhere
    ([("a", (person("Jesse Jackson Jr."), person("Jesse Jackson"))), ("b", (person("Jesse L. Jackson Jr."),)),
      ("c", (person("Jesse L. Jackson"),))], [{"a", "b"}, {"a", "c"}]),
    ([("a", (person("George W. Bush"),)), ("b", (person("George H.W. Bush"),)), ("c", (person("Jeb Bush"),))],
     [{"a"}, {"b"}, {"c"}]),
    ([("a", (person("Bill Clinton"),)), ("b", (person("Hillary Clinton"),)), ("c", (person("Chelsea Clinton"),))],
     [{"a"}, {"b"}, {"c"}]),
    # two full names one article gives two people are never one
    ([("a", (person("John Smith"), person("J. Smith"))), ("b", (person("John Smith"),))], [{"a", "b"}, {"a"}]),
])
def test_different_people_stay_apart(per, apart):
    assert sorted(map(set, (a.articles for a in resolve_actors(per))), key=sorted) == sorted(apart, key=sorted)


def test_a_bare_surname_joins_its_own_article_then_the_dominant_bearer():
    per = [(f"o{i}", (person("Barack Obama"),)) for i in range(4)]
    per += [("m", (person("Michelle Obama"),)), ("x", (person("Obama"),))]
    per += [("y", (person("Malia Obama"), person("Obama")))]
    got = {a.name: set(a.articles) for a in resolve_actors(per)}
    assert got["Barack Obama"] == {"o0", "o1", "o2", "o3", "x"}
    assert got["Malia Obama"] == {"y"}  # in y, 'Obama' is the one the article names
    # no bearer dominates: the surname keeps its own actor
    per = [("a", (person("George W. Bush"),)), ("b", (person("Jeb Bush"),)), ("c", (person("Bush"),))]
    assert {a.name for a in resolve_actors(per)} == {"George W. Bush", "Jeb Bush", "Bush"}


def test_a_first_name_alone_joins_its_family_or_is_no_actor():
    per = [("a", (person("Malia Obama"),)), ("b", (person("Malia"), person("Barack Obama"))),
           ("c", (person("Malia"),)), ("d", (person("Margaret"),)), ("e", (person("Princess Diana"),))]
    got = {a.name: set(a.articles) for a in resolve_actors(per)}
    assert got == {"Malia Obama": {"a", "b"}, "Barack Obama": {"b"}, "Princess Diana": {"e"}}


def test_kinds_are_decided_on_all_articles():
    fbi = [(f"k{i}", (Actor("FBI", "organization"),)) for i in range(3)]
    got = resolve_actors(fbi + [("p", (Actor("F.B.I", "place"),)), ("q", (Actor("F.B.I.", "place"),))])
    assert [(a.name, a.kind, len(a.articles)) for a in got] == [("FBI", "organization", 5)]
    # an organisation's name shape beats a majority of place labels
    nra = [("a", (Actor("National Rifle Association", "place"),)), ("b", (Actor("National Rifle Association", "place"),)),
           ("c", (Actor("National Rifle Association", "organization"),))]
    assert [a.kind for a in resolve_actors(nra)] == ["organization"]
    # an article's own people: 'Malia' typed a place beside 'Malia Obama' is her
    got = resolve_actors([("a", (person("Malia Obama"), Actor("Malia", "place")))])
    assert [(a.name, a.kind) for a in got] == [("Malia Obama", "person")]


def test_no_two_actors_share_a_title():
    per = [("a", (Actor("Jordan", "place"), person("Jordan"))), ("b", (Actor("Jordan", "place"),))]
    got = resolve_actors(per)
    assert sorted(a.name for a in got) == ["Jordan", "Jordan (person)"]
    assert "Jordan" in next(a for a in got if a.kind == "person").aliases


def test_user_kind_and_merge_beat_the_vote():
    per = [("a", (Actor("Apple", "organization"),)), ("b", (Actor("Apple", "organization"),)),
           ("c", (Actor("Apple", "place"),))]
    got = resolve_actors(per, Overrides(kind={"Apple": "place"}))
    assert [(a.name, a.kind) for a in got] == [("Apple", "place")]


def test_an_acronym_joins_the_one_long_name_it_abbreviates():
    org = lambda name: Actor(name, "organization")  # noqa: E731
    per = [("a", (org("Justice Department"),)), ("b", (org("Department of Justice"),)), ("c", (org("DOJ"),)),
           ("d", (org("D.O.J."),)), ("e", (org("Justice Department"),))]
    got = resolve_actors(per)
    assert [(a.name, len(a.articles)) for a in got] == [("Justice Department", 5)]
    # two long names with the same initials: the acronym joins neither
    per = [("a", (org("Tea Party Movement"),)), ("b", (org("Tax Policy Monitor"),)), ("c", (org("TPM"),))]
    assert len(resolve_actors(per)) == 3


@pytest.mark.parametrize("a, b", [
    ("Safari Club International", "Safari Club"), ("Acme Inc.", "Acme"), ("Acme Ltd", "Acme"),
])
def test_legal_designators_are_not_part_of_an_organisations_identity(a, b):
    per = [("x", (Actor(a, "organization"),)), ("y", (Actor(b, "organization"),))]
    assert len(resolve_actors(per)) == 1


def test_a_form_one_article_uses_gives_way_to_one_two_agree_on():
    per = [("a", (person("James N. Mattis"),)), ("b", (person("Jim Mattis"),)), ("c", (person("Jim Mattis"),))]
    assert [a.name for a in resolve_actors(per)] == ["Jim Mattis"]


def test_a_longer_name_an_article_folded_in_links_no_other_actor():
    senate = Actor("Senate", "organization", aliases=("Senate Intelligence Committee",))
    per = [("a", (senate,)), ("b", (Actor("Senate Intelligence Committee", "organization"),)),
           ("c", (Actor("Senate", "organization"),))]
    got = {a.name: a.articles for a in resolve_actors(per)}
    assert got == {"Senate": ("a", "c"), "Senate Intelligence Committee": ("b",)}


def test_a_title_is_not_shouted_when_articles_also_write_it_plainly():
    per = [("a", (Actor("WASHINGTON", "place"),)), ("b", (Actor("WASHINGTON", "place"),)),
           ("c", (Actor("Washington", "place"),)), ("d", (Actor("NATO", "organization"),)),
           ("e", (Actor("NATO", "organization"),)), ("f", (Actor("Nato", "organization"),))]
    assert sorted(a.name for a in resolve_actors(per)) == ["NATO", "Washington"]
