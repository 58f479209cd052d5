"""Rules that recognise a noise paragraph of scraped article text, and say why.

Each rule looks at one paragraph (one line of the input, or a hard-wrapped
block joined into one) and answers with a :class:`Verdict` naming the reason
(the ``Removal.reason`` vocabulary) and a short detail, or ``None`` for
content. Rules that need context (what follows a "Read more" heading, what
stands at the edges of the body, what repeats) live in :mod:`newsprism.clean`.

The rules are general shapes of page furniture, not strings of known
articles: phrase lists live in ``data/clean_lines.tsv`` and patterns here.
Long paragraphs are never noise of the short kinds: every rule is bounded by
a word count, so a sentence of prose that merely mentions "news", "source",
"photo" or "read more" is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from .lexicon import data_lines

__all__ = [
    "AUTHOR_NOTE",
    "POST_SIGNATURE",
    "SIGNATURE",
    "Verdict",
    "classify_paragraph",
    "edge_byline",
    "is_headline_like",
    "is_prose",
    "label_words",
]

#: The rule that takes a post's signature on its own line ('— Jane Doe (@janedoe) March 2, 2019'): the cleaner
#: joins it to the post above instead of cutting it.
POST_SIGNATURE = "embedded post signature"
#: An embedded post's signature, as its embed code prints it: a dash, the author's name (at most 60 characters, no
#: dash; group 1), the handle (group 2) and the post's date ('May 3, 2018', '3 May 2018'). The cleaner's rule takes
#: it as a line of its own; nlp.posts finds it where it ends a post's line.
SIGNATURE = (
    r"[—–-][ \t]*([^\n—–]{0,60}?)[ \t]*\(@(\w+)\)[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\b"
)
CLOSERS = "\"'”’»)]›"
TERMINAL = ".!?…"
CAPTION_MAX_WORDS = 80
"""Longer paragraphs are body text even when they mention a photo."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a paragraph is noise; ``starts_list`` marks a heading whose list goes with it."""

    reason: str
    detail: str
    starts_list: bool = False
    link: str | None = None


# --- shapes -------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9%)\]”\"’])[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")


def _core(text: str) -> str:
    return text.rstrip(CLOSERS + " ")


def is_headline_like(text: str) -> bool:
    """A short line that reads as a headline or link title, not a sentence of prose."""
    words = text.split()
    if not 2 <= len(words) <= 25:
        return False
    core = _core(text)
    if not core or (core[-1] in ".;,:" and not core.endswith("...")):
        return False
    return _SENTENCE_BREAK.search(text) is None


def is_prose(text: str) -> bool:
    """A paragraph of body text: a finished sentence of some length, or simply long."""
    n = len(text.split())
    core = _core(text)
    return n >= 30 or (n >= 8 and bool(core) and core[-1] in TERMINAL)


# --- phrase table -------------------------------------------------------------

_KEY_STRIP = re.compile(r"^[\s•·*\-–—>»›|#]+|[\s:.|>»›•·…\-–—!]+$")


def _phrase_key(text: str) -> str:
    return " ".join(_KEY_STRIP.sub("", text).casefold().split())


@cache
def _phrases() -> Mapping[str, str]:
    """Phrase (case-folded) to reason, from ``data/clean_lines.tsv``."""
    table: dict[str, str] = {}
    for line in data_lines("clean_lines.tsv"):
        reason, _, phrase = line.partition("\t")
        table[_phrase_key(phrase)] = reason.strip()
    return MappingProxyType(table)


@cache
def label_words() -> frozenset[str]:
    """Every word of a section label: such words never make a person's name."""
    words: set[str] = set()
    for phrase, reason in _phrases().items():
        if reason in ("section_label", "related_links", "boilerplate"):
            words.update(phrase.split())
    return frozenset(words)


# --- regex rules ----------------------------------------------------------------

