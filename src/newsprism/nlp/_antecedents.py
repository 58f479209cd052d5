"""What a pronoun or a definite role noun stands for.

``he``/``she`` go to the nearest person in subject position before them (in
their paragraph and the one before, further while the text keeps saying
``he``/``she``), ``it`` to an organisation, place or document that spoke,
``they`` to the last plural subject; ``the spokesman`` or ``the former
secretary of state`` to the person the article earlier wrote with that role.
When the nearest candidates disagree or are plural the answer is ``None``:
an unnamed speaker is better than a wrong one.

Split from :mod:`._speakers` because this is a separate question (what a word
refers back to) from naming a subject; the two call each other, so
:class:`Antecedents` sits between :class:`._article_index.ArticleIndex` and
:class:`._speakers.Context` in one class hierarchy and reaches the naming layer
only through :meth:`Antecedents.name_of`, which ``Context`` provides.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._article_index import (
    DOCUMENT_HEADS,
    IT_LABELS,
    PERSON_LABELS,
    ROLE_NOUNS,
    SUBJECT_DEPS,
    TITLES,
    VAGUE_HEADS,
    ArticleIndex,
    Speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Mention

__all__ = ["Antecedents", "definite_role"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    speaker: Speaker
    para: int
    subject: bool
    plural: bool
    #: the subject of its sentence's main clause, not of a relative or adverbial one
    main: bool = True


@dataclass
class Antecedents(ArticleIndex):
    """Pronoun and role-holder resolution over an :class:`ArticleIndex`."""

    #: Role nouns already resolved, by token index (``None``: unknown, or being resolved).
    role_holders: dict[int, Speaker | None] = field(default_factory=dict)

    def name_of(self, tok: Token) -> Speaker | None:
        """How the text names the subject token ``tok``: provided by :class:`._speakers.Context`."""
        raise NotImplementedError

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
                    held = self._role_holder(tok) if definite_role(tok) else None
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


def definite_role(tok: Token) -> bool:
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
