"""One parsed article indexed for naming speakers, and the words naming relies on.

The bottom layer of speaker naming, shared by :mod:`._antecedents` (what a
pronoun or a role noun stands for) and :mod:`._speakers` (who a reporting
verb's subject is). It holds no resolution of its own: :class:`ArticleIndex`
answers cheap lookups (tokens by offset, paragraphs and sentences kept apart at
paragraph breaks, quoted stretches, caption-like sentences, entity mentions by
token) and turns a run of tokens or a mention into a :class:`Speaker` name.
Kept apart so the two resolving layers can call each other through one class
hierarchy without importing each other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from ..model import Mention, Sentence
from .debris import is_debris

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "DOCUMENT_HEADS",
    "GROUP_LABELS",
    "IT_LABELS",
    "PERSON_LABELS",
    "ROLE_NOUNS",
    "SUBJECT_DEPS",
    "TITLES",
    "VAGUE_HEADS",
    "ArticleIndex",
    "Speaker",
    "strip_titles",
    "word_set",
]


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and edit than a literal)."""
    return frozenset(text.split())


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: What ``it`` can stand for when it speaks.
IT_LABELS = frozenset({"ORG", "GPE"})
#: Honorifics and offices dropped from the front of a person's name.
TITLES = word_set(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. president vice "
    "prime minister secretary senator sen. sen rep. rep representative congressman congresswoman gov. gov "
    "governor mayor judge justice gen. gen general col. lt. sgt. chancellor ambassador spokesman "
    "spokeswoman spokesperson chairman chairwoman chief"
)
#: Subject heads too vague to name a speaker on their own.
VAGUE_HEADS = word_set(
    "one some many others other all both each few several anyone someone everyone everybody somebody this "
    "that these those it they"
)
#: Common nouns for one person's role: as a subject they can be what ``he``/``she`` stands for.
ROLE_NOUNS = word_set(
    "president minister secretary spokesman spokeswoman spokesperson official officer senator governor "
    "mayor chairman chairwoman director chief executive leader lawmaker congressman congresswoman "
    "representative ambassador commander general prosecutor judge lawyer attorney analyst expert "
    "professor economist candidate premier chancellor king queen prince envoy diplomat aide adviser "
    "advisor activist witness resident founder ceo man woman father mother son daughter husband wife "
    "strategist manager nominee justice counsel"
)
#: Nouns for a written statement: its author is named after ``by``/``from``/``of``.
DOCUMENT_HEADS = word_set(
    "statement report letter release memo post tweet message note filing document communique column op-ed "
    "article book speech remarks essay editorial"
)
_PARAGRAPH = re.compile(r"[^\n]+")
_STORM = re.compile(r"\b(?:Hurricane|Tropical Storm|Storm|Typhoon|Cyclone|Superstorm)s? ([A-Z][a-z]+)\b")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A named speaker and where the name stands in the text."""

    name: str
    start: int
    end: int
    person: bool = False


def strip_titles(text: str) -> str:
    """``Mr Okafor`` -> ``Okafor``; ``President Sam Porter`` -> ``Sam Porter`` (never empties a name)."""
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(",") in TITLES:
        words.pop(0)
    return " ".join(words)


@dataclass
class ArticleIndex:
    """One parsed article, indexed for naming speakers.

    Holds the lookups (tokens by offset, paragraphs, sentences, quoted
    stretches, captions, mentions by token) and the naming primitives that
    need no pronoun resolution; :class:`._antecedents.Antecedents` and
    :class:`._speakers.Context` build on it.
    """

    doc: Doc
    text: str
    lexicon: frozenset[str]
    paras: list[tuple[int, int]]
    sent_bounds: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    mention_of_token: dict[int, Mention]
    #: Sentences that are page furniture (captions, credits, promos: :func:`.debris.is_debris`): no speaker there.
    captions: list[tuple[int, int]]
    starts: list[int]
    person_words: frozenset[str] = frozenset()
    #: Names the article gives a storm ("Hurricane Maria"): never a person, though tagged as one.
    storm_names: frozenset[str] = frozenset()
    #: People (and role nouns) already named as speakers, by offset: what a later ``he``/``she`` may stand for.
    spoken: list[tuple[int, Speaker]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        doc: Doc,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        lexicon: frozenset[str],
        quoted: Sequence[tuple[int, int]],
    ) -> Self:
        paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        bounds = [(s.span.start, s.span.end) for s in sentences] or [(s.start_char, s.end_char) for s in doc.sents]
        starts = [t.idx for t in doc]
        by_token: dict[int, Mention] = {}
        for m in mentions:
            lo = bisect.bisect_left(starts, m.span.start)
            hi = bisect.bisect_left(starts, m.span.end)
            for i in range(lo, hi):
                by_token.setdefault(i, m)
        ctx = cls(doc, text, lexicon, paras, [], _merged(quoted), by_token, [], starts)
        ctx.sent_bounds = ctx._split_at_paragraphs(bounds)
        ctx.captions = [(a, b) for a, b in ctx.sent_bounds if is_debris(text[a:b])]
        ctx.storm_names = frozenset(m.group(1) for m in _STORM.finditer(text))
        ctx.person_words = (
            frozenset(
                strip_titles(m.span.text).split()[-1]
                for m in mentions
                if m.label in PERSON_LABELS and m.span.text.strip()
            )
            - ctx.storm_names
        )
        return ctx

    def _split_at_paragraphs(self, bounds: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for a, b in sorted(bounds):
            for lo, hi in self.paras:
                if lo < b and a < hi:
                    out.append((max(a, lo), min(b, hi)))
        return out

    # --- lookups ---------------------------------------------------------

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens starting inside ``[start, end)``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return list(self.doc[lo:hi])

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right([p[0] for p in self.paras], offset) - 1)

    def in_quote(self, offset: int) -> bool:
        k = bisect.bisect_right(self.quoted, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self.quoted[k][0] <= offset < self.quoted[k][1]

    def in_caption(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.captions)

    def is_reporting(self, tok: Token) -> bool:
        """A reporting verb (or ``according to``, ``per`` + a name) outside every quote."""
        if self.in_quote(tok.idx):
            return False
        doc = tok.doc
        if tok.lower_ == "according":
            return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if tok.lower_ == "per":
            return any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in tok.children)
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.lexicon

    def previous_paragraph(self, k: int) -> int | None:
        """The paragraph before ``k``, skipping page furniture (captions, credits, promos)."""
        j = k - 1
        while j >= 0:
            lo, hi = self.paras[j]
            sents = [(a, b) for a, b in self.sent_bounds if lo <= a < hi]
            chunk = self.text[lo:hi]
            boilerplate = len(chunk.split()) < 4 and not self._quoted_in(lo, hi)
            if sents and not boilerplate and not all(self.in_caption(a) for a, _ in sents):
                return j
            j -= 1
        return None

    def _quoted_in(self, lo: int, hi: int) -> bool:
        return any(lo <= a < hi for a, _ in self.quoted)

    # --- naming ------------------------------------------------------------

    def _name_tokens(self, toks: Sequence[Token], *, person: bool) -> Speaker | None:
        toks = [t for t in toks if not t.is_space]
        while toks and (toks[0].pos_ == "DET" or toks[0].is_punct):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
            toks = toks[:-1]
        if not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        name = self.text[start:end]
        if person:
            if ", " in name and name.rsplit(", ", 1)[1][:1].isupper() and " and " not in name:
                name = name.rsplit(", ", 1)[1]  # "ranking Democrat, Rep. Elijah E. Cummings"
                start = end - len(name)
            stripped = strip_titles(name)
            start = end - len(stripped) if name.endswith(stripped) else start
            name = self.text[start:end]
        return Speaker(name, start, end, person)

    def label_of(self, m: Mention) -> str:
        """The mention's label, or ``PERSON`` for a mislabelled name the article gives a person elsewhere."""
        if m.label in PERSON_LABELS and self.storm_names and m.span.text.split()[-1] in self.storm_names:
            return "EVENT"  # "Maria was relatively invisible on cable" in a story about Hurricane Maria
        if m.label in PERSON_LABELS or m.label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            return m.label
        toks = self.tokens(m.span.start, m.span.end)
        if toks and all(t.pos_ == "PROPN" for t in toks) and toks[-1].text in self.person_words:
            return "PERSON"
        return m.label

    def mention_name(self, tok: Token) -> tuple[Speaker, str] | None:
        """The mention covering ``tok`` as a speaker name, with its (corrected) label."""
        m = self.mention_of_token.get(tok.i)
        if m is None:
            return None
        label = self.label_of(m)
        named = self._name_tokens(self.tokens(m.span.start, m.span.end), person=label in PERSON_LABELS)
        return (named, label) if named else None

    def _propn_chain(self, tok: Token) -> Speaker | None:
        chain = [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
        first = min((c.left_edge.i for c in chain), default=tok.i)
        return self._name_tokens(list(self.doc[first : tok.i + 1]), person=True)

    def noun_phrase(self, tok: Token) -> Speaker | None:
        """The subject's noun phrase as written: modifiers, head and a short ``of``/``to`` phrase."""
        if tok.lower_ in VAGUE_HEADS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        mods = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "npadvmod")]
        first = min((c.left_edge.i for c in mods), default=tok.i)
        last = tok.i
        for p in tok.rights:
            if p.dep_ == "prep" and p.right_edge.i - tok.i <= 5:
                inner = self.doc[p.i : p.right_edge.i + 1]
                if not any(t.is_punct for t in inner):
                    last = p.right_edge.i
            break
        return self._name_tokens(list(self.doc[first : last + 1]), person=False)


def _merged(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` sorted, overlapping ones made one (a quote inside an embedded post): ``in_quote`` bisects them."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
