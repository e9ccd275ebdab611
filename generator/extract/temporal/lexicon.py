"""Word lists for the temporal tagger: names, numbers, units and reference words.

The lists follow the TimeML/TIMEX3 guidelines (TimeML 1.2.1) and the
expressions annotated in TimeBank 1.2 (TempEval-3 training data); entries that
produced more false alarms than hits on TimeBank were left out.
"""
from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month names that are also common English words: alone they need a cue ("in May").
AMBIGUOUS_MONTHS = ("May", "March")

WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}

# Parts of the day, with their TIMEX3 codes.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "midday": "MI", "noon": "MI"}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}
# Quantities with no definite number: TIMEX3 writes them with X ("PXY").
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous",
                    "countless", "the next few", "the past few", "the last few")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9,
    "10th": 10, "11th": 11, "12th": 12, "19th": 19, "20th": 20, "21st": 21,
    "twenty-first": 21, "nineteenth": 19, "eighteenth": 18,
}

# Duration units -> (TIMEX3 unit letter, time part?, multiplier).
UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "month": ("M", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "quarter": ("Q", False, 1), "weekend": ("WE", False, 1),
}
UNIT_PLURALS = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
                "weeks": "week", "months": "month", "years": "year", "decades": "decade",
                "centuries": "century", "quarters": "quarter", "weekends": "weekend",
                "mins": "minute", "hrs": "hour", "yrs": "year"}

# Words for the present, past and future (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF).
PRESENT_REF = ("now", "currently", "current", "nowadays", "presently", "at present",
               "the present", "at the moment", "at this point", "at this time",
               "right now", "these days", "today's")
# "recent" alone is left out: as an adjective it is tagged in only 6 of 15 TimeBank uses.
# "formerly" is left out: it qualifies titles ("formerly its chairman"), untagged in TimeBank.
PAST_REF = ("recently", "the past", "lately",
            "in recent years", "recent years", "recent days", "recent weeks", "recent months",
            "the last few years", "the last few months")
FUTURE_REF = ("soon", "the future", "future", "shortly", "in the coming years",
              "coming years", "coming months", "the coming months", "the coming weeks",
              "coming weeks", "coming days", "the coming days")

# Sets: frequency words and their TIMEX3 values.
# "quarterly", "annually" and "previously" are left out: in TimeBank they are mostly
# untagged ("its quarterly dividend").
FREQUENCY_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"}

# Holidays with fixed dates or rules: month, day (a day of 0 means a rule below).
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
            "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
            "valentine's day": (2, 14), "halloween": (10, 31), "thanksgiving day": (11, 0),
            "thanksgiving": (11, 0), "labor day": (9, 0), "memorial day": (5, 0),
            "election day": (11, -1)}

# Movable feasts: days from Easter Sunday (Western computus). "Easter week" is the ISO week that
# holds Easter Sunday (AQUAINT tags "as Easter week began" on Palm Sunday so); it is placed by
# its Monday, so that a past-tense "Easter week began" on that Monday is this year's.
EASTER_FEASTS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
                 "palm sunday": -7, "easter week": -6}
# Words after a holiday's name that make it part of another name ("Easter Island", "Christmas Island").
HOLIDAY_NOT_NEXT = frozenset("island islands rising egg eggs bunny".split())

# Verbs whose participle or infinitive complement points to the future ("scheduled for").
FUTURE_CUES = frozenset(
    "scheduled schedule expected expect plan plans planned planning set due slated "
    "hope hopes will shall 'll wo going intend intends aim aims promise promised "
    "postpone postponed delay delayed adjourn adjourned resume resumes".split())

# Verbs whose to-infinitive happens after them: "decided to admit them in March", "agreed to buy
# it in February" (TimeBank and AQUAINT: the infinitive's date is ahead of the decision, so the
# decision's past tense does not place it; but the parser also hangs the decision's own date
# there, "agreed to suspend them at the beginning of December" in BBC news, so such a date takes
# the nearest reading, neither past nor future). Lemmas.
INTENT_LEMMAS = frozenset(
    "decide agree vote pledge vow threaten promise offer propose prepare order urge".split())
