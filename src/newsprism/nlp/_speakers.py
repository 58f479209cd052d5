"""Who a reporting verb's subject is: names, groups, and ``he``/``she`` resolved.

Shared by :mod:`.quotes` and :mod:`.citations`. A :class:`Context` indexes one
parsed article (paragraphs, sentences, entity mentions by token, quoted
stretches, caption-like sentences) so that naming a subject and finding a
pronoun's antecedent are cheap lookups.

Naming rules, in order: a person mention at the subject (titles stripped); a
name in apposition (``Russian ambassador to the UN, Pavel Orlov``); an
organisation or place mention (``the State Department`` gives ``State
Department``); a proper-noun chain the tagger missed; else the noun phrase as
written, without its article (``Kremlin officials``, ``Pentagon spokesperson``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Context", "Speaker", "strip_titles", "subject_of", "word_set"]


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
#: Verbs whose passive subject is the one spoken to, not the speaker.
ADDRESSEE_PASSIVE = frozenset({"tell", "ask", "inform", "brief", "warn", "urge", "advise", "remind"})
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
_CAPTION = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset)\b[^)]*\)|©|"
    r"\b(?:Photo|Photograph|Image|Picture)s?(?: by)?:|\bGetty Images\b|\bAP Photo\b|/(?:AFP|AP|Reuters)\b|"
    r"\b(?:Image|Media|Photo) (?:caption|copyright)\b",
    re.IGNORECASE,
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


@dataclass(frozen=True, slots=True)
class _Candidate:
    speaker: Speaker
    para: int
    subject: bool
    plural: bool
    #: the subject of its sentence's main clause, not of a relative or adverbial one
    main: bool = True


def strip_titles(text: str) -> str:
    """``Mr Okafor`` -> ``Okafor``; ``President Joe Biden`` -> ``Joe Biden`` (never empties a name)."""
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(",") in TITLES:
        words.pop(0)
    return " ".join(words)


def subject_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The token naming who performs a reporting verb, climbing from participles to their clause.

    ``quoted(offset)`` tells whether an offset lies in a quote; the climb never
    enters one (a misparse can hang the verb under the quoted clause).
    """
    doc = verb.doc
    if verb.lower_ in ("according", "per"):
        to = verb if verb.lower_ == "per" else doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        return objs[0] if objs else None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if verb.lemma_.lower() == "quote" and not passive:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs:
            return objs[0]
    node = verb
    for _ in range(5):
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if quoted is not None and quoted(node.idx):
            return None
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS and not (quoted and quoted(c.idx))]
        if subjects:
            # several subjects are a misparse ("WASHINGTON – President Trump said", "The group Justice
            # Democrats said", a bracket inside the quote): the one nearest before the verb speaks
            before = [c for c in subjects if c.i < node.i]
            subj = before[-1] if before else subjects[0]
            if subj.dep_ == "nsubjpass" and node.lemma_.lower() in ADDRESSEE_PASSIVE:
                return None
            if subj.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
                return _relative_head(node)
            return subj
        if node.dep_ == "xcomp" and node.head.i != node.i:
            # object control: "prompted Yelp to post ..." -> Yelp posts
            objs = [c for c in node.head.children if c.dep_ == "dobj" and c.i < node.i]
            if objs and node.head.lemma_.lower() not in ("say", "tell"):
                return objs[0]
            node = node.head
        elif node.dep_ in ("advcl", "conj", "pcomp") and node.head.i != node.i:
            node = node.head
            if node.dep_ == "prep" and node.head.i != node.i:  # "startled them by shouting: ..."
                node = node.head
        elif node.dep_ == "acl" and node.tag_ in ("VBD", "VBZ") and node.head.pos_ == "PROPN" and node.head.i < node.i:
            return node.head  # a finite verb hung on the name before it: "Obama, in the Rose Garden, called …"
        elif node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj", "attr") and node.head.head.i != node.head.i:
            node = node.head.head  # "issued a statement saying ..." -> who issued it
        elif node.dep_ == "relcl":
            return _relative_head(node)
        else:
            return None
    return None


def _relative_head(clause: Token) -> Token:
    """What a relative clause (``… that described the meeting``) is about.

    The parser often hangs ``that``/``which`` on a nearer or farther noun than
    the one meant (``a statement from Donald Trump Jr. in July 2017 that
    described …`` under ``involvement``); a document noun just before the
    clause is what speaks.
    """
    head = clause.head
    if head.lemma_.lower() in DOCUMENT_HEADS or head.pos_ == "PROPN":
        return head
    start = clause.left_edge.i
    for j in range(start - 1, max(clause.sent.start, start - 10) - 1, -1):
        tok = clause.doc[j]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_HEADS:
            return tok
        if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":"):
            break
    return head


