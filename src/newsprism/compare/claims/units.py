"""What claim alignment compares: a story's sentences and their facts.

Each usable sentence of a story becomes a :class:`Unit` holding what the
alignment and the disagreement finder look at: content words, the story's
entity ids it names, the quantities and dates it states, its polarity (plain,
negated, or a denial) and its attribution (asserted by the writer, or
reported as someone's statement). Building units is cheap (no model); the
embeddings are computed later, only for the units that need them.

Sentences that cannot carry a claim are skipped: very short ones, captions,
and fragments without sentence-final punctuation (except a headline that
opens the text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from ...lexicon import reporting_verbs
from ...model import Annotations, Article, Entity, Span
from ...model import Quantity as Figure

__all__ = [
    "EntityLookup",
    "Quantity",
    "Unit",
    "build_units",
    "content_words",
    "NEGATION",
    "NEGATIVE_VERBS",
    "negated_clause",
    "numbers",
    "quantities",
    "stem",
    "stems",
]

#: Sentences with fewer words than this carry no claim of their own.
MIN_WORDS = 6
#: A sentence without final punctuation needs this many words not to be a headline or caption.
MIN_UNPUNCTUATED_WORDS = 14
#: Lines without final punctuation at these first positions of an article are its headline ...
HEADLINE_POSITIONS = 2
#: ... and state a claim from this many words.
MIN_HEADLINE_WORDS = 4
#: Sentences of one article beyond this position are not compared (very long articles).
MAX_SENTENCES = 80

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|nobody|nothing|without|cannot)\b|n[’']t\b", re.I)
#: Caption, credit and promo markers: a sentence holding one is not prose the outlet asserts.
_CAPTION = re.compile(
    r"\((?:pictured|picture|photo|file photo|video|left|right|centre|center)\b[^)]*\)|©|\b(?:Photo|Image|Picture|Video)"
    r"(?: credit)?\s*:|\b(?:Getty Images|AFP via Getty|Reuters/|AP Photo)\b|\b(?:sign up|subscribe)\b.{0,40}\b(?:newsletter|alerts?)\b"
    r"|\bHide Caption\b|\b\d+ of \d+ Photos\b|\bPhotos?:\s|\bJUST WATCHED\b|\bMUST WATCH\b|\bReplay More Videos\b|\bEnlarge this image\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:—–“”\"]|,\s+(?:but|while|although|though|whereas|and)\b|\bbut\b", re.I)

# --- quantities -------------------------------------------------------------

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
}
_APPROX = re.compile(
    r"(?:at least|more than|over|about|around|nearly|almost|some|up to|roughly|approximately|close to|"
    r"fewer than|less than|under|as many as|an estimated|or more|plus)\W*$",
    re.I,
)
_QUANTITY = re.compile(
    r"(?P<cur>[$£€¥]|US\$|A\$|C\$)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|mln|tn|k|m|b)\b)?"
    r"(?P<pct>\s?(?:%|per ?cent\b|percent\b))?",
    re.I,
)
_VERBISH = frozenset({"rose", "risen", "reached", "climbed", "stood", "stand", "stands", "hit", "totalled", "totaled"})
_UNIT_SKIP = STOP_WORDS | {"more", "people's", "additional", "other", "further", "new"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number stated in a sentence, with what it counts.

    ``unit`` is the currency, ``%``, or the counted noun (``civilian``,
    ``student``), so two quantities compare only when they count the same thing;
    empty for a figure of three or more significant digits whose noun is not
    found (it still identifies a fact, but is never set against another).
    A vote or score ('a 7-2 decision') has the unit ``tally`` and the value
    ``100 * first + second``: equal tallies are one fact, different ones a dispute.
    """

    value: float
    unit: str
    approximate: bool
    text: str
    start: int  # offset in the article text
    end: int
    #: A part of a count ('three other Americans', '48 more cases'): never set against a total.
    partial: bool = False


