"""The core model: immutable, typed records whose annotations are offsets.

Every annotation points into ``Article.text`` with a :class:`Span`, and a span
always satisfies ``article.text[span.start:span.end] == span.text``. Stages
never mutate records; they return new ones (``dataclasses.replace``).

The layers, in the order the pipeline fills them:

* ``Article``: one cleaned input document, with every removed piece listed.
* ``Annotations``: what the NLP pass found in one article (sentences,
  entity mentions, quotes, dates, quantities, cited sources).
* ``Story``: a group of articles about one event, with the cross-outlet
  comparison (entities, claims, disagreements, framing, timeline, brief).
* ``Report``: everything one ``analyze`` run produced, errors included.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

__all__ = [
    "Annotations",
    "Article",
    "BriefSentence",
    "Citation",
    "Claim",
    "Coverage",
    "COVERAGE_WORDS",
    "DateMention",
    "UnplacedDate",
    "Voice",
    "Disagreement",
    "DisputeSide",
    "Entity",
    "FramingItem",
    "Genre",
    "InputFailure",
    "LEANS",
    "Lean",
    "LeanCoverage",
    "Mention",
    "Negation",
    "Outlet",
    "outlet_key",
    "Quantity",
    "Quote",
    "QuoteVariantPair",
    "Removal",
    "Report",
    "Sentence",
    "Span",
    "Story",
    "StoryQuote",
    "TimelineEntry",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of one article's cleaned text.

    Build spans with :meth:`of`, which copies the text from the article so the
    invariant ``article.text[start:end] == text`` holds by construction.
    """

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(article.text):
            raise ValueError(f"span {start}:{end} outside article {article.id!r} (len {len(article.text)})")
        return cls(article.id, start, end, article.text[start:end])

    def contains(self, other: Span) -> bool:
        return self.article == other.article and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.article == other.article and self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input left out of ``Article.text``, and why.

    ``reason`` is one of: ``encoding`` (a character repaired), ``boilerplate``,
    ``caption``, ``promo``, ``byline``, ``source_line``, ``related_links``,
    ``section_label``, ``comment_counter``, ``repeated``, ``off_topic``,
    ``markup`` (HTML outside the extracted body).
    """

    text: str
    reason: str
    detail: str | None = None


_SECTION = re.compile(r"\s*(?:[-–—|:]\s+[^-–—|:]+|\([^()]*\))$")


def outlet_key(name: str) -> str:
    """One outlet however its name is written: case and spacing ignored, and a section suffix dropped
    ('New York Times - Opinion', 'CNN (Web News)' and 'cnn' are the outlets 'new york times' and 'cnn')."""
    key = " ".join(name.casefold().split())
    return _SECTION.sub("", key).strip() or key


Lean = Literal["left", "center", "right"]
#: The leans an outlet can have, left to right.
LEANS: tuple[Lean, ...] = ("left", "center", "right")


@dataclass(frozen=True, slots=True)
class Outlet:
    """What an outlets table says of one outlet: its political lean, country and owner (any may be unknown)."""

    name: str
    lean: Lean | None = None
    country: str | None = None
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after reading (and, later, cleaning)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "und"
    source_path: str | None = None
    removed: tuple[Removal, ...] = ()
    duplicate_of: str | None = None
    cites: tuple[str, ...] = ()
    #: News, opinion or analysis, and why (set after the NLP pass; :mod:`newsprism.genre`).
    genre: Genre | None = None
    #: The outlet's political lean, from the input's own field or an outlets table (``None``: unknown).
    lean: Lean | None = None

    @property
    def news(self) -> bool:
        """Whether the article is news: not labelled opinion or analysis (an unlabelled one counts as news)."""
        return self.genre is None or self.genre.label == "news"

    @property
    def voice(self) -> str:
        """The outlet the article speaks for, as counts count outlets (:func:`outlet_key` of its name), else
        its own id: an outlet with several articles in a story, or several sections, is one voice."""
        return outlet_key(self.outlet) if self.outlet else f"#{self.id}"

    @property
    def label(self) -> str:
        """How reports name the article: outlet, else title, else id."""
        return self.outlet or self.title or self.id


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read; the run goes on without it."""

    input: str
    error: str


