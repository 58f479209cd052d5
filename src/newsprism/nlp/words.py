"""Each sentence's content words as lemmas, and what its negations negate: read once from the parse.

Later stages compare sentences by these facts instead of splitting and
stemming raw strings themselves:

* :class:`DocWords` holds, for a parsed article, each token's lower-cased
  lemma and whether it is a content word (not a stop word; a number, or a
  word of three or more characters). :meth:`DocWords.content_words` gives a
  sentence's content words as ``(character offset, lemma)`` pairs, each
  one's form as written, and its word family (:func:`word_family`):
  the word cut so that derived forms meet ('killing' and 'kill',
  'Ukrainian' and 'Ukraine', 'finalise' and 'finalize'), which lemmas alone
  keep apart.
* :func:`refers_back` tells a sentence whose reporting verb takes as its
  object something said before ('denied the allegations', 'denied it').
* :func:`says_ongoing` tells a sentence that says a thing goes on ('is
  still being finalised'), which a 'not yet' agrees with.
* :func:`negations` finds each negation cue of a sentence (``not``, ``n't``,
  ``never``, ``no``, ``nobody``, ``without`` ...) with the clause it negates
  (its head's subtree, cut at the sentence), the lemma of the predicate it
  negates (an auxiliary or copula gives way to its complement: 'was not
  guilty' negates 'guilty'), and whether it says 'not yet' ('has not yet
  been finalised': pending). 'Has yet to decide' carries no negation cue and
  is not read as one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..model import Article, Negation, Span
from .entities import unaccented

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["STATEMENT_NOUNS", "DocWords", "negations", "refers_back", "says_ongoing", "word_family"]

#: Content words are at least this long (numbers excepted).
MIN_CONTENT_CHARS = 3
#: Words that negate what their head says, besides the parser's ``neg`` dependency.
NEGATIVE_WORDS = frozenset({"no", "nobody", "nothing", "none", "neither", "nor", "noone", "without", "never"})
#: Words by which a sentence says that a thing goes on ('is still being finalised', 'talks continue').
ONGOING = frozenset({"still", "remain", "continue", "ongoing"})
#: Nouns that name a statement ('rejected the allegations', 'denied the report').
STATEMENT_NOUNS = frozenset(
    {"allegation", "accusation", "claim", "report", "charge", "suggestion", "assertion", "notion", "idea"}
    | {"story", "account", "finding", "rumor", "rumour", "speculation", "statement"}
)
#: Words that make a noun phrase point back at something said before ('the allegations', 'these claims').
POINTING_DETERMINERS = frozenset({"the", "these", "those", "this", "that", "such", "all", "any", "its", "their"})
POINTING_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those"})
#: Heads that carry no predicate of their own: the negated predicate is their complement.
LIGHT_HEADS = frozenset({"be", "do", "have", "will", "would", "can", "could", "may", "might", "must", "shall", "should"})
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp", "ccomp", "dobj"})
#: Children that start a clause of their own after the negated one.
COORDINATED_DEPS = frozenset({"cc", "conj", "parataxis"})


#: Endings cut from a word as written to find its family, longest first.
_FAMILY_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly")
#: Letters of a word family: enough to tell words apart, few enough that spellings and derivations meet.
FAMILY_CHARS = 6


def _tight(doc: Doc, i: int) -> bool:
    """Whether tokens ``i``, ``i + 1`` and ``i + 2`` are written with no space between them ('war-torn')."""
    return not doc[i].whitespace_ and not doc[i + 1].whitespace_


def word_family(word: str) -> str:
    """The family of a lower-cased word: an ending cut ('killing' -> 'kill', 'shipments' -> 'ship'), then
    the first :data:`FAMILY_CHARS` letters ('ukrainian' and 'ukraine' -> 'ukrain', 'finalise' and
    'finalize' -> 'finali')."""
    w = word[:-2] if word.endswith("'s") else word
    for ending in _FAMILY_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            w = w[: -len(ending)]
            if ending in ("ed", "ing") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
                w = w[:-1]  # 'shipped', 'stopping'
            break
    return w[:FAMILY_CHARS]


class DocWords:
    """Per-token lemmas, word families, word forms and content flags of one parsed article (computed once,
    sliced per sentence)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH, LIKE_NUM, LOWER, TAG

        arr = doc.to_array([LEMMA, IS_STOP, IS_ALPHA, LIKE_NUM, LENGTH, IDX, DEP, LOWER, TAG])  # uint64: hashes
        hashes = arr[:, 0].tolist()
        lowers = arr[:, 7].tolist()
        strings = doc.vocab.strings
        hyphens = np.nonzero(arr[:, 7] == strings.add("-"))[0].tolist()
        #: Tokens that may cue a negation: the parser's ``neg``, or a negative word.
        self.cues = (arr[:, 6] == strings.add("neg")) | np.isin(arr[:, 7], [strings.add(w) for w in NEGATIVE_WORDS])
        # (hashes are compared before the cast: past 2**63 they turn negative)
        plural = (arr[:, 8] == strings.add("NNS")).tolist()  # a proper noun's lemma is its text: 'Democrats' stays
        arr = arr.astype(np.int64)
        self.offsets = arr[:, 5]
        number = arr[:, 3].astype(bool) & ~arr[:, 2].astype(bool)
        self.content = ~arr[:, 1].astype(bool) & ((arr[:, 2].astype(bool) & (arr[:, 4] >= MIN_CONTENT_CHARS)) | number)
        forms: dict[int, str] = {}
        self.lemma: list[str] = []
        for h in hashes:
            form = forms.get(h)
            if form is None:
                form = forms[h] = strings[h].lower().replace("’", "'")
            self.lemma.append(form)
        # a word's form: as written, lower-cased, a plural common noun in its singular ('missiles' -> 'missile');
        # its family is cut from the word as written: its lemma would keep apart what the cut joins ('injured'
        # and 'injuries' -> 'injur'; lemmas 'injure' and 'injury'); accents go ('Sánchez', 'Sanchez')
        written: dict[int, tuple[str, str]] = {}
        self.form: list[str] = []
        self.family: list[str] = []
        for i, h in enumerate(lowers):
            known = written.get(h)
            if known is None:
                word = strings[h].replace("’", "'")
                known = written[h] = (word, word_family(unaccented(word)))
            self.form.append(self.lemma[i] if plural[i] else known[0])
            self.family.append(known[1])
        self._join_compounds(doc, arr[:, 2].astype(bool), hyphens)
        #: Tokens that say a thing goes on ('still', 'remains').
        self.ongoing = np.fromiter((form in ONGOING for form in self.lemma), dtype=bool, count=len(self.lemma))

    def _join_compounds(self, doc: Doc, alpha: np.ndarray, hyphens: list[int]) -> None:
        """Give each word of a hyphenated compound the family and form of the whole ('war-torn', 'long-range'): the
        tokenizer splits it, but it is one word, and its parts alone are commoner words than it is.
        ``hyphens`` are the positions of the '-' tokens."""
        n = len(doc)
        hyphen = set(hyphens)
        for i in hyphens:
            if not 0 < i < n - 1 or not (alpha[i - 1] and alpha[i + 1]) or not _tight(doc, i - 1):
                continue
            first = i - 1
            while first >= 2 and first - 1 in hyphen and alpha[first - 2] and _tight(doc, first - 2):
                first -= 2
            if first < i - 1:
                continue  # joined already, from the compound's first hyphen
            last = i + 1
            while last + 2 < n and last + 1 in hyphen and alpha[last + 2] and _tight(doc, last):
                last += 2
            whole = doc[first : last + 1].text.lower().replace("’", "'")
            family = word_family(unaccented(whole))
            for k in range(first, last + 1, 2):
                self.family[k] = family
                self.form[k] = whole

    def content_words(
        self, a: int, b: int
    ) -> tuple[tuple[tuple[int, str], ...], tuple[str, ...], tuple[str, ...]]:
        """The content words of tokens ``a`` to ``b``: as ``(character offset, lemma)``, and, in that order,
        their word families and their forms (as written, lower-cased, a plural common noun singular)."""
        picked = (np.nonzero(self.content[a:b])[0] + a).tolist()
        return (
            tuple((int(self.offsets[i]), self.lemma[i]) for i in picked),
            tuple(self.family[i] for i in picked),
            tuple(self.form[i] for i in picked),
        )