def _singular(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def quantities(text: str, offset: int = 0) -> tuple[Quantity, ...]:
    """The quantities of ``text`` (years and parts of dates or times are left out)."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        if m.start("num") > 0 and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] in "-/:"):
            continue
        end = m.end()
        if end < len(text) and (text[end].isalnum() or text[end] in "/:" or re.match(r"\s?[-–]\s?\d", text[end:])):
            continue  # part of a word, a code, a time, a date, a range or a tally
        word = raw.lower()
        value = float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(raw.replace(",", ""))
        cur, scale, pct = m.group("cur"), m.group("scale"), m.group("pct")
        if not cur and not pct and not scale and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100:
            continue  # a year
        if word in _NUMBER_WORDS and value == 1 and not scale:
            continue  # 'one of the', 'one woman': too common to compare
        if scale:
            value *= _SCALE[scale.lower()]
        if cur:
            unit = cur.upper().replace("US$", "$")
        elif pct:
            unit = "%"
        else:
            unit = _next_noun(text, end) or _previous_noun(text, m.start("num")) or ""
            if not unit and len(raw.replace(",", "").replace(".", "").strip("0")) < 3:
                continue  # a bare small number counts nothing we can name; '2,438,000' still identifies a fact
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[end : end + 10]
        approximate = bool(_APPROX.search(before)) or after.lower().lstrip().startswith(("or more", "plus"))
        begin = m.start("cur") if cur else m.start("num")
        partial = bool(
            _PARTIAL.match(text, end) or _PARTIAL_BEFORE.search(text[max(0, m.start("num") - 16) : m.start("num")])
        )
        out.append(Quantity(value, unit, approximate, text[begin:end], offset + begin, offset + end, partial))
    for m in _TALLY.finditer(text):
        context = text[max(0, m.start() - 20) : m.end() + 30]
        if _TALLY_CONTEXT.search(context):
            value = 100.0 * int(m.group(1)) + int(m.group(2))
            out.append(Quantity(value, "tally", False, m.group(), offset + m.start(), offset + m.end()))
    return tuple(out)


_BARE_NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\b|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def numbers(text: str) -> frozenset[float]:
    """Every number written in ``text``, however small and whatever it counts ('all but three')."""
    out: set[float] = set()
    for m in _BARE_NUMBER.finditer(text):
        word = m.group().lower()
        out.add(float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word.replace(",", "")))
    return frozenset(out)


#: 'three other Americans', '48 more cases': the figure counts a part, not the whole.
_PARTIAL = re.compile(r"\s+(?:other|more|additional|further|another|extra)\b(?!\s+than\b)", re.I)
_PARTIAL_BEFORE = re.compile(r"\b(?:another|an additional|a further|an extra)\s+$", re.I)
#: A vote or a score: '7-2', '5–4' (not part of a date, a range of years or a code).
_TALLY = re.compile(r"(?<![\w./-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\w./-])")
_TALLY_CONTEXT = re.compile(
    r"\b(?:decision|vote[ds]?|ruling|verdict|majority|margin|split|ruled|win|won|victory|loss|lost|defeat|score)\b",
    re.I,
)


def _next_noun(text: str, pos: int) -> str | None:
    """The counted noun after a number: the first content word within three words."""
    for w in _WORD.findall(text[pos : pos + 60])[:3]:
        lw = w.lower()
        if lw in _UNIT_SKIP or lw[0].isdigit():
            continue
        return _singular(w)
    return None


def _previous_noun(text: str, pos: int) -> str | None:
    """What a trailing number counts (``the death toll rose to 14``): the nearest content word before it."""
    for w in reversed(_WORD.findall(text[max(0, pos - 40) : pos])[-3:]):
        lw = w.lower()
        if lw in _UNIT_SKIP or lw[0].isdigit() or lw in _VERBISH:
            continue
        return _singular(w)
    return None


# --- words, polarity ---------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely singularised content words of ``text``."""
    return frozenset(_singular(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2)


def negated_clause(text: str) -> str | None:
    """The clause holding the first negation cue of ``text``, or ``None``."""
    cue = NEGATION.search(text)
    if cue is None:
        return None
    start, end = 0, len(text)
    for b in _CLAUSE_BREAK.finditer(text):
        if b.end() <= cue.start():
            start = b.end()
        elif b.start() >= cue.end():
            end = b.start()
            break
    return text[start:end]


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly")
#: Verbs whose plain use states a negative ('the sirens failed' = 'did not work'): denials of them deny a negative.
NEGATIVE_VERBS = frozenset({"fail", "failur", "refus", "lack", "miss", "ignor"})


def stem(word: str) -> str:
    """A crude stem that lets 'finalized', 'finalizing' and 'finalise' meet (first six letters after a suffix cut)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ed", "ing") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
                w = w[:-1]  # 'shipped', 'stopping'
            break
    return w[:6]


def stems(text: str, exclude: frozenset[str] = frozenset()) -> frozenset[str]:
    """Stems of the content words of ``text`` (no digits), minus the stems in ``exclude``."""
    out = {stem(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2 and not w[0].isdigit()}
    return frozenset(out - exclude)


class EntityLookup(Protocol):
    """What units need from the story's entity index."""

    def lookup(self, name: str) -> Entity | None: ...


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of the story that can state a claim."""

    index: int
    article: str
    article_order: int
    position: int
    relative: float
    span: Span
    words: frozenset[str]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: Mapping[str, str]  # date text -> resolved date (reliable mentions only)
    negated: bool
    denial: bool
    attributed: bool
    speaker: str | None
    report_verb: str | None
    speaker_name: str | None = None
    speaker_type: str | None = None  # the entity type when the speaker resolves to a story entity
    core: str = ""  # the text without its attribution frame ("..., X said")
    #: Stems of the words that are part of named-entity mentions (who and where, not what happened).
    name_stems: frozenset[str] = frozenset()
    #: Entity ids of places the sentence sets its event in ('in London', 'at the White House').
    places: frozenset[str] = frozenset()
    #: Entity ids of the places, facilities and events the sentence names (where, and which happening).
    where: frozenset[str] = frozenset()
    #: The figures the NLP pass found in the sentence, bound to what they count.
    figures: tuple[Figure, ...] = ()

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def stance(self) -> str:
        if self.denial:
            return "denied"
        return "attributed" if self.attributed else "asserted"


def usable(text: str, position: int = MAX_SENTENCES) -> bool:
    """Whether a sentence can carry a claim: long enough, and not a caption or a fragment.

    A line without final punctuation is a fragment (a caption, a section
    label) unless it is long, or it opens the article: a headline that
    opens the text states the article's main fact ('Gunman kills 1, wounds
    2 at accounting office').
    """
    words = text.split()
    if _CAPTION.search(text):
        return False
    if position < HEADLINE_POSITIONS and len(words) >= MIN_HEADLINE_WORDS and not _FINAL.search(text):
        return True
    if len(words) < MIN_WORDS:
        return False
    return bool(_FINAL.search(text)) or len(words) >= MIN_UNPUNCTUATED_WORDS


def build_units(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], entity_index: EntityLookup
) -> list[Unit]:
    """The story's claim-bearing sentences, article by article, in text order."""
    lexicon = reporting_verbs()
    names: dict[str, Entity | None] = {}

    def entity_of(name: str) -> Entity | None:
        if name not in names:
            names[name] = entity_index.lookup(name)
        return names[name]

    def entity_id(name: str) -> str | None:
        found = entity_of(name)
        return found.id if found is not None else None

    units: list[Unit] = []
    for order, article in enumerate(articles):
        ann = annotations.get(article.id)
        if ann is None or not ann.sentences:
            continue
        quoted = [(q.span.start, q.span.end, q.speaker) for q in ann.quotes]
        total = len(ann.sentences)
        for pos, sent in enumerate(ann.sentences[:MAX_SENTENCES]):
            span = sent.span
            if not usable(span.text, pos):
                continue
            inside = [m for m in ann.mentions if span.start <= m.span.start and m.span.end <= span.end]
            ents = {eid for m in inside if (eid := entity_id(m.span.text))}
            name_stems = stems(" ".join(m.span.text for m in inside)) if inside else frozenset()
            places = frozenset(
                eid
                for m in inside
                if m.label in _PLACE_LABELS
                and _SET_IN.search(article.text[max(span.start, m.span.start - 12) : m.span.start])
                and (eid := entity_id(m.span.text))
            )
            dates = {
                d.span.text: d.date
                for d in ann.dates
                if span.start <= d.span.start and d.span.end <= span.end and not d.inferred
            }
            category = lexicon.get(sent.report_verb or "")
            denial = category == "denial"
            speaker_name = sent.report_subject
            quote_speaker = next((sp for s, e, sp in quoted if span.start <= s < span.end and sp), None)
            attributed = sent.report_verb is not None or quote_speaker is not None
            speaker = speaker_name or quote_speaker
            speaker_entity = entity_of(speaker) if speaker else None
            core = strip_frame(span.text, speaker_name, sent.report_verb) if speaker_name else span.text
            units.append(
                Unit(
                    index=len(units),
                    article=article.id,
                    article_order=order,
                    position=pos,
                    relative=pos / max(1, total),
                    span=span,
                    words=content_words(span.text),
                    entities=frozenset(ents),
                    quantities=quantities(span.text, span.start),
                    dates=dates,
                    negated=sent.negated,
                    denial=denial,
                    attributed=attributed,
                    speaker=(speaker_entity.id if speaker_entity else speaker.casefold()) if speaker else None,
                    report_verb=sent.report_verb,
                    speaker_name=(speaker_entity.name if speaker_entity else speaker) if speaker else None,
                    speaker_type=speaker_entity.type if speaker_entity else None,
                    core=core,
                    name_stems=name_stems,
                    places=places,
                    where=frozenset(eid for m in inside if m.label in _WHERE_LABELS and (eid := entity_id(m.span.text))),
                    figures=tuple(q for q in ann.quantities if span.start <= q.span.start and q.span.end <= span.end),
                )
            )
    return units


_PLACE_LABELS = frozenset({"GPE"})
_WHERE_LABELS = frozenset({"GPE", "LOC", "FAC", "EVENT"})
#: 'in London', 'at the White House': the place an event happened (not 'to Kyiv', 'from Russia').
_SET_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)

_LEAD_FRAME_TAIL = re.compile(r"^(?:\s*[\w.]+){0,5}?\s*(?:\bthat\b|:)\s*", re.I)
_IRREGULAR = {"say": ("said",), "tell": ("told",), "speak": ("spoke",), "write": ("wrote",), "hold": ("held",)}
_FRAME_JOIN = re.compile(r"[,;:]?\s*(?:\b(?:according to|as|citing)\b\s*)?$", re.I)


def strip_frame(text: str, subject: str | None, verb: str | None) -> str:
    """``text`` without its attribution frame, so 'X said Y' compares with 'Y'.

    A frame at the front ('Marsh said that ...', 'the company has denied ...')
    is cut up to the reporting verb's complement; a frame at the end
    ('..., officials said on Tuesday.') is cut from the comma before it. The
    text is returned unchanged when the subject cannot be found, or when
    cutting would leave too little to compare.
    """
    if not subject:
        return text
    at = text.find(subject)
    if at < 0:
        return text
    before, after = text[:at], text[at + len(subject) :]
    if len(before.split()) <= 3 and "“" not in before and '"' not in before:  # frame in front
        lemma = (verb or "").lower()
        forms = _IRREGULAR.get(lemma, ())
        words = list(re.finditer(r"[A-Za-z’']+", after[:80]))
        cut = next(
            (
                m.end()
                for m in words
                if lemma and (m.group().lower().startswith(lemma[:3]) or m.group().lower() in forms)
            ),
            None,
        )
        if cut is None:
            return text
        rest = after[cut:]
        lead = _LEAD_FRAME_TAIL.match(rest)
        if lead is not None and lead.end() < 40:
            rest = rest[lead.end() :]
        rest = rest.strip()
    else:  # frame at the end
        comma = _FRAME_JOIN.search(before)
        rest = before[: comma.start() if comma is not None else len(before)].strip()
    return rest if len(rest.split()) >= 4 else text
