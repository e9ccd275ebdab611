"""Quotations and their speakers: mark pairing, attribution, resolution, properties."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.quote_marks import find_passages
from generator.extract.quotes import find_quotes
from generator.extract.speakers import clean_name

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.yaml"


def passages(text: str) -> list[str]:
    return [text[p.span[0]:p.span[1]] for p in find_passages(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will win the race," and left.', ['"we will win the race,"']),
    ("He said “we will win the race,” and left.", ["“we will win the race,”"]),
    # a wrong-way opening mark closes the quote at the end of a paragraph
    ("Biden “urged Russia to defuse tensions. “\n\nNext paragraph.",
     ["“urged Russia to defuse tensions. “"]),
    # a quote running over two paragraphs: the first is left open, the second reopens
    ("“We will fight on.\n\n“And we will win,” she said.",
     ["“We will fight on.", "“And we will win,”"]),
    # nested single quotes stay inside the double-quoted passage
    ("He said “they called it ‘a red line’ today,” firmly.",
     ["“they called it ‘a red line’ today,”"]),
    ('It would be "crossing a red line."', ['"crossing a red line."']),
    ("Officials said: “We are ready for talks.”", ["“We are ready for talks.”"]),
    # two single marks typed for a closing double one
    ("“It was an attempt to mislead voters,’’ Will Moy said.", ["“It was an attempt to mislead voters,’’"]),
    ("He said ``we will win the race,'' and left.", ["``we will win the race,''"]),
    # negative cases: a plural possessive in single quotes inside a quote stays inside
    ("“The ‘players’ union’ is strong,” he said.", ["“The ‘players’ union’ is strong,”"]),
    # negative cases: apostrophes, inch marks and lone marks are not quotations
    ("It's the candidate's plan, isn't it?", []),
    ('A 5" screen was shown.\n\nNothing else.', []),
    ("No quotes here at all.", []),
])
def test_passages(text, expected):
    assert passages(text) == expected


@pytest.mark.parametrize("text, quote, speaker", [
    ("“We will win this race,” Donald Trump said on Monday.", "“We will win this race,”",
     "Donald Trump"),
    ("Hillary Clinton spoke in Ohio. “We are stronger together than apart,” Clinton said.",
     "“We are stronger together than apart,”", "Hillary Clinton"),
    ("“The economy is growing again,” said Senator Bernie Sanders of Vermont.",
     "“The economy is growing again,”", "Bernie Sanders"),
    ("Pawel Jablonski spoke on TV. He added that talks “will probably not prove groundbreaking.”",
     "“will probably not prove groundbreaking.”", "Pawel Jablonski"),
    ("Moscow has warned that Ukraine's accession would be “crossing a red line.”",
     "“crossing a red line.”", "Moscow"),
    ("A senior administration official called the talks “serious and very substantial.”",
     "“serious and very substantial.”", "senior administration official"),
    ("According to Jen Psaki, the talks were “a useful first step forward.”",
     "“a useful first step forward.”", "Jen Psaki"),
])
def test_speaker(nlp, text, quote, speaker):
    quotes = find_quotes(nlp(text))
    assert [(q.text, q.speaker) for q in quotes] == [(quote, speaker)]


@pytest.mark.parametrize("text, speaker", [
    # a pronoun skips a name of the other gender (told by an honorific)
    ("Mrs. Hillary Clinton arrived. Then Mr. Bill Clinton spoke. “We are ready for this fight,” "
     "she said.", "Hillary Clinton"),
    # a surname takes the latest full name it ends, not another person of the same family
    ("Mr. Bill Clinton spoke first. Then Mrs. Hillary Clinton arrived. “We are ready for this "
     "fight,” Clinton said.", "Hillary Clinton"),
    # a relative pronoun is resolved to the name it hangs off
    ("“This is a disgrace,” said Jack Weaver, who said that there are “no secrets in politics.”",
     "Jack Weaver"),
])
def test_resolution(nlp, text, speaker):
    assert find_quotes(nlp(text))[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # a name after the cue that follows the quote, however the parser attached it
    ("Analyst Zachary Fadem was calm. “Comp sales were light but margins held up,” wrote Fadem "
     "in a research report.", "Zachary Fadem"),
    # two subjects parsed for one cue: the nearer is the speaker
    ("Wikileaks editor-in-chief Kristinn Hrafnsson said: \"Let us now focus on the real threat.\"",
     "Kristinn Hrafnsson"),
    # indirect speech leads in to a quote with no cue of its own
    ("Saeb Erekat spoke on Monday.\n\nErekat said it was only the latest move by the US.\n\n"
     "“They wanted us on our knees and they used every trick.”", "Saeb Erekat"),
    # a participle on an object reports the words of who governs the object
    ("The Electoral Commission issued a statement warning that “voters are entitled to "
     "transparency from campaigners.”", "Electoral Commission"),
    # a place inside a person's own report stands for the government the person speaks for
    ("Mike Pompeo said that after legal consultation Washington had concluded the settlements "
     "were \"not, per se, inconsistent with international law\".", "Mike Pompeo"),
    # a long apposition between the name and its cue after the quote
    ("“What is the incentive of implementing this deal?” Eswar Prasad, the former executive "
     "director for China at the International Monetary Fund, said at an event.", "Eswar Prasad"),
    # a pronoun takes the latest person reported speaking, indirect speech included
    ("“It struck me as political,” Alexander Vindman said.\n\nJennifer Williams said the call "
     "was unusual.\n\n“I believe what I found unusual was the reference,” she said.",
     "Jennifer Williams"),
])
def test_speaker_rules(nlp, text, speaker):
    assert find_quotes(nlp(text))[-1].speaker == speaker


def test_indirect_speech_of_an_organisation_does_not_take_the_quote(nlp):
    text = ("“We are ready for talks,” said Jen Psaki.\n\nThe ministry said talks would go on.\n\n"
            "“The door to diplomacy remains open to everyone.”")
    assert [q.speaker for q in find_quotes(nlp(text))] == ["Jen Psaki", None]


@pytest.mark.parametrize("text", [
    "Doctors write to officials.\n\n\"We write with urgency\"\n\nIn a letter, they asked for vaccines.",
    "It has been dubbed “attic dust cough.” Doctors see it often.",
    "China said it is committed to the “one country, two systems” formula for the city.",
])
def test_headings_and_terms_are_not_quotes(nlp, text):
    assert find_quotes(nlp(text)) == ()


def test_paragraph_without_cue_takes_previous_speaker(nlp):
    text = ("“We are ready for talks,” said Jen Psaki.\n\n"
            "“The door to diplomacy remains open to everyone.”")
    quotes = find_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["Jen Psaki", "Jen Psaki"]


def test_anonymous_description_chain(nlp):
    text = ("A senior administration official described the call as “serious and substantial.” "
            "It was an opportunity, the official said, “to set the tone for talks.”")
    quotes = find_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["senior administration official"] * 2
    assert text[slice(*quotes[1].speaker_span)] == "the official"


@pytest.mark.parametrize("text", [
    "The show “Saturday Night Live” aired.",  # a title: too short to be a quotation
    "He called it “fake” news.",  # scare quotes
])
def test_short_quoted_phrases_are_not_quotes(nlp, text):
    assert find_quotes(nlp(text)) == ()


@pytest.mark.parametrize("raw, name", [
    ("President Vladimir Putin", "Vladimir Putin"),
    ("Sen. Ted Cruz's", "Ted Cruz"),
    ("Jablonski", "Jablonski"),
    ("White House press secretary Jen Psaki", "Jen Psaki"),
    ("Polish deputy foreign minister Pawel Jablonski", "Pawel Jablonski"),
    ("US Secretary of State Mike Pompeo", "Mike Pompeo"),
    ("the Muslim Brotherhood", "Muslim Brotherhood"),
    # negative cases: names that hold a role noun, organisations
    ("John King", "John King"),
    ("Martin Luther King Jr.", "Martin Luther King Jr."),
    ("House Intelligence Committee", "House Intelligence Committee"),
    ("State Department", "State Department"),
])
def test_clean_name(raw, name):
    assert clean_name(raw) == name


PIECES = list("ab .,:\n\"“”„‘’'") + ["said ", " he ", "Mr. Smith ", "\n\n", "added that "]
QUOTE_TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=80)


@settings(max_examples=300, deadline=None)
@given(QUOTE_TEXT)
def test_passages_are_valid(text):
    spans = [p.span for p in find_passages(text)]
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUOTE_TEXT)
def test_quotes_are_valid(nlp, text):
    doc = nlp(text)
    quotes = find_quotes(doc)
    spans = [q.span for q in quotes]
    assert all(text[q.span[0]:q.span[1]] == q.text for q in quotes)
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for q in quotes:
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span[0] < q.speaker_span[1] <= len(text)


def test_seed_quotes(nlp):
    if not GOLD.exists():
        pytest.skip("../shared/eval not present: seeds.gold.yaml is needed for the seed quotes")
    import yaml

    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for art in gold["articles"]:
        text = (ROOT / "seeds" / art["file"]).read_text(encoding="utf-8")
        quotes = find_quotes(nlp(text))
        for g in art["quotes"]:
            hits = [q for q in quotes if g["text"].strip(" .,") in q.text]
            assert hits, g["text"]
            names = {g["speaker"], *g.get("speaker_aliases", [])}
            assert hits[0].speaker in names, (g["text"], hits[0].speaker)
