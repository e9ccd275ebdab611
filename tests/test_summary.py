"""The summary: the article's lead, bounded in length, never failing."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.summary import MAX_WORDS, summarize


def test_summary_is_the_lead(nlp):
    text = ("By Jane Doe\n\nThe council approved the new budget on Monday after a long debate. "
            "Spending on schools rises by a tenth. Critics said the plan came too late. "
            "A fourth sentence is not needed here at all.")
    summary = summarize(nlp(text))
    assert summary.startswith("The council approved the new budget")
    assert "By Jane Doe" not in summary
    assert "fourth sentence" not in summary


def test_a_run_on_lead_is_cut(nlp):
    text = "The minister said " + ", and ".join(["the talks went on"] * 60) + "."
    assert len(summarize(nlp(text)).split()) <= MAX_WORDS + 1


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_bounded_summary(nlp, text):
    summary = summarize(nlp(text))
    assert isinstance(summary, str) and len(summary.split()) <= MAX_WORDS + 1