_URL = r"(?P<link>(?:https?://|www\.)\S+)"

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
#: A day of a month, either way round ('Oct. 12', '24 January').
_DAY = r"(?:" + _MONTHS + r"\s+\d{1,2}\b|\d{1,2}\s+" + _MONTHS + r"(?:\s|$))"

_RULES: tuple[tuple[str, str, int, re.Pattern[str]], ...] = (
    # reason, detail, most words, pattern (searched)
    ("comment_counter", "comment counter", 6,
     re.compile(r"(?i)^(?:\d[\d,.]*k?\s+)?comments?(?:\s*[:(]\s*\d[\d,]*\s*\)?)?$")),
    ("comment_counter", "comment link", 6,
     re.compile(r"(?i)^(?:view|show|read|load|see|leave|post|add|write|hide|join)\s+(?:all\s+|the\s+|a\s+|your\s+|more\s+)?"
                r"(?:\d[\d,]*\s+)?(?:comments?|repl(?:y|ies)|discussion|conversation)$")),
    ("comment_counter", "engagement counter", 4,
     re.compile(r"(?i)^\d[\d,.]*k?\s+(?:repl(?:y|ies)|responses|shares|likes|views|reactions)$")),
    ("source_line", "source link", 12,
     re.compile(r"(?i)^(?:sources?|nguồn|quelle|fuente|fonte|источник|via|original(?: article)?|originally published(?: at| on| in| by)?"
                r"|read the original(?: article)?(?: at| on| here)?)\s*[:：\-–—]?\s*" + _URL + r"\s*$")),
    ("source_line", "bare link", 1, re.compile(r"^" + _URL + r"$")),
    ("source_line", "named source", 8, re.compile(r"(?i)^sources?\s*[:：]\s*[^.!?:]{1,60}$")),
    # 'Originally published on Grist.', 'Originally published Oct. 12, 2019.': the bare form ends its sentence without
    # a clause of its own ('Originally published in 2016, the report found ...' reports)
    ("source_line", "republication note", 45,
     re.compile(r"(?i)^[\[(•\s]*(?:this (?:article|story|piece|post) (?:was|is|has been) (?:originally|first) (?:published|posted"
                r"|appeared)|this (?:article|story|piece|post) (?:originally|first) appeared"
                r"|(?:originally|first) published (?:on|by|in|at|" + _DAY + r")(?:[^,]|,\s*\d)*?(?:[.\]]\s|[.\]]?$))")),
    ("related_links", "inline link", 30,
     re.compile(r"(?i)^(?:read more|read also|also read|read next|see also|related|more|watch|listen|recommended"
                r"|don['’]?t miss|must read|trending|further reading|more on this(?: story)?|more coverage|also see)"
                r"\s*(?:[:|>»›]|\s[-–—])\s*\S")),
    ("boilerplate", "copyright notice", 40, re.compile(r"(?i)^(?:©|copyright\s*(?:©|\(c\)|\d{4})|\(c\)\s*\d{4})")),
    ("boilerplate", "copyright notice", 20, re.compile(r"(?i)\ball rights reserved\b")),
    ("boilerplate", "article age notice", 10, re.compile(r"(?i)^this (?:article|story) is (?:more|older) than \d+ \w+ old$")),
    ("boilerplate", POST_SIGNATURE, 16, re.compile(rf"^{SIGNATURE}\s*$")),
    ("caption", "video player", 40,
     re.compile(r"(?i)^(?:just watched|must watch|now playing|up next)\b.*\b(?:replay|more videos|must watch)\b")),
    ("boilerplate", "reading time", 6, re.compile(r"(?i)^(?:\d+\s*(?:min(?:ute)?s?|m)\s+read|reading time\b.{0,20})$")),
    ("boilerplate", "technical notice", 40,
     re.compile(r"(?i)\b(?:we use cookies|this (?:site|website) uses cookies|enable javascript|javascript is (?:disabled|required)"
                r"|your browser (?:does not|doesn['’]t) support|turn off your ad ?blocker|disable your ad ?blocker)\b")),
)