# --- per-article annotations (the NLP pass) ---------------------------------


@dataclass(frozen=True, slots=True)
class Negation:
    """A negation the parse finds in a sentence: its cue, the clause it negates, and that clause's predicate.

    ``scope`` is the negated clause ('did not attend the unveiling'), without
    clauses coordinated after it. ``predicate`` is the lemma of what is
    negated: the verb, or an auxiliary's or copula's complement ('guilty' in
    'was not guilty'). ``pending`` marks 'not yet' ('has not yet been
    finalised'): the negated thing may still happen.
    """

    cue: Span
    scope: Span
    predicate: str
    pending: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, with the few syntactic facts later stages need.

    ``report_verb`` is the lemma of a reporting verb governing the sentence
    (``say``, ``claim``, ``deny``...), ``report_subject`` the surface text of
    its subject. ``negated`` is true when the main predicate is negated.
    ``content`` is what a reported sentence reports, without its frame
    ('the dam had been inspected' in 'The minister said that the dam had
    been inspected'); ``None`` for a sentence that reports no one.
    """

    span: Span
    negated: bool = False
    report_verb: str | None = None
    report_subject: str | None = None
    content: Span | None = None
    #: The reporting verb as written ('claimed' in 'Officials claimed that ...'); ``None`` where the frame has
    #: no verb of its own ('according to officials') or there is no frame.
    report_verb_span: Span | None = None
    #: The writer gives it as others' by an adverb: 'reportedly', 'allegedly'.
    hedged: bool = False
    #: A verb of saying that heads a sentence reporting no clause: 'demand' in 'Trump demanded an inquiry'.
    speech_act: str | None = None
    #: The name a pronoun subject of the reporting verb stands for ('Marsh' for 'He said ...'), when the
    #: article tells; ``None`` when the subject is no pronoun or cannot be resolved.
    speaker: str | None = None
    #: The reporting verb's subject is a pronoun ('he said'): the sentence alone does not tell who speaks.
    subject_pronoun: bool = False
    #: That pronoun is the first person ('I believe', 'we think'): the writer's own view, no source reported.
    writer_speaks: bool = False
    #: The content words, as ``(character offset, lower-cased lemma)``: no stop words; numbers, and words of
    #: three or more characters.
    lemmas: tuple[tuple[int, str], ...] = ()
    #: The word family of each of ``lemmas``, in their order: 'killing' and 'kill' are one family, as are
    #: 'Ukrainian' and 'Ukraine', and 'Sánchez' and 'Sanchez' (:func:`~newsprism.nlp.words.word_family`).
    families: tuple[str, ...] = ()
    #: Each of ``lemmas`` as written, lower-cased, a plural common noun in its singular: 'missiles' -> 'missile',
    #: but 'killed' stays 'killed' and 'Democrats' 'democrats'; a hyphenated compound whole ('war-torn'); accents
    #: kept (what two wordings share word for word).
    forms: tuple[str, ...] = ()
    #: Every negation in the sentence, with what it negates (``negated`` says whether the main predicate is one).
    negations: tuple[Negation, ...] = ()
    #: It says that a thing goes on ('is still being finalised', 'talks continue').
    ongoing: bool = False
    #: Its reporting verb takes as its object something said before: 'denied it', 'denied the allegations'.
    refers_back: bool = False
    #: It asks: it ends in a question mark that no quotation with words before it holds ('Did he call it a
    #: "witch hunt"?', '"Are you better off?"'; not 'Clinton answered the question, "Are you better off?"').
    question: bool = False
    #: It is a page's stamp, not a sentence: a date and time or a dateline alone ('May 3, 2013 at 7:31 AM ET',
    #: 'WASHINGTON, DC, April 28, 2009'; :func:`~newsprism.nlp.stamps.is_stamp`).
    stamp: bool = False
    #: It holds a caption, credit, gallery or promo marker ('(pictured)', '© Getty Images', 'Sign up for our
    #: newsletter'): page furniture, not prose the outlet asserts (:func:`~newsprism.nlp.debris.is_debris`).
    debris: bool = False
    #: It closes with final punctuation (:func:`~newsprism.nlp.debris.is_ended`) and is not cut after a title
    #: abbreviation ('... National Guard Maj.'); one that does not is a fragment, a label or a headline.
    ended: bool = True
    #: Judgements it reports a subject passing in the subject's own words, without quote marks: 'outrageous'
    #: in 'his lawyers call the charges outrageous', 'reckless' in 'critics described the plan as reckless'.
    judged: tuple[Span, ...] = ()
    #: It speaks in someone's voice rather than the outlet's: the first person outside its quote marks (the
    #: middle of a long quote, a quote's tail before '..., she added'), mostly quoted words, or a quote mark
    #: left open (:func:`~newsprism.nlp.voice.mark_voiced`).
    voiced: bool = False
    #: The wire dateline it opens with ('WASHINGTON (AP) — '), which places the story and is no part of what the
    #: sentence says (:func:`~newsprism.nlp.openers.mark_openers`).
    dateline: Span | None = None
    #: Its first word (after a dateline) leans on the sentence before: ``refers_back`` for a pronoun or
    #: demonstrative ('He said ...', 'These included ...'; not 'This week, ...' or 'It is unclear whether ...'),
    #: ``connective`` for a linking word ('But', 'However'); ``None`` when it reads alone.
    opener: Literal["refers_back", "connective"] | None = None
    #: It belongs to a note on the writer closing the article ('Jane Doe is a senior fellow at ...', and what
    #: follows it): no part of the story (:func:`~newsprism.nlp.writer_notes.mark_writer_notes`).
    writer_note: bool = False

    @property
    def page_matter(self) -> bool:
        """A page's stamp, its furniture or a note on the writer (``stamp``, ``debris``, ``writer_note``): on the
        page, but no part of the story it reports."""
        return self.stamp or self.debris or self.writer_note


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention as the model labelled it (PERSON, ORG, GPE...)."""

    span: Span
    label: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: the quoted words without the marks, and who said them.

    ``speaker`` is the surface name as the article gives it (a pronoun is
    resolved to the name it stands for); ``None`` when it cannot be told.
    """

    span: Span
    speaker: str | None
    speaker_span: Span | None = None
    verb: str | None = None
    verb_span: Span | None = None
    #: The lemma of ``verb`` ('claim' for 'claimed'); ``None`` for a relaying 'according to' or 'per', and
    #: where the verb is inherited from the quote before or there is none: an embedded post, signed or headed
    #: with its author's name (``verb`` is then ``None`` too).
    verb_lemma: str | None = None
    #: Who ``speaker`` is: ``name`` for a name ('Nikki Haley', 'The Associated Press', a pronoun resolved to a
    #: name), ``description`` for a kind of person or body that speaks ('Israeli officials', 'one man');
    #: ``None`` when the quote finder took something else for a speaker ('the report', 'his office'),
    #: or there is none (:func:`~newsprism.nlp.speaker_kinds.mark_speaker_kinds`).
    speaker_kind: Literal["name", "description"] | None = None


Granularity = Literal["day", "month", "year"]
DateRole = Literal["event", "statement", "bound"]
_ISO_LENGTH = {"day": 10, "month": 7, "year": 4}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved to the calendar, once, in the NLP pass.

    ``day`` is the first day of the period named (2024-05-01 for 'May
    2024'), ``granularity`` how much of it the text gives. ``relative`` is
    true for an expression placed from an anchor ('Tuesday', 'last year'),
    ``inferred`` when that anchor (the article's reference date) was inferred
    from the text rather than taken from its metadata.

    ``role`` is what the parse says the date dates: ``event`` (what
    happened), ``statement`` (a report: 'said on Tuesday', 'told reporters
    Monday') or ``bound`` (a limit: 'by Wednesday', 'since Friday').
    ``edge`` marks an expression at the edge of a day ('late Tuesday',
    'overnight', 'last night'), which may mean the day beside it. ``named``
    is true when the text names the day (a date, a weekday, 'yesterday')
    rather than counting to it ('eight days ago') or leaving it to the
    article's date (a month, a year). ``predicate`` is the lemma of what the
    date dates, by the parse (the verb 'rent' in 'rented the truck on
    Thursday', the noun 'attack' in "Tuesday's attack"), and ``thing`` the
    lemma of what that happened to or who did it ('truck'), when the parse
    tells. ``quoted`` marks a date inside a direct quote: the speaker's
    words, placed from the article's date though the speaker spoke earlier.
    """

    span: Span
    day: date
    granularity: Granularity
    relative: bool = False
    inferred: bool = False
    role: DateRole = "event"
    edge: bool = False
    named: bool = True
    predicate: str | None = None
    thing: str | None = None
    quoted: bool = False

    @classmethod
    def of(
        cls,
        span: Span,
        iso: str,
        granularity: Granularity,
        *,
        relative: bool = False,
        inferred: bool = False,
        role: DateRole = "event",
        edge: bool = False,
        named: bool = True,
        predicate: str | None = None,
        thing: str | None = None,
        quoted: bool = False,
    ) -> DateMention:
        """A mention from an ISO date of its granularity (``2024-05-14``, ``2024-05``, ``2024``)."""
        return cls(span, _first_day(iso), granularity, relative, inferred, role, edge, named, predicate, thing, quoted)

    def at(self, iso: str, granularity: Granularity) -> DateMention:
        """The same mention placed elsewhere on the calendar (a story's anchor re-placing it)."""
        return replace(self, day=_first_day(iso), granularity=granularity)

    @property
    def iso(self) -> str:
        """The date as ISO text of its granularity: ``2024-05-14``, ``2024-05`` or ``2024``."""
        return self.day.isoformat()[: _ISO_LENGTH[self.granularity]]


def _first_day(iso: str) -> date:
    """The first day of an ISO date of any granularity: '2024-05' -> 2024-05-01."""
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], *(parts[1:] + [1, 1])[:2])


