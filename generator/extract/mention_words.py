"""The words and shapes the mention rules read: what kinds of name, head nouns, titles, non-actors.

General English news vocabulary, not any article's words (mentions.py, institutions.py, salience.py).
"""
from __future__ import annotations

import re

LABEL_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
               "FAC": "place"}


# Common nouns that name a kind of organisation, written next to one's name: "the
# Harbour news channel", "car maker Tallis", "beauty company Tallisco". General
# vocabulary (business, media, politics, civil society), not names; the ambiguous
# ones ("producer", "publisher") only type a name that is not a person's (kind_cue).
ORG_NOUNS = {"agency", "bank", "broadcaster", "carrier", "channel", "company", "corporation",
             "firm", "group", "maker", "manufacturer", "newspaper", "network", "party",
             "retailer", "union", "airline", "insurer", "lender", "consultants", "consultancy",
             "watchdog", "regulator", "giant", "operator", "brewer", "supermarket", "chain",
             "daily", "magazine", "station", "conglomerate", "producer", "publisher",
             "charity", "league", "organisation", "organization", "association",
             "foundation", "institute", "university", "hospital", "startup", "start-up",
             "automaker", "carmaker", "utility", "exchange", "tabloid", "think-tank", "tank"}
# Not in it: nouns for what a person or a town has too ("the Harrow website", "the Harrow
# team", "the Harbour club").
# Words that end organisation names; a PERSON entity ending in one is an organisation.
ORG_NAME_WORDS = {"info", "news", "group", "agency", "corp", "corporation", "inc", "ltd", "plc",
                  "bank", "party", "union", "council", "ministry", "committee", "commission",
                  "institute", "university", "association", "foundation", "fund", "office",
                  "tv", "radio", "press", "securities", "holdings", "airlines", "motors"}
# Last words of names that are events, laws, documents or products, not actors:
# "Nato-Russia Forum", "Foreign Corrupt Practices Act", "Auto Show".
NON_ACTOR_HEADS = {"forum", "summit", "conference", "show", "games", "olympics", "cup",
                   "championship", "festival", "awards", "talks", "agreement", "act", "bill",
                   "study", "report", "index", "budget", "treaty", "accord", "convention",
                   "protocol", "directive", "plan", "programme", "program", "strategy",
                   "survey", "war", "election", "elections", "referendum", "prize", "expo",
                   "composite", "average", "award"}  # stock indexes: "Shanghai Composite", "Industrial Average"
# Staff a firm names before their name ("Harbour analyst Tom Grant"); a town or country
# names its officials, not its analysts.
STAFF_NOUNS = {"analyst", "analysts", "economist", "strategist", "researcher"}
# Members of a body who are no office holders, for "a fellow at X" (roles.ROLE_NOUNS has the rest).
AFFILIATE_NOUNS = {"fellow", "member", "researcher", "scholar", "lecturer"}
# Heads of names of laws and documents, whose capitals are part of the title.
DOCUMENT_HEADS = {"act", "bill", "agreement", "treaty", "accord", "directive", "protocol", "plan",
                  "programme", "program", "strategy", "report", "index", "budget", "convention"}
# Heads of names that are events in most texts but organisations in some: kept when
# the name speaks or acts, or is called a think tank or a group.
ORG_CAPABLE_HEADS = {"forum", "conference"}
# Organisation heads that take a place after 'of': "Federal Reserve Bank of Ohio",
# "University of Leeds", "Court of Appeal" is not one (no place).
ORG_OF_HEADS = {"bank", "university", "department", "ministry", "office", "council", "court",
                "commission", "board", "authority", "police", "college", "institute", "church"}
# Nouns after a name that make it a place: "Van Buren County", "Cass and Barry counties".
PLACE_NOUNS = {"county", "counties", "province", "provinces", "district", "districts",
               "township", "parish", "state", "states", "region", "prefecture"}
# Military and political titles that spaCy sometimes tags as a person on their own ("Lt Col").
TITLE_WORDS = {"lt", "col", "gen", "sgt", "capt", "maj", "cpl", "adm", "cmdr", "pvt", "rep",
               "sen", "gov", "prof", "rev", "hon", "supt", "insp", "det", "cllr"}
# Single capitalised words that read as names only at a sentence start or as
# compass points ("the West"): too vague to list as an actor on their own.
VAGUE_PLACES = {"west", "east", "north", "south", "midwest", "middle east"}
# All-caps abbreviations that are terms, not organisations.
NON_ORG_ABBREVIATIONS = {"TV", "CEO", "GDP", "ICT", "IT", "PC", "DVD", "CD", "VAT", "GMT",
                         "BST", "OK", "AM", "PM", "AD", "BC", "UK", "US", "USA", "EU", "HIV",
                         "AIDS", "SMS", "PIN", "MP", "MPS", "MSP", "MEP", "QC", "PR", "ID",
                         "CFO", "COO", "IPO", "FTSE", "DNA", "CCTV", "MRI", "ATM", "LCD",
                         # time zones ("9 a.m. ET") and a term written in capitals
                         "ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT", "UTC", "CET",
                         "VIP"}
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
# A name ending in "-ism" is a doctrine or a movement ("National Socialism"), not an actor.
IDEOLOGY = re.compile(r"[a-z]{3}isms?$")
HAS_DIGIT = re.compile(r"\d")
# A US state as AP style abbreviates it after a town: "Ark.", "Calif.", "N.Y.".
STATE_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{1,4}|[A-Z]\.[A-Z])\.$")
# A line that is a photo credit: capitals, slashes, no lowercase ("MICHAEL REYNOLDS/PAP/EPA").
CREDIT_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2,}[^a-z\n]*$")
LEADING = ("the ", "The ", "a ", "an ")
TRAILING = ("’s", "'s", "’", "'")