_DATELINE = re.compile(
    r"(?i)^(?:published|updated|last updated|posted|first published|last modified|modified)\b\s*(?:on|at|:)?\s*(?P<rest>.{1,80})$"
)
_HAS_DATE = re.compile(
    r"(?i)\d|\b(?:today|yesterday|ago)\b"
)

_PROMO_START = re.compile(
    r"(?i)^\W*(?:unlock|sign[ -]?up|subscribe|register|join|get|download|follow|support|donate|become a|try|start your"
    r"|already a (?:subscriber|member)|want more|don['’]?t miss|never miss|stay (?:informed|up to date|updated|in the know)"
    r"|enjoy|receive|click here|tap here|to continue reading|for unlimited|you have read|you['’]ve read"
    r"|this (?:article|story|content) is (?:only )?(?:available|for|exclusive))(?![\w-])"
)
_PROMO_WORD = re.compile(
    r"(?i)newsletter|subscri|inbox|\be-?mails?\b|for free(?:$|[\s.!,:;]*$|\s+(?:today|now|here|for))|free (?:trial|access|account|app|of charge)|\btrial\b|\bapps?\b|podcast|\balerts?\b|\bupdates\b|briefing|digest"
    r"|membership|premium|unlimited|journalism|donat|\bchannel\b|twitter|\bon x\b|facebook|instagram|telegram|youtube|tiktok"
    r"|whatsapp|linkedin|threads|google news|\bhere\b|paywall|log ?in|sign ?in"
)
_NEWSLETTER = re.compile(r"(?i)\bnewsletters?\b")
_NEWSLETTER_ACTION = re.compile(r"(?i)\b(?:sign[ -]?up|subscribe|for free|inbox|here|delivered|unlock|get our|receive)\b")
_SUBSCRIBE_CALL = re.compile(
    r"(?i)\b(?:subscribe|sign[ -]?up|log ?in|sign ?in|register) (?:now|today|here|for free|to (?:continue|read|unlock|get|receive))\b"
    r"|^become a (?:paying )?(?:member|subscriber|supporter|patron)\b"
)
_CLICK = re.compile(r"(?i)^(?:click|tap) (?:here|to|on)\b")
#: A short line that ends by sending the reader to a link: 'For more information click here.', 'Who Won the
#: Presidential Debate? Vote Here!', 'Get all the latest news ... delivered daily to your inbox. Sign up here.'
_LINK_PROMPT = re.compile(r"(?i)\b(?:click|tap|vote|sign up|read more|learn more|find out more) here\s*[.!]?\s*$")
LINK_PROMPT_MAX_WORDS = 25

