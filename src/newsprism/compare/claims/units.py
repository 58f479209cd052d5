"""What claim alignment compares: a story's sentences and their facts.

Each usable sentence of a story becomes a :class:`Unit` holding what the
alignment and the disagreement finder look at: content words, the story's
entity ids it names, the figures (from the NLP pass) and dates it states, its polarity (plain,
negated, or a denial) and its attribution (asserted by the writer, or
reported as someone's statement). Building units is cheap (no model); the
embeddings are computed later, only for the units that need them.

Sentences that cannot carry a claim are skipped: very short ones, captions,
a note on the writer closing a column, and fragments without sentence-final
punctuation (except a headline that opens the text).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from ...lexicon import capitals, reporting_verbs
from ...model import Annotations, Article, DateMention, Entity, Negation, Quantity, Sentence, Span, Stance
from ...nlp.names import name_form
from ...nlp.stance import sentence_stance
from ...nlp.words import word_family

__all__ = [
    "EntityLookup",
    "Unit",
    "build_units",
    "NEGATIVE_VERBS",
    "content_families",
    "name_words",
    "core_range",
    "negative_between",
    "object_range",
    "object_text",
    "object_words",
    "words_between",
    "words_in",
]

#: Sentences with fewer words than this carry no claim of their own.
MIN_WORDS = 6
#: A sentence without final punctuation needs this many words not to be a headline or caption.
MIN_UNPUNCTUATED_WORDS = 14
#: Lines without final punctuation at these first positions of an article are its headline ...
HEADLINE_POSITIONS = 2
#: ... and state a claim from this many words.
MIN_HEADLINE_WORDS = 4
#: Sentences of one article beyond this position are not compared (very long articles) ...
MAX_SENTENCES = 80
#: ... except, up to this many more, those that give a figure: a count, a sum or a measure, which another
#: outlet may give differently (a long report's background toll, far down its text).
MAX_FIGURE_SENTENCES = 40
#: The kinds of figure that keep a sentence beyond :data:`MAX_SENTENCES`.
_FIGURE_KINDS = frozenset({"count", "money", "measure"})


def words_in(
    lemmas: Sequence[tuple[int, str]], forms: Sequence[str], start: int, end: int, *, shortest: int = 3
) -> frozenset[str]:
    """The content words from ``start`` to ``end`` as written (lower-cased, a plural noun singular: the NLP
    pass's forms, aligned with its ``lemmas``), of ``shortest`` or more characters ('120', not '12')."""
    return frozenset(
        form
        for (offset, _), form in zip(lemmas, forms, strict=True)
        if start <= offset < end and len(form) >= shortest
    )


def name_words(name: str | None) -> frozenset[str]:
    """The word families of a name as name matching reduces it (titles dropped, folded: 'Secretary Helen Marsh'
    -> helen, marsh), without stop words and words of two letters ('the', 'of', 'al'), for telling whether
    two names share a word."""
    form = name_form(name, person=True) if name else None
    if form is None:
        return frozenset()
    return frozenset(word_family(k) for k in form.key if len(k) > 2 and k not in STOP_WORDS)


def content_families(unit: Unit, start: int, end: int) -> frozenset[str]:
    """The word families (from the NLP pass) of the unit's content words from ``start`` to ``end``, without
    figures and without the words of the names it mentions: what happened, not who or how many."""
    return frozenset(
        family
        for (offset, lemma), family in zip(unit.lemmas, unit.families, strict=True)
        if start <= offset < end and not lemma[0].isdigit() and family not in unit.name_families
    )


#: Verbs whose plain use states a negative ('the sirens failed' = 'did not work'): denials of them deny a negative.
NEGATIVE_VERBS = frozenset({"fail", "failure", "refuse", "refusal", "lack", "miss", "ignore"})


def words_between(lemmas: Sequence[tuple[int, str]], start: int, end: int) -> frozenset[str]:
    """The lemmas (from the NLP pass, ``(offset, lemma)``) of the content words from ``start`` to ``end``."""
    return frozenset(lemma for offset, lemma in lemmas if start <= offset < end)


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
    #: The figures the NLP pass found in the sentence, bound to what they count.
    quantities: tuple[Quantity, ...]
    dates: Mapping[str, DateMention]  # date text -> its mention (reliable mentions only: not inferred)
    negated: bool
    denial: bool
    attributed: bool
    speaker: str | None
    report_verb: str | None
    speaker_name: str | None = None
    speaker_type: str | None = None  # the entity type when the speaker resolves to a story entity
    core: str = ""  # the text without its attribution frame ("..., X said")
    #: Where the core starts in the article's text.
    core_start: int = 0
    #: Word families of the words that are part of named-entity mentions (who and where, not what happened).
    name_families: frozenset[str] = frozenset()
    #: The content words with their offsets, and the negations, as the NLP pass read them.
    lemmas: tuple[tuple[int, str], ...] = ()
    #: The word family of each of ``lemmas`` ('killing' and 'kill' are one), from the NLP pass.
    families: tuple[str, ...] = ()
    #: Each of ``lemmas`` as written, lower-cased, a plural noun singular (:func:`words_in`).
    forms: tuple[str, ...] = ()
    negations: tuple[Negation, ...] = ()
    #: It says that a thing goes on ('still being finalised').
    ongoing: bool = False
    #: Its reporting verb takes as its object something said before ('denied the allegations').
    refers_back: bool = False
    #: Entity ids of places the sentence sets its event in ('in London', 'at the White House').
    places: frozenset[str] = frozenset()
    #: Entity ids of the places, facilities and events the sentence names (where, and which happening).
    where: frozenset[str] = frozenset()
    #: How the article gives the sentence: states it, reports a source saying it, or reports a denial
    #: (:func:`~newsprism.nlp.stance.sentence_stance`, from the frame the NLP pass read).
    kind: Stance = "states"
    #: The entity ids the speaker stands for: the speaker's own, or those named in its words ('Both Paris
    #: and Berlin'), a capital or seat of government taken for its country ('Paris' for France).
    party: frozenset[str] = frozenset()
    #: Who the article says speaks, as shown to readers: the speaker's name, a pronoun resolved ('He added
    #: that ...' -> 'Helen Marsh'), the story's canonical name where it has one.
    source: str | None = None

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def stance(self) -> str:
        if self.denial:
            return "denied"
        return "attributed" if self.attributed else "asserted"


def _compared_sentences(ann: Annotations) -> Iterator[tuple[int, Sentence]]:
    """An article's sentences that are compared, with their positions: those of the first :data:`MAX_SENTENCES`
    that can carry a claim (:func:`usable`), then up to :data:`MAX_FIGURE_SENTENCES` more that give a figure."""
    yield from ((pos, sent) for pos, sent in enumerate(ann.sentences[:MAX_SENTENCES]) if usable(sent, pos))
    if len(ann.sentences) <= MAX_SENTENCES:
        return
    starts = sorted(q.span.start for q in ann.quantities if q.kind in _FIGURE_KINDS)
    more = 0
    for pos in range(MAX_SENTENCES, len(ann.sentences)):
        sent = ann.sentences[pos]
        k = bisect_left(starts, sent.span.start)
        if k < len(starts) and starts[k] < sent.span.end and usable(sent, pos):
            yield pos, sent
            more += 1
            if more == MAX_FIGURE_SENTENCES:
                return


def usable(sentence: Sentence, position: int = MAX_SENTENCES) -> bool:
    """Whether a sentence can carry a claim: long enough, and not a caption, a fragment or a question.

    A line without final punctuation is a fragment (a caption, a section
    label) unless it is long, or it opens the article: a headline that
    opens the text states the article's main fact ('Gunman kills 1, wounds
    2 at accounting office'). A question asserts nothing ('Are we about to
    be urged to start wearing masks?'), nor does a question quoted without
    its speaker (:attr:`~newsprism.model.Sentence.question`, from the NLP pass),
    nor a page's stamp ('May 3, 2013 at 7:31 AM ET': :attr:`~newsprism.model.Sentence.stamp`), nor page
    furniture (a caption, credit or promo: :attr:`~newsprism.model.Sentence.debris`), nor a note on the writer
    closing the article (:attr:`~newsprism.model.Sentence.writer_note`). Whether a sentence ends
    is read off the NLP pass too (:attr:`~newsprism.model.Sentence.ended`).
    """
    words = sentence.span.text.split()
    if sentence.question or sentence.page_matter:
        return False
    if position < HEADLINE_POSITIONS and len(words) >= MIN_HEADLINE_WORDS and not sentence.ended:
        return True
    if len(words) < MIN_WORDS:
        return False
    return sentence.ended or len(words) >= MIN_UNPUNCTUATED_WORDS


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

    seats = capitals()

    def party_id(name: str) -> str | None:
        """The entity a speaker's name stands for: its country's for a capital ('Paris' -> France)."""
        found = entity_of(name)
        country = seats.get(name) or (seats.get(found.name) if found is not None else None)
        if country is not None and (nation := entity_of(country)) is not None:
            return nation.id
        return found.id if found is not None else None

    units: list[Unit] = []
    for order, article in enumerate(articles):
        ann = annotations.get(article.id)
        if ann is None or not ann.sentences:
            continue
        quoted = [(q.span.start, q.span.end, q.speaker) for q in ann.quotes]
        total = len(ann.sentences)
        for pos, sent in _compared_sentences(ann):
            span = sent.span
            inside = [m for m in ann.mentions if span.start <= m.span.start and m.span.end <= span.end]
            ents = {eid for m in inside if (eid := entity_id(m.span.text))}
            lemmas = sent.lemmas
            name_families = frozenset(
                family
                for (offset, _), family in zip(lemmas, sent.families, strict=True)
                if any(m.span.start <= offset < m.span.end for m in inside)
            )
            places = frozenset(
                eid
                for m in inside
                if m.label in _PLACE_LABELS
                and _SET_IN.search(article.text[max(span.start, m.span.start - 12) : m.span.start])
                and (eid := entity_id(m.span.text))
            )
            dates = {
                d.span.text: d
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
            core_span = sent.content if sent.content is not None else span
            shown = sent.speaker or speaker
            shown_entity = entity_of(shown) if shown else None
            # the names a speaker stands for: its own when it is an entity, else those inside it ('Paris and Berlin')
            named: list[str] = []
            if speaker:
                named = (
                    [speaker] if speaker_entity is not None else [m.span.text for m in inside if m.span.text in speaker]
                )
            units.append(
                Unit(
                    index=len(units),
                    article=article.id,
                    article_order=order,
                    position=pos,
                    relative=pos / max(1, total),
                    span=span,
                    words=words_in(lemmas, sent.forms, span.start, span.end),
                    entities=frozenset(ents),
                    quantities=tuple(
                        q for q in ann.quantities if span.start <= q.span.start and q.span.end <= span.end
                    ),
                    dates=dates,
                    negated=sent.negated,
                    denial=denial,
                    attributed=attributed,
                    speaker=(speaker_entity.id if speaker_entity else speaker.casefold()) if speaker else None,
                    report_verb=sent.report_verb,
                    speaker_name=(speaker_entity.name if speaker_entity else speaker) if speaker else None,
                    speaker_type=speaker_entity.type if speaker_entity else None,
                    core=core_span.text,
                    core_start=core_span.start,
                    name_families=name_families,
                    lemmas=lemmas,
                    families=sent.families,
                    forms=sent.forms,
                    negations=sent.negations,
                    ongoing=sent.ongoing,
                    refers_back=sent.refers_back,
                    places=places,
                    where=frozenset(
                        eid for m in inside if m.label in _WHERE_LABELS and (eid := entity_id(m.span.text))
                    ),
                    kind=sentence_stance(sent, ann.quotes),
                    party=frozenset(p for name in named if (p := party_id(name))),
                    source=shown_entity.name if shown_entity is not None else shown,
                )
            )
    return units


# --- what a denial denies ------------------------------------------------------------


#: Punctuation that ends what a denial denies ('denied the report, saying it was ...').
_OBJECT_END = re.compile(r"[,;:—–]")


def core_range(unit: Unit) -> tuple[int, int]:
    """Where the unit's core (its text without the attribution frame) lies in the article's text."""
    start = unit.core_start if unit.core else unit.span.start
    return start, start + len(unit.core or unit.text)


def object_text(denial: Unit) -> str:
    """What a denial denies, as written: its core, up to the first clause break."""
    return _OBJECT_END.split(denial.core or denial.text, maxsplit=1)[0]


def object_range(denial: Unit) -> tuple[int, int]:
    """Where :func:`object_text` lies in the article's text."""
    start = core_range(denial)[0]
    return start, start + len(object_text(denial))


def negative_between(unit: Unit, start: int, end: int) -> bool:
    """Whether the unit's text from ``start`` to ``end`` states a negative: a negation, or a verb like 'failed'."""
    if any(start <= n.cue.start < end for n in unit.negations):
        return True
    return bool(words_between(unit.lemmas, start, end) & NEGATIVE_VERBS)


def object_words(denial: Unit) -> frozenset[str]:
    """The lemmas of what a denial denies."""
    return words_between(denial.lemmas, *object_range(denial))


_PLACE_LABELS = frozenset({"GPE"})
_WHERE_LABELS = frozenset({"GPE", "LOC", "FAC", "EVENT"})
#: 'in London', 'at the White House': the place an event happened (not 'to Kyiv', 'from Russia').
_SET_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
