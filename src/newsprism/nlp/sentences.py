"""Sentences of news text, and the few syntactic facts each one carries.

spaCy's parser splits news text in the wrong places: it runs paragraphs
together, cuts ``“…,” Porter said`` after the quote, and stops after ``Mr`` or
``Sept.``. Two steps fix that:

* :func:`~newsprism.nlp.boundaries.sentence_hints`, a pipeline component
  placed before the parser, marks tokens that must (after a newline) or must
  not (after ``Mr``, ``Sept.``, a comma, inside ``,”``...) start a sentence;
  the parser respects the ``True`` marks and most of the ``False`` ones;
* :func:`split_sentences` re-applies the same rules to the parsed boundaries,
  merging the splits the parser made anyway, and reads off negation and the
  governing reporting verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..lexicon import clause_verbs, reporting_verbs, speech_acts
from ..model import Article, Sentence, Span
from .boundaries import COMPONENT, add_sentence_hints, boundary_hints, cut_at_title, sentence_hints
from .debris import is_debris, is_ended
from .frames import content_range, judgements, result_clause, that_clause
from .questions import asks
from .stamps import is_stamp
from .words import DocWords, negations, refers_back, says_ongoing

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["COMPONENT", "add_sentence_hints", "boundary_hints", "sentence_facts", "sentence_hints", "split_sentences"]

QUOTE_CHARS = frozenset({'"', "“", "”", "‘", "’", "«", "»", "‹", "›", "„"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "neither", "noone"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
#: Adverbs by which the writer gives a statement as others' ('Halper reportedly requested a meeting').
HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
EDGE_PUNCT = ' \t\n,;:–—-"“”‘’'
PARENTHETICAL = re.compile(r"\s*\([^()]*\)?")


# --- sentences --------------------------------------------------------------


def _boundaries(doc: Doc) -> list[int]:
    """Token indices where sentences start: the parser's, fixed by the rules."""
    from spacy.attrs import SENT_START

    must_start, must_not = boundary_hints(doc)
    parsed = doc.to_array([SENT_START]).astype(np.int64).reshape(-1) == 1
    parsed[0] = True
    starts = np.nonzero((parsed & ~must_not) | must_start)[0].tolist()
    ends = [*starts[1:], len(doc)]
    # a quoted exclamation or question and the frame the parser cut from it are one sentence
    return [a for a, b in zip(starts, ends, strict=True) if not _frame_of_quote(doc, a, b)]


#: Tokens after a quote within which the reporting verb of its frame stands ('Senator Mitch McConnell asked').
FRAME_REACH = 6
#: Marks that close a quotation ('"Why?" she asked', '‘Why?’ she asked').
_CLOSING_MARKS = frozenset({"”", '"', "’", "'"})
#: Finite verb tags: a reporting verb that frames what was said ('said', 'says', 'say').
_FINITE = ("VBD", "VBZ", "VBP")
#: Reporting verbs whose frame may name whom the words were for ('Trump told supporters').
_TOLD = frozenset({"tell", "ask"})


def _frame_of_quote(doc: Doc, a: int, b: int) -> bool:
    """Whether ``doc[a:b]`` is the frame of the exclamation or question quoted just before it, which the
    parser cut off: '"Heck, he even appointed Hillary!" Mr. Clinton said, pausing as the crowd roared.'
    A frame is a reporting verb near its start that reports nothing of its own ('Pelosi asked.', not
    'Officers said the man was armed.' nor 'Republicans have demanded answers.'). Only spaces on the same
    line may stand between the quote and its frame."""
    quote = a - 1
    while quote >= 0 and doc[quote].is_space and "\n" not in doc[quote].text:
        quote -= 1
    if quote < 1 or doc[quote].text not in _CLOSING_MARKS or doc[quote - 1].text not in ("!", "?"):
        return False
    lexicon = reporting_verbs()
    verb = next((t for t in doc[a : min(b, a + FRAME_REACH)] if t.lemma_ in lexicon and t.tag_ in _FINITE), None)
    if verb is None or verb not in _roots(doc, a, b) or _has_content(verb):
        return False
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and ("dobj" not in deps or verb.lemma_ in _TOLD)