_CAPTION_RULES: tuple[tuple[str, str | None, int, re.Pattern[str]], ...] = (
    # detail, a substring the rule needs, the window searched (N > 0: last N characters, N < 0: first -N, 0: all), pattern
    ("'(pictured)' marker", "(", 0, re.compile(r"(?i)\(\s*(?:pictured|photographed)\b[^()]{0,60}\)")),
    ("picture position marker", "(", 0, re.compile(
        r"(?i)\((?:(?:far|second|top|bottom|centre|center)\s+)?(?:left|right|centre|center|above|below|inset|main picture|main image)"
        r"(?:,?\s+(?:and|with)\s+[^()]{1,30})?\)")),
    ("photo credit", None, 100, re.compile(
        r"(?:^|[\s.;,|(–—-])(?:Photo|Photos|Photograph|Photography|Image|Images|Picture|Pictures|Pic|Credit|Credits|Photo credit"
        r"|Image credit|Image source|Illustration|Graphic|Footage|Video)\s*(?:by\s*)?[:|/]\s*[^\s:][^:]{0,60}$")),
    ("photo credit", None, 100, re.compile(r"(?:^|[\s.(])(?:Photo|Picture|Image)s? (?:by|courtesy of|courtesy|credit)\s+[A-Z][^.]{0,60}$")),
    ("photo credit", "(", 0, re.compile(
        r"\((?:Photo|Photos|Image|Picture|Pic|Photograph|Credit|File photo|File|Video|AP Photo)\b\s*(?:by|:|/|credit|courtesy)[^()]{0,80}\)")),
    ("agency credit", "/", 0, re.compile(r"\b(?:REUTERS|AFP|AP Photo|EPA(?:-EFE)?|ANADOLU|SPUTNIK|XINHUA|POOL|HANDOUT|Getty Images)\s*/\s*[A-Z]")),
    ("agency credit", "Getty", 0, re.compile(r"(?:\bvia|[/|—–-])\s*Getty Images\b|\bGetty Images\s*(?:\)|$)")),
    ("agency credit", None, 50, re.compile(
        r"(?:[/|]|\bvia)\s*(?:Getty Images|Shutterstock|Alamy|iStock|AFP|EPA(?:-EFE)?|AP|Reuters|REUTERS|PA(?: Wire| Images| Media)?"
        r"|Bloomberg|Sipa(?: USA)?|ZUMA\w*|Anadolu(?: Agency)?|Xinhua|TASS|Sputnik|NurPhoto|SOPA Images)\s*\)?\s*$")),
    ("caption label", None, -40, re.compile(
        r"^(?:Photo|Photos|Photograph|Image|Images|Picture|Pictures|Pic|Caption|Credit|Illustration|Graphic|File photo|FILE PHOTO"
        r"|Video|Footage|VIDEO|PHOTO|PHOTOS|IMAGE|Image caption|Image copyright|Media caption)\s*[:|–—]\s*\S")),
    ("caption label", None, -15, re.compile(r"^FILE(?: PHOTO)?\s*[-–—:]\s")),
    ("caption label", None, -20, re.compile(r"^(?:Image caption|Media caption|Image copyright|Image source|Photo caption)\s")),
    ("'this photo shows' caption", None, -200, re.compile(
        r"^(?:In (?:this|these|a)|This|These)\s+(?:[\w-]+\s+){0,3}?(?:photo(?:graph)?s?|pictures?|images?|screenshots?|screengrabs?"
        r"|(?:video|frame) grabs?|stills?|handouts?)\s+(?:[\w,-]+\s+){0,4}?(?:shows?|showing|taken|released|provided|obtained"
        r"|distributed|made available|posted|shared|published|dated|courtesy|circulated|captured)\b")),
    ("'a photo taken' caption", None, -100, re.compile(
        r"^An?\s+(?:(?:undated|handout|file|satellite|pool|aerial)\s+)*(?:photo(?:graph)?|picture|image|screengrab)\s+"
        r"(?:taken|shows|showing|provided by|released by|made available by|courtesy of)\b")),
)

_MORE_FROM = re.compile(r"(?i)^(?:more|latest|other|related|top) (?:stories |news |articles |videos )?(?:from|on|in|about|by) \S")
_BY = re.compile(r"(?i)^by\s+(?P<rest>.+)$")
_CREDIT_BY = re.compile(
    r"^\(?(?:[Ww]ritten|[Rr]eported|[Ee]dited|[Cc]ompiled|[Ss]tory|[Ww]ords|[Tt]ext|[Rr]eporting|[Aa]dditional reporting"
    r"|[Ww]riting|[Ee]diting|[Cc]ontributing|[Ww]ith reporting|[Ff]act-checking) by\s+[A-Z]"
)
_AUTHOR_FIELD = re.compile(r"(?i)^(?:author|authors|contributors?|contributing|reporter|correspondent|byline)\s*:\s*[A-Z]")
_BYLINE_SEP = re.compile(r"\s*(?:[,|•·;]|\s[-–—]\s)\s*")