@dataclass
class Context:
    """One parsed article, indexed for naming speakers."""

    doc: Doc
    text: str
    lexicon: frozenset[str]
    paras: list[tuple[int, int]]
    sent_bounds: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    mention_of_token: dict[int, Mention]
    captions: list[tuple[int, int]]
    starts: list[int]
    person_words: frozenset[str] = frozenset()
    #: Names the article gives a storm ("Hurricane Maria"): never a person, though tagged as one.
    storm_names: frozenset[str] = frozenset()
    spoken: list[tuple[int, Speaker]] = field(default_factory=list)
    role_holders: dict[int, Speaker | None] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        doc: Doc,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        lexicon: frozenset[str],
        quoted: Sequence[tuple[int, int]],
    ) -> Context:
        paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        bounds = [(s.span.start, s.span.end) for s in sentences] or [(s.start_char, s.end_char) for s in doc.sents]
        starts = [t.idx for t in doc]
        by_token: dict[int, Mention] = {}
        for m in mentions:
            lo = bisect.bisect_left(starts, m.span.start)
            hi = bisect.bisect_left(starts, m.span.end)
            for i in range(lo, hi):
                by_token.setdefault(i, m)
        ctx = cls(doc, text, lexicon, paras, [], sorted(quoted), by_token, [], starts)
        ctx.sent_bounds = ctx._split_at_paragraphs(bounds)
        ctx.captions = [(a, b) for a, b in ctx.sent_bounds if _CAPTION.search(text, a, b)]
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
        """The paragraph before ``k``, skipping photo captions."""
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

    def name_of(self, tok: Token) -> Speaker | None:
        """How the text names the subject token ``tok`` (pronouns resolved)."""
        if tok.pos_ == "PRON":
            low = tok.lower_
            if low in ("he", "she"):
                return self.antecedent(tok, person=True)
            if low == "it" and tok.head.lemma_.lower() in self.lexicon:
                return self.antecedent(tok, person=False)
            if low == "they" and tok.head.lemma_.lower() in self.lexicon:
                return self.plural_antecedent(tok)
            return None
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if conj:
            parts = [self._single_name(t) for t in (tok, *conj)]
            if not any(c.dep_ == "cc" for c in tok.children):
                # a comma but no "and": an apposition the parser took for a list
                return next((p for p in parts if p is not None and p.person), parts[0])
            named = [p for p in parts if p is not None]
            if len(named) == len(parts):
                start, end = min(p.start for p in named), max(p.end for p in named)
                return Speaker(self.text[start:end], start, end, named[0].person)
        single = self._single_name(tok)
        if (single is None or not single.person) and _definite_role(tok):
            return self._role_holder(tok) or single
        return single

    def _role_holder(self, tok: Token) -> Speaker | None:
        """The person a definite role noun stands for, when the article says who holds the role.

        ``State Department spokesman Matt Miller … The spokesman said`` (the role
        written beside the name earlier), or an epithet for the person the text
        is about (``The former secretary of state``, ``the Vermont senator``).
        Otherwise ``None``: an unnamed official stays unnamed.
        """
        if tok.i in self.role_holders:
            return self.role_holders[tok.i]
        self.role_holders[tok.i] = None  # guards the recursion through antecedent()
        held = self._find_role_holder(tok)
        self.role_holders[tok.i] = held
        return held

    def _find_role_holder(self, tok: Token) -> Speaker | None:
        role = tok.lemma_.lower()
        best: Mention | None = None
        for i, m in self.mention_of_token.items():
            if m.span.end > tok.idx or self.label_of(m) not in PERSON_LABELS or self.in_quote(m.span.start):
                continue
            if best is not None and m.span.start <= best.span.start:
                continue
            toks = self.tokens(m.span.start, m.span.end)
            if not toks or toks[0].i != i:
                continue
            doc = tok.doc
            # the role written in the name's own phrase: "spokesman Matt Miller",
            # "Secretary of State Hillary Clinton", "Bannon, a former Trump adviser,"
            near: list[Token] = []
            j = i - 1
            while j >= max(0, i - 4) and (doc[j].pos_ in ("PROPN", "NOUN", "ADJ") or doc[j].lower_ == "of"):
                near.append(doc[j])
                j -= 1
            last = toks[-1].i
            if last + 1 < len(doc) and doc[last + 1].text == ",":
                for t in doc[last + 2 : min(len(doc), last + 8)]:
                    if t.is_punct or t.pos_ in ("VERB", "AUX"):
                        break
                    near.append(t)
            if any(t.lemma_.lower() == role or t.lower_ == role for t in near):
                best = m
        if best is not None:
            found = self.mention_name(self.tokens(best.span.start, best.span.end)[0])
            if found is not None:
                return found[0]
        epithet = any(
            c.lower_ in ("former", "ex") or c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "DATE")
            for c in tok.lefts
        )
        return self.antecedent(tok, person=True) if epithet else None

    def _single_name(self, tok: Token) -> Speaker | None:
        named = self.mention_name(tok)
        if named and named[1] in PERSON_LABELS:
            return named[0]
        if tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in TITLES or tok.lemma_.lower() in ROLE_NOUNS):
            person = self._person_beside_role(tok)
            if person is not None:
                return person
        for a in tok.children:
            if a.dep_ == "appos":
                app = self.mention_name(a)
                if app and app[1] in PERSON_LABELS | {"ORG"}:
                    return app[0]
                if a.pos_ == "PROPN":
                    return self._propn_chain(a)
        if named:
            return named[0]
        if tok.pos_ == "PROPN":
            return self._propn_chain(tok)
        if tok.lemma_.lower() in DOCUMENT_HEADS:
            for p in tok.children:
                if p.dep_ == "poss" and (p.lower_ in ("his", "her") or p.pos_ == "PROPN"):
                    # "his latest column argues ...": the column's author speaks
                    return self.antecedent(p, person=True) if p.pos_ == "PRON" else self._single_name(p)
                if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from", "of"):
                    for o in p.children:
                        if o.dep_ == "pobj" and (self.mention_of_token.get(o.i) or o.pos_ == "PROPN"):
                            return self._single_name(o)
        return self.noun_phrase(tok)

    def _person_beside_role(self, tok: Token) -> Speaker | None:
        """The person a role noun stands beside when the parse split them.

        ``U.S. Ambassador to the United Nations Nikki Haley`` (the name hung
        under ``to``) and ``Moon Sang-gyun, a spokesman for …`` (the name left
        out of the subject) both name a person, not ``Ambassador``/``spokesman``.
        """
        edge = tok.right_edge
        m = self.mention_of_token.get(edge.i)
        titled = tok.text[:1].isupper() and tok.i != tok.sent.start  # a capitalised title, not "A spokesman for"
        named_after = m is not None and tok.doc[max(0, self.tokens(m.span.start, m.span.end)[0].i - 1)].text == ","
        # "The US ambassador to the UN, Nikki Haley, described …": the name set off after the role
        if (titled or named_after) and m is not None and self.label_of(m) in PERSON_LABELS and edge.i > tok.i:
            end = m.span.end
            if end >= edge.idx + len(edge.text) - 1:
                named = self.mention_name(edge)
                return named[0] if named else None
        first = tok.left_edge
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and first.i >= 2:
            comma, name = tok.doc[first.i - 1], tok.doc[first.i - 2]
            m = self.mention_of_token.get(name.i)
            if comma.text == "," and m is not None and self.label_of(m) in PERSON_LABELS:
                named = self.mention_name(name)
                return named[0] if named else None
        return None

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

    def speaker_of(self, verb: Token) -> Speaker | None:
        """The speaker of a reporting verb, or ``None`` when it cannot be told."""
        subj = subject_of(verb, self.in_quote)
        if subj is None:
            subj = self._name_before(verb)
        if subj is None or self.in_quote(subj.idx):
            return None
        speaker = self.name_subject(subj)
        if speaker is not None and speaker.start <= verb.idx < speaker.end:
            # "Said Charles Stimson, ...": the sentence-initial verb is no part of the name
            rest = self.tokens(verb.idx + len(verb.text), speaker.end)
            return self._name_tokens(rest, person=True) if rest else None
        return speaker

    def _name_before(self, verb: Token) -> Token | None:
        """A name just before a finite verb the parser left without subject.

        ``Border Protection spokesperson Michael McCarthy said``, ``Haley, however,
        maintained``: the name was hung elsewhere (an apposition, an object of the
        clause before), yet it stands where the subject stands.
        """
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return None
        j = verb.i - 1
        while j >= 0 and j >= verb.i - 4:
            tok = verb.doc[j]
            if tok.is_punct or (tok.head == verb and tok.dep_ == "advmod"):
                j -= 1
                continue
            break
        else:
            return None
        if j < 0:
            return None
        tok = verb.doc[j]
        m = self.mention_of_token.get(tok.i)
        if tok.pos_ == "PROPN" and (m is None or self.label_of(m) in PERSON_LABELS | {"ORG"}):
            return tok
        return None

    def name_subject(self, subj: Token) -> Speaker | None:
        """:meth:`name_of`, remembering people quoted (later ``he``/``she`` may stand for them)."""
        speaker = self.name_of(subj)
        if speaker is not None and (speaker.person or subj.lemma_.lower() in ROLE_NOUNS):
            self.spoken.append((subj.idx, speaker))
        return speaker

    # --- pronouns ------------------------------------------------------------

    def _candidates(self, before: int, paras: set[int], *, person: bool) -> list[_Candidate]:
        labels = PERSON_LABELS if person else IT_LABELS
        out: list[_Candidate] = []
        seen: set[int] = set()
        for m in set(self.mention_of_token.values()):
            if m.span.start >= before or id(m) in seen or self.label_of(m) not in labels:
                continue
            seen.add(id(m))
            para = self.paragraph_of(m.span.start)
            if para not in paras or self.in_quote(m.span.start) or self.in_caption(m.span.start):
                continue
            toks = self.tokens(m.span.start, m.span.end)
            if not toks:
                continue
            root = next((t for t in toks if t.head not in toks or t.head == t), toks[-1])
            named = self._name_tokens(toks, person=person)
            if named is None:
                continue
            subject, plural = _subject_role(root)
            main = _main_clause(root)
            if root.tag_ == "POS" or any(c.tag_ == "POS" for c in root.children):
                subject = False  # "Ahmad's problems": a fallback antecedent only
            out.append(_Candidate(named, para, subject, plural, main))
        if person:
            out.extend(self._unnamed_subjects(before, paras))
        for offset, speaker in self.spoken:
            para = self.paragraph_of(offset)
            if offset < before and para in paras and person:
                out.append(_Candidate(speaker, para, True, False))
        return out

    def _unnamed_subjects(self, before: int, paras: set[int]) -> list[_Candidate]:
        """Subjects that stand for a person without a person mention: an untagged name, a role noun."""
        out: list[_Candidate] = []
        for k in sorted(paras):
            lo, hi = self.paras[k]
            for tok in self.tokens(lo, min(hi, before)):
                if tok.dep_ not in SUBJECT_DEPS or self.in_quote(tok.idx) or self.in_caption(tok.idx):
                    continue
                if tok.pos_ == "PROPN" and tok.i not in self.mention_of_token:
                    named = self._propn_chain(tok)
                elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_NOUNS and tok.tag_ == "NN":
                    held = self._role_holder(tok) if _definite_role(tok) else None
                    named = held or self.noun_phrase(tok)
                else:
                    continue
                if named is not None:
                    out.append(_Candidate(named, k, tok.head.dep_ != "ccomp", _coordinated(tok), _main_clause(tok)))
        return out

    def _sentence_start(self, offset: int) -> int:
        k = bisect.bisect_right(self.sent_bounds, (offset, len(self.text) + 1)) - 1
        return self.sent_bounds[k][0] if k >= 0 else 0

    def _document_subjects(self, before: int, paras: set[int]) -> list[_Candidate]:
        """Documents that speak as subjects (``The report says …``): what a later ``it says`` stands for."""
        out: list[_Candidate] = []
        for k in sorted(paras):
            lo, hi = self.paras[k]
            for t in self.tokens(lo, min(hi, before)):
                if (
                    t.dep_ in SUBJECT_DEPS
                    and t.lemma_.lower() in DOCUMENT_HEADS
                    and t.head.lemma_.lower() in self.lexicon
                    and not self.in_quote(t.idx)
                ):
                    named = self.noun_phrase(t)
                    if named is not None:
                        out.append(_Candidate(named, k, True, False, True))
        return out

    def plural_antecedent(self, tok: Token) -> Speaker | None:
        """What ``they`` stands for: the last plural subject before it (``Craig and Mullins``, ``the Republicans``)."""
        window = self._window(tok)
        best: Token | None = None
        for k in sorted(window):
            lo, hi = self.paras[k]
            for t in self.tokens(lo, min(hi, tok.idx)):
                if t.dep_ not in SUBJECT_DEPS or t.pos_ == "PRON" or self.in_quote(t.idx) or self.in_caption(t.idx):
                    continue
                if t.head.dep_ == "ccomp" or t.lower_ in VAGUE_HEADS:
                    continue
                plural = t.tag_ in ("NNS", "NNPS") or (_coordinated(t) and t.pos_ == "PROPN")
                if plural and (best is None or t.i > best.i):
                    best = t
        if best is None:
            return None
        return self.name_of(best)

    def _window(self, tok: Token, hops: int = 1) -> set[int]:
        """The pronoun's paragraph and the one before (more while ``he``/``she`` carries on)."""
        k = self.paragraph_of(tok.idx)
        window = {k}
        j: int | None = k
        while hops > 0 and j is not None:
            j = self.previous_paragraph(j)
            if j is None:
                break
            window.add(j)
            hops -= 1
            lo, hi = self.paras[j]
            if any(
                t.lower_ in ("he", "she") and t.dep_ in SUBJECT_DEPS and not self.in_quote(t.idx)
                for t in self.tokens(lo, hi)
            ) and not any(self.label_of(m) in PERSON_LABELS for m in self._mentions_in(lo, hi)):
                hops += 1
            if len(window) > 5:
                break
        return window

    def _mentions_in(self, lo: int, hi: int) -> list[Mention]:
        return [m for i, m in self.mention_of_token.items() if lo <= self.starts[i] < hi]

    def antecedent(self, tok: Token, *, person: bool) -> Speaker | None:
        """The nearest fitting name before the pronoun ``tok``; ``None`` when ambiguous or absent."""
        window = self._window(tok)
        cands = self._candidates(tok.idx, window, person=person)
        if not person:
            cands.extend(self._document_subjects(tok.idx, window))
        subjects = [c for c in cands if c.subject]
        if subjects:
            last = max(subjects, key=lambda c: c.speaker.start)
            sent = self._sentence_start(last.speaker.start)
            # in the last sentence with a subject, one outside a relative clause over one inside
            # ("Sanders, who … after Warren alleged …, sought …")
            same = [c for c in subjects if self._sentence_start(c.speaker.start) == sent]
            mains = [c for c in same if c.main]
            best = max(mains, key=lambda c: c.speaker.start) if mains else last
            return None if best.plural else best.speaker
        # no subject in reach: accept a lone name in the same or previous sentence
        sent_starts = [a for a, _ in self.sent_bounds if a <= tok.idx]
        near = sent_starts[-2] if len(sent_starts) >= 2 else 0
        names = {c.speaker.name: c.speaker for c in cands if c.speaker.start >= near}
        if len(names) == 1:
            return next(iter(names.values()))
        if names or not person:
            return None
        # nothing in reach: a "she said" far from the name, past a caption or a paragraph about
        # something else, stands for the last person quoted, if within a few paragraphs
        far = self._window(tok, hops=3)
        quoted = [sp for offset, sp in self.spoken if offset < tok.idx and self.paragraph_of(offset) in far]
        return quoted[-1] if quoted else None

    def lead_in(self, k: int) -> Speaker | None:
        """The speaker announced at the end of paragraph ``k`` (``Smith said:``, or ``Smith said that …``)."""
        lo, hi = self.paras[k]
        toks = [t for t in self.tokens(lo, hi) if not t.is_space]
        if not toks or self.in_quote(toks[-1].idx):
            return None
        root = toks[-1].sent.root
        if not (lo <= root.idx < hi) or not self.is_reporting(root):
            return None
        return self.speaker_of(root)


