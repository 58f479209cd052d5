"""Who a reporting verb's subject is: names, groups, and ``he``/``she`` resolved.

Shared by :mod:`.quotes` and :mod:`.citations`. A :class:`Context` is one
parsed article indexed by :class:`._article_index.ArticleIndex`, with
pronouns and role nouns resolved by :class:`._antecedents.Antecedents`; this
module adds the top layer: finding a reporting verb's subject
(:func:`subject_of`) and naming it.

Naming rules, in order: a person mention at the subject (titles stripped); a
name in apposition (``Russian ambassador to the UN, Pavel Orlov``); an
organisation or place mention (``the State Department`` gives ``State
Department``); a proper-noun chain the tagger missed; else the noun phrase as
written, without its article (``Kremlin officials``, ``Pentagon spokesperson``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ._antecedents import Antecedents, definite_role
from ._article_index import (
    DOCUMENT_HEADS,
    PERSON_LABELS,
    ROLE_NOUNS,
    SUBJECT_DEPS,
    TITLES,
    Speaker,
    strip_titles,
    word_set,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Context", "Speaker", "strip_titles", "subject_of", "word_set"]

#: Verbs whose passive subject is the one spoken to, not the speaker.
ADDRESSEE_PASSIVE = frozenset({"tell", "ask", "inform", "brief", "warn", "urge", "advise", "remind"})


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


class Context(Antecedents):
    """One parsed article, indexed for naming speakers."""

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
        if (single is None or not single.person) and definite_role(tok):
            return self._role_holder(tok) or single
        return single

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