@cache
def _byline_words(kind: str) -> frozenset[str]:
    """One word list of ``data/byline_words.tsv``: name_particle, not_a_name or byline_tail."""
    pairs = (line.split("\t") for line in data_lines("byline_words.tsv"))
    return frozenset(word.strip() for k, word in pairs if k.strip() == kind)


_ATTRIBUTED = re.compile(
    r"(?i)^(?P<name>.*?)\s*\((?:according to|sources?|via|from|theo|nguồn|compiled (?:by|from)|by|with|reporting by)\b[^()]*\)$"
)
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:is|was|has been)\s+(?:a|an|the)\b[^.]{0,200}\b(?:reporter|correspondent|editor"
    r"|writer|columnist|journalist|contributor|author|producer|fellow|analyst|host)\b"
)
_BREADCRUMB_SPLIT = re.compile(r"\s*[›»>/|]\s*")
_TAGS = re.compile(
    r"(?i)^(?:tags|topics|filed under|categories|category|related topics|keywords"
    r"|this (?:article|story|post|entry) (?:is |was )?tagged (?:under|with|as|in))\s*:\s*\S"
)


def _name_tokens(tokens: list[str]) -> bool:
    """Capitalised words (and name particles) only, no digits: the shape of people's names."""
    particles = _byline_words("name_particle")
    first = tokens[0].casefold() if tokens else ""
    if not tokens or (first in particles and tokens[0] != "The") or first in _byline_words("not_a_name"):
        return False
    names = 0
    for token in tokens:
        word = token.strip(".,'’\"“”()")
        if not word or any(ch.isdigit() for ch in word):
            return False
        if word.casefold() in particles:
            continue
        if not word[0].isupper():
            return False
        names += 1
    return names >= 1


def _by_line(text: str) -> bool:
    """'By Jane Doe and John Roe in Kyiv', optionally followed by a role or a date."""
    match = _BY.match(text)
    if match is None:
        return False
    parts = _BYLINE_SEP.split(match["rest"], maxsplit=1)
    head = parts[0].split()
    if not 1 <= len(head) <= 10 or not _name_tokens(head):
        return False
    if len(parts) == 1:
        return _core(text)[-1:] not in "!?" and not (text.endswith(".") and len(head[-1]) > 3)
    tail = parts[1].split()
    if len(tail) > 10:
        return False
    tail_words = _byline_words("byline_tail")
    return all(
        t.strip(".,()").casefold() in tail_words or t[:1].isupper() or any(ch.isdigit() for ch in t) for t in tail
    )


def edge_byline(text: str) -> str | None:
    """Detail when ``text``, standing at the start or end of the body, is an author line."""
    attributed = _ATTRIBUTED.match(text)
    base = attributed["name"] if attributed else text
    tokens = base.split()
    if attributed and 1 <= len(tokens) <= 6 and _name_tokens(tokens):
        return "author line with attribution"
    if not 2 <= len(tokens) <= 4 or not _name_tokens(tokens) or _core(base)[-1:] in TERMINAL + ",;:":
        return None
    if base.isupper() and "," in base:  # "KYIV, UKRAINE": a dateline, which places the story
        return None
    if any(t.strip(".,").casefold() in label_words() for t in tokens):
        return None
    return "author name line"


#: The detail of a removed author note ('Jane Doe is a reporter at ...'), which the genre reads.
AUTHOR_NOTE = "author note"


def author_bio(text: str) -> bool:
    """'Jane Doe is a reporter at ...': an author note closing the article."""
    return len(text.split()) <= 45 and _BIO.match(text) is not None


def _breadcrumb(text: str) -> bool:
    parts = [p for p in _BREADCRUMB_SPLIT.split(text) if p]
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts):
        return False
    phrases = _phrases()
    known = sum(phrases.get(_phrase_key(p)) == "section_label" for p in parts)
    return known * 2 >= len(parts)


