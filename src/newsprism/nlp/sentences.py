"""Sentences of news text, and the few syntactic facts each one carries.

spaCy's parser splits news text in the wrong places: it runs paragraphs
together, cuts ``“…,” Biden said`` after the quote, and stops after ``Mr`` or
``Sept.``. Two steps fix that:

* :func:`sentence_hints`, a pipeline component placed before the parser, marks
  tokens that must (after a newline) or must not (after ``Mr``, ``Sept.``, a
  comma, inside ``,”``...) start a sentence; the parser respects the ``True``
  marks and most of the ``False`` ones;
* :func:`split_sentences` re-applies the same rules to the parsed boundaries,
  merging the splits the parser made anyway, and reads off negation and the
  governing reporting verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..lexicon import reporting_verbs
from ..model import Article, Sentence, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["COMPONENT", "add_sentence_hints", "must_not_start", "sentence_hints", "split_sentences"]

COMPONENT = "newsprism_sentence_hints"

# Abbreviations after which a capitalised word continues the sentence ("Mr Lammy", "Gen. Smith").
TITLE_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "cmdr",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "brig",
        "cpl",
        "pvt",
        "mt",
        "ft",
    ]
)
# Abbreviations after which a number continues the sentence ("Sept. 11", "No. 10").
NUMBER_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "pp",
        "fig",
        "art",
    ]
)
OPENING_QUOTES = frozenset("“‘«‹„")
CLOSING_QUOTES = frozenset("”’»›")
QUOTE_CHARS = frozenset('"“”‘’«»‹›„')
CONTINUING_PUNCT = frozenset({",", ";", ":", "–", "—", "-"})
NEVER_START = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "…", "...", "%"})
ELLIPSES = frozenset({"…", "...", ". . ."})
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "neither", "noone"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
EDGE_PUNCT = ' \t\n,;:–—-"“”‘’'
PARENTHETICAL = re.compile(r"\s*\([^()]*\)?")


# --- boundary rules ---------------------------------------------------------


def _is_closing_quote(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text in CLOSING_QUOTES:
        return True
    if text in ('"', "'", "''"):
        # A straight quote hugging the previous word closes; one hugging the next opens.
        return i > 0 and doc[i - 1].whitespace_ == "" and not doc[i - 1].is_space
    return False


def must_not_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues the sentence of token ``i - 1`` by the news-style rules."""
    if i == 0:
        return False
    tok, prev = doc[i], doc[i - 1]
    if prev.is_space:
        return "\n" not in prev.text and must_not_start_after_space(doc, i)
    if tok.is_space:
        return True
    text = tok.text
    if text in NEVER_START or _is_closing_quote(doc, i):
        return True
    first = text[0]
    if first.islower() and first.isalpha():
        return True
    ptext = prev.text
    if ptext in CONTINUING_PUNCT:
        return True
    if _is_closing_quote(doc, i - 1):
        # “…,” Biden said / “…?” she asked
        return i >= 2 and doc[i - 2].text in (",", ",")
    key = ptext.rstrip(".").lower()
    if key in TITLE_ABBREVIATIONS and ptext[:1].isupper() and first.isupper():
        return True
    if key in NUMBER_ABBREVIATIONS and ptext.endswith(".") and tok.like_num:
        return True
    if len(ptext) == 2 and ptext[0].isupper() and ptext[1] == "." and first.isupper():
        return True  # an initial: "John F. Kennedy"
    # "U.S. President", "U.K. Foreign Secretary"
    return _is_initialism(ptext) and (tok.like_num or tok.tag_ in ("NNP", "NNPS"))


def must_not_start_after_space(doc: Doc, i: int) -> bool:
    """Rule for a token after a same-line whitespace token: look past the space."""
    j = i - 1
    while j > 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return False
        j -= 1
    return doc[i].text in NEVER_START


def _is_initialism(text: str) -> bool:
    """``U.S.``, ``U.K.``, ``D.C.``: letters each followed by a period."""
    return len(text) >= 4 and text.endswith(".") and all(c == "." for c in text[1::2]) and text[::2].isalpha()


def _starts_line(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].is_space and "\n" in doc[i - 1].text and not doc[i].is_space


def sentence_hints(doc: Doc) -> Doc:
    """Pipeline component: preset sentence starts the parser will respect."""
    for i in range(1, len(doc)):
        tok = doc[i]
        if _starts_line(doc, i):
            tok.is_sent_start = True
        elif must_not_start(doc, i):
            tok.is_sent_start = False
    return doc


def add_sentence_hints(nlp: Language) -> None:
    """Register :func:`sentence_hints` and put it right before the parser (idempotent)."""
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(COMPONENT):
        SpacyLanguage.component(COMPONENT, func=sentence_hints)
    if COMPONENT not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe(COMPONENT, **where)  # type: ignore[arg-type]


# --- sentences --------------------------------------------------------------


def _boundaries(doc: Doc) -> list[int]:
    """Token indices where sentences start: the parser's, fixed by the rules."""
    starts = [0]
    for sent in doc.sents:
        s = sent.start
        if s and not must_not_start(doc, s):
            starts.append(s)
    # A newline always ends a sentence, whatever the parser did.
    newline_starts = [i for i in range(1, len(doc)) if _starts_line(doc, i)]
    if newline_starts:
        starts = sorted(set(starts).union(newline_starts))
    return starts