@dataclass(frozen=True, slots=True)
class UnplacedDate:
    """A date expression as the parse reads it, before a place on the calendar.

    The NLP pass places each one it can (:meth:`placed`); those an article
    gives no anchor for are kept in ``Annotations.unanchored`` for the story
    stage to place. ``tense`` is the tense of its clause (``past``,
    ``present``, ``future``); the other fields are as in :class:`DateMention`.
    """

    span: Span
    tense: str
    role: DateRole = "event"
    edge: bool = False
    named: bool = True
    predicate: str | None = None
    thing: str | None = None
    quoted: bool = False

    def placed(self, iso: str, granularity: Granularity, *, relative: bool, inferred: bool = True) -> DateMention:
        """The expression placed on the calendar at ``iso`` (a date of ``granularity``)."""
        return DateMention(
            self.span,
            _first_day(iso),
            granularity,
            relative,
            inferred,
            self.role,
            self.edge,
            self.named,
            self.predicate,
            self.thing,
            self.quoted,
        )


QuantityKind = Literal["count", "money", "percent", "measure", "duration", "age", "tally"]
Bound = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than"]
Scope = Literal["total", "incident"]
Part = Literal["whole", "subset", "addition"]
#: How an article gives what a sentence says: in its own voice, as a source's, or as a source's denial.
Stance = Literal["states", "reports", "denies"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure the text states, bound by the parse to what it counts.

    ``kind`` is ``count``, ``money`` (``unit`` a currency code), ``percent``
    (``unit`` ``%``), ``measure`` (``unit`` ``km``, ``kg``, ``ha``, ``l``:
    ``value`` converted to it), ``duration`` (``unit`` ``day``: 'four weeks of
    fighting' is 28), ``age`` ('died at 75', 'aged 75'; an age said in
    passing, 'a 27-year-old man', is left out) or ``tally`` (a vote or score:
    ``value`` is 100 * first + second). Dates and times are not quantities. ``counted`` is the lemma of what is counted or
    measured ('people', 'death toll', 'aid'), ``predicate`` the lemma of what
    happened to it ('kill', 'dead', 'arrest'). ``bound`` says how the figure
    is qualified: ``exact``, ``about`` ('some 300'), ``at_least`` ('at least
    20', '20 or more'), ``more_than`` ('more than 500', 'over'), ``at_most``
    ('up to 10', 'nearly a mile') or ``less_than`` ('fewer than 10').
    ``part`` marks a figure that is not a whole count: a ``subset`` of a
    larger one ('four of them', 'including 84 children') or an ``addition``
    to one ('another 3,000', 'two others'). ``high`` is a range's upper end
    ('10 to 20'; 'dozens' is 24 to 99).
    """

    span: Span
    value: float
    kind: QuantityKind
    unit: str
    counted: str | None
    predicate: str | None
    bound: Bound = "exact"
    part: Part = "whole"
    high: float | None = None
    #: A value the text gives as an earlier one ('fell to 7.8 percent from 8.1 percent').
    earlier: bool = False
    #: Digits as written (the figure's precision): 2 for '2.1 million', 4 for '3,000', 7 for '2,438,000'.
    digits: int = 1
    #: Whose figure it is, when the text names a holder: 'Clinton's 135 delegates', 'Romney won 52 percent'.
    holder: str | None = None
    #: What a count of a happening covers, when the text tells: one ``incident`` ('injured by a bomb', 'killed
    #: Monday') or a running ``total`` ('the conflict has killed', 'since March 2', 'a string of bombs').
    scope: Scope | None = None
    #: Where the counted happening took place, when the parse binds the count to a named site: the site's words,
    #: lower-cased ('at the Maelbeek metro station': ('maelbeek',); 'on the Israeli side': ('israeli',)).
    place: tuple[str, ...] = ()
    #: Which of the counted things are meant, when the text qualifies them: the modifiers' lemmas
    #: ('$200 billion of Chinese imports': ('chinese',); '$632 billion in non-defense spending': ('non-defense',)).
    qualifiers: tuple[str, ...] = ()
    #: The place a distance is measured from, as named ('22 miles northeast of Paris': 'Paris').
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source the article names as the origin of its reporting."""

    name: str
    span: Span
    cue: str


@dataclass(frozen=True, slots=True)
class Voice:
    """How an article speaks in its own words (outside quotes), counted in the NLP pass: its words, its
    first- and second-person pronouns ('I think', 'we must', 'you'), its questions, tenses, modals,
    adjectives and loaded words. Opinion writes in the first person, in the present, and judges; news
    reports what happened."""

    words: int = 0
    first_person: int = 0
    second_person: int = 0
    questions: int = 0
    #: Finite verbs in the past tense and in the present (news tells what happened; opinion argues now).
    past: int = 0
    present: int = 0
    #: Modal verbs ('should', 'must', 'would') and adjectives: the marks of judging.
    modals: int = 0
    adjectives: int = 0
    #: Words of the loaded-terms lexicon ('slammed', 'radical', 'regime'): how much the writer judges.
    loaded: int = 0


GenreLabel = Literal["news", "opinion", "analysis"]


@dataclass(frozen=True, slots=True)
class Genre:
    """Whether an article is news, opinion or analysis, and why: ``reason`` in words ('URL path /opinion/',
    'first person: 2.4 per 100 words'), ``probability`` the fitted model's that it is opinion."""

    label: GenreLabel
    reason: str
    probability: float = 0.0


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything the single NLP pass found in one article."""

    article_id: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    citations: tuple[Citation, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    reference_date: str | None = None
    reference_inferred: bool = False
    #: Relative date expressions left unresolved for want of any anchor; the
    #: story stage resolves them on the story's calendar.
    unanchored: tuple[UnplacedDate, ...] = ()
    #: The article's own voice, outside quotes (:class:`Voice`).
    voice: Voice = field(default_factory=Voice)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds the character at ``offset``, if any (sentences are in text order)."""
        k = bisect_right(self.sentences, offset, key=_sentence_start) - 1
        return self.sentences[k] if k >= 0 and offset < self.sentences[k].span.end else None

    def page_matter_at(self, offset: int) -> bool:
        """Whether the character at ``offset`` is in a sentence that is no part of the story
        (:attr:`Sentence.page_matter`)."""
        sentence = self.sentence_at(offset)
        return sentence is not None and sentence.page_matter

    def sentences_over(self, start: int, end: int) -> tuple[Sentence, ...]:
        """The sentences that the text range ``[start, end)`` overlaps, in text order."""
        first = max(0, bisect_right(self.sentences, start, key=_sentence_start) - 1)
        last = bisect_right(self.sentences, end - 1, key=_sentence_start)
        return tuple(s for s in self.sentences[first:last] if s.span.start < end and start < s.span.end)


def _sentence_start(sentence: Sentence) -> int:
    return sentence.span.start


# --- the cross-outlet comparison (per story) -------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent, its aliases merged across the story."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class StoryQuote:
    """A quote placed in its story: speaker canonicalised, variants grouped."""

    id: str
    span: Span
    speaker: str | None
    speaker_entity: str | None = None
    verb: str | None = None
    variant_group: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteVariantPair:
    """How two renderings of one utterance differ.

    ``relation`` is ``identical``, ``trimmed`` (one is a contiguous part of
    the other, word for word) or ``altered``. ``diff`` is a word-level diff as
    ``(op, words)`` pairs, op one of ``=``, ``-`` (only in ``a``), ``+``
    (only in ``b``).
    """

    group: str
    a: str
    b: str
    relation: Literal["identical", "trimmed", "altered"]
    diff: tuple[tuple[str, str], ...]


#: What an article does with a claim, strongest first: states it in its own voice, reports a source
#: saying it, reports a source denying it, or mentions part of it (some but not all of its key facts).
CoverageKind = Literal["states", "reports", "denies", "part"]

#: Each kind's mark and words, the same in every human format (the legend of the coverage matrix).
COVERAGE_WORDS: Mapping[str, tuple[str, str]] = {
    "states": ("✓", "states it"),
    "reports": ("❝", "reports that a source says it"),
    "denies": ("✗", "reports a denial"),
    "part": ("◐", "mentions part of it"),
}


@dataclass(frozen=True, slots=True)
class Coverage:
    """One way an article carries a claim: what it does, the sentence that does it, and whom it cites.

    ``source`` names the speaker for ``reports`` and the denier for ``denies`` (None when the article
    names nobody: 'reportedly').
    """

    kind: CoverageKind
    span: Span
    source: str | None = None

    @property
    def article(self) -> str:
        return self.span.article

    @property
    def mark(self) -> str:
        """The kind's mark in the coverage matrix ('✓', '❝', '✗', '◐')."""
        return COVERAGE_WORDS[self.kind][0]

    @property
    def words(self) -> str:
        """What the article does, in words a reader understands, naming the source where there is one."""
        if self.kind == "reports" and self.source:
            return f"reports that {self.source} says it"
        if self.kind == "denies" and self.source:
            return f"reports a denial by {self.source}"
        return COVERAGE_WORDS[self.kind][1]


@dataclass(frozen=True, slots=True)
class Claim:
    """A fact stated by one or more articles: at most one support per article.

    An article that states the fact again in other words has those sentences
    in ``restated``.

    ``stance`` maps an article id to how it carries the claim: ``asserted``,
    ``attributed`` (reported as someone's statement) or ``denied``.
    """

    id: str
    text: str
    support: tuple[Span, ...]
    stance: Mapping[str, str] = field(default_factory=dict)
    off_topic: bool = False
    #: Further sentences that restate the claim, from articles already in ``support``.
    restated: tuple[Span, ...] = ()
    #: What each article does with the claim (see :class:`Coverage`), by article then strongest first.
    #: An article with none is absent from the claim.
    coverage: tuple[Coverage, ...] = ()

    def cell(self, article_id: str) -> tuple[Coverage, ...]:
        """What ``article_id`` does with the claim, strongest first (empty when it is absent)."""
        return tuple(c for c in self.coverage if c.article == article_id)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(s.article for s in self.support)


@dataclass(frozen=True, slots=True)
class DisputeSide:
    """One side of a dispute: the value as written and the articles that give it.

    ``spans`` are the figures (or dates) themselves, one or more per article;
    for a denial, the sentences that report the claim ('reports it') or its
    denial ('reports a denial by the ministry').
    """

    value: str
    articles: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two or more claims that cannot all be true as stated.

    ``kind`` is ``denial``, ``contradiction``, ``numeric``, ``date`` or
    ``attribution``; ``spans`` cites both sides. A denial names every claim
    that states the denied fact, then every claim that reports its denial by
    one party (``sides`` tells which are which by their spans).
    """

    kind: str
    claims: tuple[str, ...]
    explanation: str
    spans: tuple[Span, ...] = ()
    #: For a figure or date dispute: each side's value and the articles giving it.
    sides: tuple[DisputeSide, ...] = ()


@dataclass(frozen=True, slots=True)
class FramingItem:
    """One framing contrast: wording mapped to the articles that use it.

    ``kind`` is ``naming``, ``attribution_verb``, ``loaded_term`` or
    ``voices``; ``spans`` are example occurrences for auditing.
    """

    referent: str
    kind: str
    variants: Mapping[str, tuple[str, ...]]
    note: str | None = None
    spans: tuple[Span, ...] = ()
    #: Article id -> wording -> how often the article uses it, most used first (reporting verbs: lemmas).
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    #: The wordings that are not neutral (reporting verbs that assert or concede).
    loaded: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event of the story, merged across articles."""

    date: str
    text: str
    support: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """A sentence of the cited brief and the claims and articles behind it.

    ``section`` is ``brief``, ``single_source`` or ``disputed``. ``span`` is
    the article sentence whose words the brief gives (whitespace collapsed, a
    wire dateline dropped); ``None`` for a dispute, which the brief words
    itself from both sides.
    """

    text: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    section: str = "brief"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class LeanCoverage:
    """How many of a story's outlets lean each way; an outlet with several articles in the story counts once.

    ``blindspot_for`` names the side that left the story alone: ``"right"``
    when two or more left-leaning outlets covered it and no right-leaning one
    did, although the corpus holds right-leaning outlets (and the reverse);
    ``None`` otherwise.
    """

    left: int = 0
    center: int = 0
    right: int = 0
    unknown: int = 0
    blindspot_for: Literal["left", "right"] | None = None

    def count(self, lean: Lean | None) -> int:
        """The outlets of ``lean`` (``None``: of unknown lean)."""
        return self.unknown if lean is None else getattr(self, lean)


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one event, and how the outlets compare."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    quote_variants: tuple[QuoteVariantPair, ...] = ()
    claims: tuple[Claim, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    framing: tuple[FramingItem, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    #: Its outlets by lean; ``None`` when no outlet's lean is known.
    lean: LeanCoverage | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one ``analyze`` run."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    errors: tuple[InputFailure, ...] = ()
    annotations: Mapping[str, Annotations] = field(default_factory=dict)
    generated_at: str | None = None
    #: What the outlets tables of the run say of its outlets, by name.
    outlets: tuple[Outlet, ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)