#: A pitch to the reader closing an article: 'If you enjoyed this article, ... Join ...' (up to this many words).
PITCH_MAX_WORDS = 120
_PITCH = re.compile(
    r"^(?:[\w’'-]+\s+){0,4}?If you (?i:enjoyed|liked|enjoy|like|value|appreciate|appreciated|found)\s+(?i:this|our|what we)"
    r"\s+(?i:article|story|post|piece|map|work|journalism|reporting|content|coverage|newsletter|podcast|site|do)\b"
)
_PITCH_CALL = re.compile(
    r"\b(?:[Jj]oin (?:us|[A-Z]{2,}\w*)|(?i:sign[ -]?up|subscribe|subscription|donate|donation|membership|become a member"
    r"|follow us|like us|support us|support our|patreon))\b"
)

#: A note on the article's own edits, not the story: 'This story has been updated to include ...', 'Update, May
#: 24: Adds ...' (a live blog's 'Update: Adding to the confusion, ...' or 'Update at 1:25 p.m. ET: By a vote of ...'
#: reports, and stays).
EDIT_NOTE_MAX_WORDS = 60
_EDIT_NOTE = re.compile(
    r"^[\[(•\s]*(?:(?i:updated?s?)\b(?:[^:]|:\d){0,40}:\s*(?:(?:Adds|Added|Includes|Included|Updates|Updated) (?i:more|new"
    r"|additional|further|details?|comments?|information|quotes?|background|reaction|statements?|context|a|an|that"
    r"|the latest)\b|(?:Adds|Added) [A-Z][\w.-]*['’]s\b|(?i:story (?:was |has been )?updated"
    r"|this (?:article|story|piece|post) (?:was|has been) (?:updated|amended|corrected)))"
    r"|(?i:this (?:article|story|piece|post) (?:was|has been) (?:updated|amended|corrected|edited))\b)"
)
#: Where a note's first sentence ends, also with no space ('... developments.The 116th class ...'), not at 'a.m.'.
_NOTE_BREAK = re.compile(r"(?<![ap]\.m)(?<=[a-z0-9%)\]”\"’])[.!?][\"”’)]?\s*[\"“‘(]?[A-Z][a-z]")
#: What the sentences after a note's first say when they are the note's too: what was wrong, what was changed.
_EDIT_MORE = re.compile(
    r"(?i)\b(?:earlier|previous|original) (?:version|story|article|report)\b|\b(?:incorrectly|misidentified|misstated"
    r"|mistakenly|erroneous(?:ly)?|misspelled)\b|\b(?:has|have|had|was|were) (?:also )?been (?:updated|corrected|amended)\b"
    r"|\bwas (?:also )?(?:updated|corrected|amended)\b|\bcontributed to this (?:report|story)\b|\b(?:after|before) publication\b"
    r"|\bthe (?:article|story|post) (?:had|has|originally|incorrectly)\b"
)
#: A capitalised word this short before a full stop is an abbreviation ('Sen. David Perdue', 'Rep. Walter Jones').
_ABBREVIATION_LETTERS = 4


def _edit_note(text: str, n_words: int) -> bool:
    """An edit note, alone or with sentences of its own ('An earlier version said ...'), not the story's next."""
    if n_words > EDIT_NOTE_MAX_WORDS or _EDIT_NOTE.search(text) is None:
        return False
    for rest in _NOTE_BREAK.finditer(text):
        word = text[: rest.start()].rsplit(None, 1)[-1].lstrip("([“\"")
        if word[:1].isupper() and len(word) <= _ABBREVIATION_LETTERS:
            continue  # 'Sen.', 'Gov.', 'Calif.'
        return _EDIT_MORE.search(text, rest.end() - 2) is not None
    return True


def _rule_verdict(text: str, n_words: int) -> Verdict | None:
    for reason, detail, max_words, pattern in _RULES:
        if n_words <= max_words:
            match = pattern.search(text)
            if match is not None:
                link = match.groupdict().get("link")
                return Verdict(reason, detail, link=link.rstrip(".,;)") if link else None)
    return None