def split_sentences(doc: Doc, article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, trimmed of surrounding whitespace, in order."""
    if not len(doc):
        return ()
    starts = _boundaries(doc)
    ends = [*starts[1:], len(doc)]
    out: list[Sentence] = []
    text = article.text
    for a, b in zip(starts, ends, strict=True):
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a >= b:
            continue
        start = doc[a].idx
        last = doc[b - 1]
        end = last.idx + len(last.text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        negated, verb, subject = sentence_facts(doc, a, b)
        out.append(Sentence(Span.of(article, start, end), negated=negated, report_verb=verb, report_subject=subject))
    return tuple(out)


# --- syntactic facts --------------------------------------------------------


def _roots(doc: Doc, a: int, b: int) -> list[Token]:
    """Tokens of ``doc[a:b]`` whose head lies outside it (the parser's roots, in order)."""
    roots = []
    for i in range(a, b):
        tok = doc[i]
        h = tok.head.i
        if (h == i or not a <= h < b) and not tok.is_space and not tok.is_punct:
            roots.append(tok)
    return roots


def _has_content(verb: Token) -> bool:
    """Whether a reporting verb governs something reported: a clause, a quote, a denied object."""
    lexicon = reporting_verbs()
    for child in verb.children:
        dep = child.dep_
        if dep in CONTENT_DEPS:
            return True
        if dep == "dobj" and lexicon.get(verb.lemma_) == "denial":
            return True
        if dep == "punct" and (child.text in QUOTE_CHARS or (child.text == ":" and child.i > verb.i)):
            return True
        if (
            dep == "prep"
            and child.lower_ == "as"  # quoted X as saying that ...
            and any(g.dep_ == "pcomp" and g.lemma_ in lexicon for g in child.children)
        ):
            return True
    return False


def _subtree_text(tok: Token) -> str:
    """The text of ``tok``'s subtree, without relative clauses, parentheticals and edge punctuation."""
    doc = tok.doc
    left, right = tok.left_edge, tok.right_edge
    end = right.idx + len(right.text)
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.left_edge.i > tok.i:
            end = min(end, child.left_edge.idx)
    text = PARENTHETICAL.sub("", doc.text[left.idx : end])
    return text.strip(EDGE_PUNCT)


def _subject(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _subtree_text(child) or None
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _subtree_text(grand) or None
    return None


def _is_negated(tok: Token) -> bool:
    for child in tok.children:
        dep = child.dep_
        if dep == "neg":
            return True
        if dep in ("nsubj", "nsubjpass"):
            if child.lower_ in NEGATIVE_SUBJECTS:
                return True
            if any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                return True
    return False


def _according_to(doc: Doc, a: int, b: int) -> Token | None:
    """The ``to`` of an ``according to X`` in ``doc[a:b]``."""
    for i in range(a, b - 1):
        if doc[i].lower_ == "according" and doc[i + 1].lower_ == "to":
            return doc[i + 1]
    return None


def _after_quote(doc: Doc, a: int, b: int) -> tuple[Token, str | None] | None:
    """``“…,” McCaul, the Texas Republican, told …``: a reporting verb shortly after a closing quote."""
    lexicon = reporting_verbs()
    for i in range(a + 1, b):
        if doc[i].text not in ("”", '"') or not _is_closing_quote(doc, i) or doc[i - 1].text not in (",", "?", "!"):
            continue
        for j in range(i + 1, min(b, i + 16)):
            tok = doc[j]
            if tok.lemma_ in lexicon and tok.tag_ in ("VBD", "VBZ", "VBP"):
                words = [t for t in doc[i + 1 : j] if not t.is_punct]
                cut = next((k for k in range(i + 1, j) if doc[k].text == ","), j)
                subject = doc[i + 1 : cut].text.strip(EDGE_PUNCT) if words else None
                return tok, subject or None
            if tok.text in QUOTE_CHARS or tok.text in (".", ";"):
                break
    return None


def _reporting_verb(roots: Sequence[Token], doc: Doc, a: int, b: int) -> tuple[Token, str | None] | None:
    """The reporting verb governing the sentence ``doc[a:b]``, and its subject's text."""
    lexicon = reporting_verbs()
    for root in roots:
        if root.lemma_ in lexicon and _has_content(root):
            return root, _subject(root)
    for root in roots:
        for child in root.children:
            if child.lemma_ not in lexicon:
                continue
            dep = child.dep_
            has_subject = any(g.dep_ == "nsubj" for g in child.children)
            if dep == "parataxis" and has_subject:
                return child, _subject(child)  # Russia is escalating, Blinken said
            if dep == "conj" and has_subject and _has_content(child):
                return child, _subject(child)
            if dep == "advcl" and child.tag_ == "VBG" and not has_subject and _has_content(child):
                return child, _subject(root)  # X issued a rebuke, warning Tehran: "..."
    return _after_quote(doc, a, b)


def sentence_facts(doc: Doc, a: int, b: int) -> tuple[bool, str | None, str | None]:
    """``(negated, report_verb, report_subject)`` for the sentence ``doc[a:b]``."""
    roots = _roots(doc, a, b)
    if not roots:
        return False, None, None
    found = _reporting_verb(roots, doc, a, b)
    verb = found[0] if found else None
    main = verb if verb is not None and verb.dep_ == "ROOT" else roots[0]
    negated = _is_negated(main)
    if not negated and verb is not None:
        negated = any(c.dep_ in ("ccomp", "xcomp") and _is_negated(c) for c in verb.children)
    if found is not None:
        return negated, found[0].lemma_, found[1]
    to = _according_to(doc, a, b)
    if to is not None:
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        return negated, "say", _subtree_text(source) if source is not None else None
    return negated, None, None