def _subject_role(root: Token) -> tuple[bool, bool]:
    """Whether a name stands as a subject (or passive agent), and whether it is one of several.

    The subject of a complement clause (``asked if Trump was …``, ``said Okafor
    would …``) is what is talked about, not who talks: it does not count.
    """
    tok = root
    if tok.dep_ == "appos":
        tok = tok.head
    plural = _coordinated(tok)
    if tok.dep_ == "conj":
        head = tok.head
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ in SUBJECT_DEPS and head.head.dep_ != "ccomp", _coordinated(head)
    if tok.dep_ in SUBJECT_DEPS:
        return tok.head.dep_ != "ccomp", plural
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True, plural
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True, plural  # "according to John Park, …. He called …": the source speaks on
    return False, plural


def _definite_role(tok: Token) -> bool:
    """``the spokesman``, ``The former secretary of state``: one person named by a role, with no name."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in TITLES):
        return False
    if any(c.dep_ == "appos" for c in tok.children):
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _main_clause(tok: Token) -> bool:
    """Whether ``tok`` stands outside every relative clause (``Sanders, who … after Warren alleged …``)."""
    return not any(a.dep_ == "relcl" for a in tok.ancestors)


def _coordinated(tok: Token) -> bool:
    """``Smith and Jones``: a conjunct joined by "and"/"or" (a bare comma is an apposition)."""
    return any(c.dep_ == "conj" for c in tok.children) and any(c.dep_ == "cc" for c in tok.children)