def _note_on_article(text: str, n_words: int) -> Verdict | None:
    """A note on the article's own edits, or a pitch to its reader: of any length up to their own limits."""
    if _edit_note(text, n_words):
        return Verdict("boilerplate", "edit note")
    if n_words <= PITCH_MAX_WORDS and _PITCH.search(text) is not None and _PITCH_CALL.search(text) is not None:
        return Verdict("promo", "reader pitch")
    return None


def _promo(text: str, n_words: int) -> bool:
    if n_words > 40:
        return False
    if _PROMO_START.search(text) and _PROMO_WORD.search(text):
        return True
    if n_words <= 30 and _NEWSLETTER.search(text) and _NEWSLETTER_ACTION.search(text):
        return True
    return n_words <= 30 and _SUBSCRIBE_CALL.search(text) is not None


def _caption(text: str, n_words: int) -> str | None:
    if n_words > CAPTION_MAX_WORDS:
        return None
    if "©" in text:
        return "© credit"
    for detail, needle, window, pattern in _CAPTION_RULES:
        if needle is not None and needle not in text:
            continue
        where = text[-window:] if window > 0 else text[:-window] if window < 0 else text
        if pattern.search(where):
            return detail
    return None


#: A photo gallery's running captions: "… Hide Caption 3 of 73 Photos: …".
_GALLERY = re.compile(r"(?i)\b(?:hide|show|expand|close) caption\s+\d+\s+of\s+\d+\b|\b\d+\s+of\s+\d+\s+photos?\s*:")


def _gallery(text: str) -> bool:
    if "aption" not in text and "hoto" not in text:
        return False
    found = list(_GALLERY.finditer(text))
    return len(found) >= 2 or (len(found) == 1 and found[0].end() >= len(text.rstrip(" .")) - 1)


def classify_paragraph(text: str) -> Verdict | None:
    """Why one paragraph, on its own, is noise; ``None`` when it may be content."""
    n_words = len(text.split())
    if _gallery(text):
        return Verdict("caption", "photo gallery")
    if n_words > 40:
        # long paragraphs: only the rules that allow them (a republication note), a note on the article, captions
        verdict = _rule_verdict(text, n_words) or _note_on_article(text, n_words)
        if verdict is not None:
            return verdict
        caption = _caption(text, n_words)
        return None if caption is None else Verdict("caption", caption)
    if n_words <= 6:
        reason = _phrases().get(_phrase_key(text))
        if reason is not None:
            return Verdict(reason, "list heading" if reason == "related_links" else "stock line", reason == "related_links")
        if _MORE_FROM.match(text) and _core(text)[-1:] not in TERMINAL:
            return Verdict("related_links", "list heading", starts_list=True)
    verdict = _rule_verdict(text, n_words) or _note_on_article(text, n_words)
    if verdict is not None:
        return verdict
    if n_words <= 14:
        dateline = _DATELINE.match(text)
        if dateline and _HAS_DATE.search(dateline["rest"]) and not text.endswith("."):
            return Verdict("boilerplate", "dateline")
    if _promo(text, n_words):
        return Verdict("promo", "subscription or follow call")
    if n_words <= 16 and _by_line(text):
        return Verdict("byline", "'By' line")
    if n_words <= 40 and (_CREDIT_BY.match(text) or _AUTHOR_FIELD.match(text)):
        return Verdict("byline", "credit line")
    caption = _caption(text, n_words)
    if caption is not None:
        return Verdict("caption", caption)
    if n_words <= 30 and _TAGS.match(text):
        return Verdict("section_label", "tag list")
    if n_words <= 12 and _breadcrumb(text):
        return Verdict("section_label", "breadcrumb")
    if n_words <= LINK_PROMPT_MAX_WORDS and _LINK_PROMPT.search(text):
        return Verdict("boilerplate", "link prompt")
    if n_words <= 20 and _CLICK.match(text):
        return Verdict("boilerplate", "click prompt")
    return None