def split_sentences(doc: Doc, article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, trimmed of surrounding whitespace, in order."""
    from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LOWER

    n = len(doc)
    if not n:
        return ()
    arr = doc.to_array([IS_SPACE, IS_PUNCT, HEAD, IDX]).astype(np.int64)
    words = doc.to_array([LOWER, DEP])
    strings = doc.vocab.strings
    hedge = np.isin(words[:, 0], [strings.add(w) for w in HEDGES]) & (words[:, 1] == strings.add("advmod"))
    space, punct = arr[:, 0].astype(bool), arr[:, 1].astype(bool)
    heads = np.arange(n) + arr[:, 2]
    idx = arr[:, 3]
    starts = _boundaries(doc)
    ends = [*starts[1:], n]
    out: list[Sentence] = []
    text = article.text
    lemmas = DocWords(doc)  # each token's lemma and flags, read once for all sentences
    for a, b in zip(starts, ends, strict=True):
        while a < b and space[a]:
            a += 1
        while b > a and space[b - 1]:
            b -= 1
        if a >= b:
            continue
        start = int(idx[a])
        end = int(idx[b - 1]) + len(doc[b - 1])
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        local = heads[a:b]
        root_ids = np.nonzero(((local < a) | (local >= b) | (local == np.arange(a, b))) & ~space[a:b] & ~punct[a:b])[0]
        roots = [doc[a + int(i)] for i in root_ids]
        written = text[start:end]
        negated, verb, subject, content, verb_at = sentence_facts(doc, a, b, roots=roots, text=written)
        verb_span = None
        if verb_at is not None and a <= verb_at < b:  # (a verb the parser hung across a split stays out)
            word = doc[verb_at]
            verb_span = Span.of(article, word.idx, word.idx + len(word))
        reported = None
        if content is not None:
            first, last = doc[content[0]], doc[content[1] - 1]
            reported = Span.of(article, first.idx, last.idx + len(last))
        act = _speech_act(roots) if verb is None else None
        content_lemmas, families, forms = lemmas.content_words(a, b)
        out.append(
            Sentence(
                Span.of(article, start, end),
                negated=negated,
                report_verb=verb,
                report_subject=subject,
                content=reported,
                report_verb_span=verb_span,
                hedged=bool(hedge[a:b].any()),
                speech_act=act,
                lemmas=content_lemmas,
                families=families,
                forms=forms,
                negations=negations(doc, lemmas, a, b, article),
                ongoing=says_ongoing(lemmas, a, b),
                refers_back=refers_back(doc, a, b, verb),
                question=asks(written),
                stamp=is_stamp(doc, a, b),
                debris=is_debris(written),
                ended=is_ended(written) and not cut_at_title(doc, a, b),
                judged=tuple(
                    Span.of(article, doc[x].idx, doc[y - 1].idx + len(doc[y - 1]))
                    for x, y in judgements(doc, a, b, lemmas.lemma)
                ),
            )
        )
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
    whole = verb.lemma_ in clause_verbs()  # 'found that ...', not 'found him guilty'
    for child in verb.children:
        dep = child.dep_
        if whole and dep in CONTENT_DEPS and child.pos_ not in ("VERB", "AUX"):
            continue
        if (dep in CONTENT_DEPS and not result_clause(child, verb)) or that_clause(child, verb):
            return True
        if dep == "dobj" and lexicon.get(verb.lemma_) == "denial":
            return True
        if dep == "punct" and (child.text in QUOTE_CHARS or (child.text == ":" and child.i > verb.i)):
            return True
        if dep == "prep" and any(
            g.dep_ == "pcomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
            for g in child.subtree
        ):
            return True  # said in an interview with “Fox News Sunday” that ...: the clause hung on the phrase
        if (
            dep == "prep"
            and child.lower_ == "as"  # quoted X as saying that ...
            and any(g.dep_ == "pcomp" and g.lemma_ in lexicon for g in child.children)
        ):
            return True
    return False


#: Words that open a coordinated subject without naming anyone ('Both Marsh and Okafor', 'either side').
_COORDINATING_DETERMINERS = frozenset({"both", "either", "neither"})


def _subtree_text(tok: Token) -> str:
    """The text of ``tok``'s subtree, without relative clauses, parentheticals and edge punctuation."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.left_edge.i > tok.i:
            end = min(end, child.left_edge.i)
    while start < end and tok.doc[start].lower_ in _COORDINATING_DETERMINERS:
        start += 1  # 'Both Marsh and Okafor' names Marsh and Okafor
    text = PARENTHETICAL.sub("", tok.doc[start:end].text)
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
        if dep in ("acomp", "oprd") and any(g.dep_ == "neg" for g in child.children):
            return True  # 'pleaded not guilty', 'was found not guilty'
        if dep in ("nsubj", "nsubjpass"):
            if child.lower_ in NEGATIVE_SUBJECTS:
                return True
            if any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                return True
    return False


def _according_to(doc: Doc, a: int, b: int, text: str) -> Token | None:
    """The ``to`` of an ``according to X`` in ``doc[a:b]`` (whose text is ``text``)."""
    if "according to" not in text.lower():
        return None
    for i in range(a, b - 1):
        if doc[i].lower_ == "according" and doc[i + 1].lower_ == "to":
            return doc[i + 1]
    return None


_QUOTE_THEN_WORD = re.compile(r"[,?!]\s*[”\"]\s+\w")


def _after_quote(doc: Doc, a: int, b: int, text: str) -> tuple[Token, str | None] | None:
    """``“…,” Reyes, the Ohio Republican, told …``: a reporting verb shortly after a closing quote."""
    if not _QUOTE_THEN_WORD.search(text):
        return None
    lexicon = reporting_verbs()
    for i in range(a + 1, b):
        quote = doc[i]
        if quote.text not in ("”", '"') or doc[i - 1].whitespace_ or doc[i - 1].text not in (",", "?", "!"):
            continue
        for j in range(i + 1, min(b, i + 16)):
            tok = doc[j]
            if tok.lemma_ in lexicon and tok.tag_ in _FINITE:
                cut = next((k for k in range(i + 1, j) if doc[k].text == ","), j)
                subject = doc[i + 1 : cut].text.strip(EDGE_PUNCT)
                return tok, subject or None
            if tok.text in QUOTE_CHARS or tok.text in (".", ";"):
                break
    return None


def _inverted(verb: Token, doc: Doc) -> bool:
    """A reporting clause set off after the content: ``X will happen, a reporter has claimed``.

    The verb takes no object or complement of its own and its clause opens
    with a comma.
    """
    if any(c.dep_ in ("dobj", "attr", "acomp", "xcomp", "prep", "agent") for c in verb.children):
        return False
    return _set_off(verb, doc)


def _set_off(verb: Token, doc: Doc) -> bool:
    """Whether the verb's clause opens with a comma, or just after one."""
    edge = verb.left_edge.i
    return doc[edge].text == "," or (edge > 0 and doc[edge - 1].text == ",")


#: Children by which a clause after a comma does something of its own and frames nothing.
_NOT_TRAILING = frozenset({"dobj", "attr", "acomp", "xcomp", "ccomp", "agent", "advcl"})


def _trailing(verb: Token, root: Token, doc: Doc, b: int) -> bool:
    """A reporting clause that closes the sentence after a comma, with no object or clause of its own: the
    frame of what came before it ('The rate fell to 4%, the department announced on Friday.')."""
    if verb.i < root.i or any(c.dep_ in _NOT_TRAILING for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ != "as" for c in verb.children):
        return False  # 'The levee failed, although engineers had warned.': a clause of its own, no frame
    if not _set_off(verb, doc):
        return False
    last = b - 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return verb.right_edge.i >= last


def _reporting_verb(roots: Sequence[Token], doc: Doc, a: int, b: int, text: str) -> tuple[Token, str | None] | None:
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
                return child, _subject(child)  # Russia is escalating, Marsh said
            if dep == "conj" and has_subject and (_has_content(child) or _inverted(child, doc)):
                return child, _subject(child)  # ..., an Axios reporter has claimed, citing ...
            if dep == "advcl" and child.tag_ == "VBG" and not has_subject and _has_content(child):
                return child, _subject(root)  # X issued a rebuke, warning Paris: "..."
            if dep == "advcl" and has_subject and _trailing(child, root, doc, b):
                return child, _subject(child)  # The rate fell to 4%, the department announced on Friday.
    return _after_quote(doc, a, b, text)


def _speech_act(roots: Sequence[Token]) -> str | None:
    """The lemma of a verb of saying that heads the sentence with a subject but reports no clause ('Trump
    demanded an investigation', 'Democrats accused him of lying'), or is joined to its head ('... and
    said it could go down as the biggest scandal')."""
    lexicon = speech_acts()
    for root in roots:
        if root.pos_ != "VERB":
            continue
        subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
        for verb in (root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB")):
            if verb.lemma_ in lexicon and (subject or any(c.dep_ == "nsubj" for c in verb.children)):
                return str(verb.lemma_)
    return None


def sentence_facts(
    doc: Doc, a: int, b: int, *, roots: Sequence[Token] | None = None, text: str | None = None
) -> tuple[bool, str | None, str | None, tuple[int, int] | None, int | None]:
    """``(negated, report_verb, report_subject, content, verb_at)`` for the sentence ``doc[a:b]``.

    ``content`` is the token range of what a reported sentence reports
    (:func:`.frames.content_range`), ``None`` for a sentence without a frame;
    ``verb_at`` the reporting verb's token (``None`` for 'according to').
    ``roots`` (the tokens whose head lies outside the sentence) and ``text``
    (the sentence's text) are computed when not given.
    """
    if roots is None:
        roots = _roots(doc, a, b)
    if text is None:
        text = doc[a:b].text
    if not roots:
        return False, None, None, None, None
    found = _reporting_verb(roots, doc, a, b, text)
    verb = found[0] if found else None
    main = verb if verb is not None and verb.dep_ == "ROOT" else roots[0]
    negated = _is_negated(main)
    if not negated and verb is not None:
        negated = any(c.dep_ in ("ccomp", "xcomp") and _is_negated(c) for c in verb.children)
    if found is not None:
        return negated, found[0].lemma_, found[1], content_range(doc, a, b, found[0], None), found[0].i
    to = _according_to(doc, a, b, text)
    if to is not None:
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        subject = _subtree_text(source) if source is not None else None
        return negated, "say", subject, content_range(doc, a, b, None, to), None
    return negated, None, None, None, None