def _predicate(head: Token) -> Token:
    """The token whose lemma says what is negated: an auxiliary or copula gives way to its complement."""
    if head.lemma_.lower() in LIGHT_HEADS:
        for child in head.children:
            if child.dep_ in COMPLEMENT_DEPS:
                return child
    return head


def _pending(cue: Token, head: Token) -> bool:
    """'not yet': the negated thing may still happen."""
    if any(c.lower_ == "yet" for c in head.children):
        return True
    return cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].lower_ == "yet"


def negations(doc: Doc, words: DocWords, a: int, b: int, article: Article) -> tuple[Negation, ...]:
    """The negations among tokens ``a`` to ``b`` (one sentence), each with the clause and predicate it negates."""
    out: list[Negation] = []
    start_char, end_char = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    for i in (np.nonzero(words.cues[a:b])[0] + a).tolist():
        cue = doc[i]
        if cue.dep_ == "intj" or (cue.lower_ == "no" and i + 1 < len(doc) and (doc[i + 1].text == "." or doc[i + 1].like_num)):
            continue  # "No, he said"; "No. 10 Downing Street"
        head = cue.head
        if cue.dep_ in ("det", "nsubj", "nsubjpass", "dobj", "pobj", "prep") or head.pos_ in ("NOUN", "PROPN"):
            while head.pos_ not in ("VERB", "AUX", "ADJ") and head.head.i != head.i:
                head = head.head  # 'no siren sounded': the verb is what is negated
        if cue.lower_ == "without":
            head = next((c for c in cue.children if c.dep_ in ("pcomp", "pobj")), head)
        predicate = _predicate(head)
        right = head.right_edge.i + 1
        for child in head.rights:  # 'did not sound, and residents were warned': the second clause is not negated
            if child.dep_ in COORDINATED_DEPS:
                right = min(right, child.left_edge.i)
        left, right = max(head.left_edge.i, a), min(max(right, cue.i + 1), b)
        scope = Span.of(article, max(doc[left].idx, start_char), min(doc[right - 1].idx + len(doc[right - 1]), end_char))
        out.append(
            Negation(
                cue=Span.of(article, cue.idx, cue.idx + len(cue)),
                scope=scope,
                predicate=predicate.lemma_.lower(),
                pending=_pending(cue, head),
            )
        )
    return tuple(out)


def says_ongoing(words: DocWords, a: int, b: int) -> bool:
    """Whether tokens ``a`` to ``b`` say that a thing goes on: 'still', 'remains', 'continues', 'ongoing'."""
    return bool(words.ongoing[a:b].any())


def refers_back(doc: Doc, a: int, b: int, verb: str | None) -> bool:
    """Whether the reporting verb ``verb`` (a lemma) of tokens ``a`` to ``b`` takes as its object something said
    before: a pronoun ('denied it') or a statement noun that points back ('denied the allegations')."""
    if verb is None:
        return False
    for i in range(a, b):
        tok = doc[i]
        if tok.lemma_ != verb:
            continue
        for obj in tok.children:
            if obj.dep_ not in ("dobj", "nsubjpass"):
                continue
            if obj.lower_ in POINTING_PRONOUNS:
                return True
            if obj.lemma_.lower() in STATEMENT_NOUNS and any(
                d.dep_ in ("det", "poss") and d.lower_ in POINTING_DETERMINERS for d in obj.children
            ):
                # 'the claim that ...' names what is denied; 'the allegations, which appeared ...' still points back
                return not any(c.dep_ == "acl" and any(m.dep_ == "mark" for m in c.children) for c in obj.children)
    return False
