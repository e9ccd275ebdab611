"""The temporal tagger: rules as data, calendar arithmetic, tense and publication-date reasoning."""
