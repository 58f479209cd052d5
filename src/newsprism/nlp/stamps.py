"""Whether a line is a page's stamp: a date and a time, or a dateline, with nothing said.

Pasted and scraped news often keeps the page's publication stamp as a line
of its own ('May 3, 2013 at 7:31 AM ET', 'THURSDAY, DECEMBER 3, 2009, 9:36
AM', '21 July 2013 Last updated at 11:11 GMT') or a dateline standing alone
('WASHINGTON, DC, April 28, 2009'). Such a line states no fact: two outlets
stamped on one day do not agree on anything. A line is a stamp when the
parse finds a date or a time in it with a figure or a month or weekday
('Two Minutes Later' is a headline, not a stamp; '7 years ago' is a
stamp), and every word outside its date and time entities is part of a
place name, or a clock time, an ordinal day, a month or weekday, a time
zone, or one of the few words stamps use ('at', 'updated', 'posted'). Any
other word makes it a sentence: a verb ('Page was born on April 22, 1923'),
a noun, a bare figure ('Wisconsin, Nov. 3: 49.4% - 48.8%').
"""

from __future__ import annotations

import calendar

from spacy.tokens import Doc, Token

from .dates import MONTHS, WEEKDAYS
from .numbers import plausible_year

__all__ = ["is_stamp"]

#: Entity types a stamp is made of: its date and time, and the place of a dateline.
_DATED = frozenset({"DATE", "TIME"})
_PLACES = frozenset({"GPE", "LOC"})
#: Words of a stamp besides its date, time and place (lower-cased).
STAMP_WORDS = frozenset(
    {
        "at", "on", "am", "pm", "a.m.", "p.m.", "a.m", "p.m", "noon", "midnight",
        "updated", "update", "last", "posted", "published", "modified", "first", "|",
    }
)  # fmt: skip
#: Time zones as stamps abbreviate them (lower-cased).
TIME_ZONES = frozenset(
    {
        "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "akst", "akdt", "hst",
        "gmt", "bst", "utc", "wet", "west", "cet", "cest", "eet", "eest", "msk", "ist", "pkt", "sgt", "hkt",
        "jst", "kst", "awst", "acst", "aest", "aedt", "nzst", "nzdt",
    }
)  # fmt: skip
#: Months and weekdays, full and abbreviated (lower-cased, without a final full stop): the date parser's, and
#: the weekdays' short forms.
CALENDAR_WORDS = frozenset(
    {*MONTHS, *WEEKDAYS, *(name.lower() for name in calendar.day_abbr), "tues", "thur", "thurs"}
)
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")
#: How many tokens from a month a day or year may stand ('Apr 2, 2009').
CALENDAR_REACH = 3


def is_stamp(doc: Doc, start: int, end: int) -> bool:
    """Whether the tokens ``doc[start:end]`` make a stamp: a date or time, and nothing but stamp words."""
    dated = False
    for token in doc[start:end]:
        if token.is_space or token.is_punct:
            continue
        if token.ent_type_ in _DATED:
            # an absolute date or time: a figure or a month or weekday ('Two Minutes Later' is no stamp)
            dated = dated or any(ch.isdigit() for ch in token.text) or token.lower_.rstrip(".") in CALENDAR_WORDS
        elif token.ent_type_ in _PLACES or _stamp_word(token) or _calendar_figure(doc, token, start, end):
            continue
        else:
            return False
    return dated


def _calendar_figure(doc: Doc, token: Token, start: int, end: int) -> bool:
    """A day or a year the parse left out of the date entity, next to a month ('Apr 2, 2009': the 2)."""
    if not token.text.isdigit() or not (1 <= int(token.text) <= 31 or plausible_year(int(token.text))):
        return False
    near = doc[max(start, token.i - CALENDAR_REACH) : min(end, token.i + CALENDAR_REACH + 1)]
    return any(t.lower_.rstrip(".") in CALENDAR_WORDS for t in near)


def _stamp_word(token: Token) -> bool:
    """A clock time ('7:31', '5:03pm', '8am'), an ordinal day ('3rd'), or a calendar, zone or stamp word.

    A bare figure outside the date is no stamp's: 'Wisconsin, Nov. 3: 49.4% - 48.8%' gives a result.
    """
    word = token.lower_
    if word in STAMP_WORDS or word in TIME_ZONES or word.rstrip(".") in CALENDAR_WORDS:
        return True
    for ending in ("am", "pm", *_ORDINAL_ENDINGS):
        if word.endswith(ending) and word[: -len(ending)].replace(":", "").replace(".", "").isdigit():
            return True
    left, colon, right = word.partition(":")
    return bool(colon) and left.isdigit() and right.isdigit()
