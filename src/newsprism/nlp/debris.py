"""Whether a sentence is page furniture, and whether it ends: facts of the sentence, made once in the NLP pass.

Cleaning (:mod:`newsprism.clean_rules`) drops whole caption, credit and promo
lines. What survives it is a marker inside a sentence: '(pictured)', '©',
'Getty Images', 'Photo:', 'Hide Caption', '3 of 12 Photos', 'Sign up for our
newsletter', 'click here', 'Read more:'. A sentence holding one is no prose the outlet
asserts: no claim, no timeline event, no brief sentence, and a name in it
names no speaker. One rule serves them all, where each kept its own list.

A sentence *ends* when it closes with final punctuation, closing quotes or
brackets allowed after it ('... the minister said.', '... "enough."'), or
with a closing quotation mark alone. One that does not is a fragment, a
label or a headline; so is one cut after a title abbreviation ('... National
Guard Maj.'), which the sentence splitter tells from its tokens.
"""

from __future__ import annotations

import re

from ..clean_rules import CLOSERS, TERMINAL

__all__ = ["is_debris", "is_ended"]

#: Caption, credit, gallery and promo markers. A picture's position or credit in brackets ('(left)', '(Photo:
#: ...)'), not a bracketed word of prose ('(centre-right)', '(video)'); a label as pages write it, opening a line or
#: following a sentence ('Photo:', 'PHOTO CREDIT:', 'JUST WATCHED'), not 'said in a video:' or 'investors must
#: watch'; an agency credit, not a poll ('Reuters/Ipsos', 'Ipsos/Reuters opinion poll', 'Post/AP poll'); and promo
#: words only as a promo puts them: opening the line or inviting to 'our' or a 'free' one ('Sign up for our
#: newsletter'), not 'urged to sign up for text and email alerts' or 'subscribe to her newsletter'.
_DEBRIS = re.compile(
    r"\((?:pictured|file photo)\b[^)]*\)"
    r"|\((?:(?:far|second|top|bottom|centre|center)\s+)?(?:left|right|centre|center|above|below|inset|file|top|bottom)"
    r"(?:,?\s+(?:and|with)\s+[^()]{1,30})?\)"
    r"|\((?:Photo|Photos|Image|Picture|Photograph|File photo|Video|AP Photo)\s*(?:by|:|/|credit|courtesy)[^()]{0,80}\)"
    r"|©|(?:^|(?<=[.!?(\n]\s)|(?<=[.!?][\"'”’]\s)|(?<=[(\n]))\W*"
    r"(?-i:(?:FILE |File )?(?:Photo|photo|Photograph|Image|Picture|Video|PHOTO|PHOTOGRAPH|IMAGE|PICTURE|VIDEO)[sS]?)"
    r"(?:\s+(?:credit|by))?\s*:"
    r"|\b(?:Getty Images|AFP via Getty|AP Photo)\b"
    r"|(?-i:\b(?:REUTERS|Reuters)/(?!Ipsos)(?![^.;]{0,40}\b(?:poll|survey)s?\b)[A-Z][a-z]+)"
    r"|(?-i:[a-z]/(?:AFP|AP|Reuters)\b(?!-|'s|[^.;]{0,30}\b(?:poll|survey)s?\b))"
    r"|\b(?:Image|Media|Photo) (?:caption|copyright)\b|\bHide Caption\b|\b\d+ of \d+ Photos\b"
    r"|(?-i:\bJUST WATCHED\b|\bMUST WATCH\b)|\bReplay More Videos\b|\bEnlarge this image\b"
    r"|^\W*(?:sign up|subscribe)\b.{0,60}\b(?:newsletters?|alerts?|briefing|podcasts?)\b"
    r"|\b(?:sign up|subscribe)\b.{0,30}\b(?:our|free)\b.{0,30}\b(?:newsletters?|alerts?|podcasts?)\b|\bclick here\b"
    r"|\bread more\s*(?:[:»>|]|$)|^read more\b",
    re.IGNORECASE,
)
#: Final punctuation, closing quotes or brackets after it (cleaning's own sets: ``TERMINAL``, ``CLOSERS``); or a closing quotation mark alone (not a guillemet
#: alone, which is as often a teaser's arrow: 'Full coverage »').
_END = re.compile(rf"[{re.escape(TERMINAL)}][{re.escape(CLOSERS)}]*\s*$|[\"”’]\s*$")


def is_debris(text: str) -> bool:
    """Whether the sentence ``text`` holds a caption, credit, gallery or promo marker."""
    return _DEBRIS.search(text) is not None


def is_ended(text: str) -> bool:
    """Whether the sentence ``text`` closes with final punctuation (see the module docstring)."""
    return _END.search(text) is not None
