"""Where sentences of news text may and must start: hints the parser respects.

spaCy's parser splits news text in the wrong places: it runs paragraphs
together, cuts ``“…,” Porter said`` after the quote, and stops after ``Mr`` or
``Sept.``. :func:`sentence_hints`, a pipeline component placed before the
parser, marks tokens that must (after a newline) or must not (after ``Mr``,
``Sept.``, a comma, inside ``,”``...) start a sentence; the parser respects the
``True`` marks and most of the ``False`` ones, and
:func:`~newsprism.nlp.sentences.split_sentences` re-applies the same rules
(:func:`boundary_hints`) to the parsed boundaries. A sentence that still ends
with a title abbreviation was cut before the name it titles
(:func:`cut_at_title`): it does not end.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["COMPONENT", "CUT_TITLES", "add_sentence_hints", "boundary_hints", "cut_at_title", "sentence_hints"]

COMPONENT = "newsprism_sentence_hints"

# Abbreviations after which a capitalised word continues the sentence when they are written without their period
# ("Mr Okafor", "Martin Luther King Jr Day"); with it, only :data:`NAME_TITLES` do ("Gen. Smith").
TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm"}
    | {"cmdr", "rev", "hon", "pres", "supt", "insp", "det", "brig", "cpl", "pvt", "mt", "ft", "st", "sr", "jr"}
)
#: Titles written with their period ('Mr.', or 'Sgt' '.' as the tokenizer splits it) before a name; not 'Jr.' or
#: 'Sr.', which end a name and as often a sentence ('... Martin Luther King Jr. The National Guard ...').
NAME_TITLES = TITLE_ABBREVIATIONS - {"jr", "sr"}
#: Title abbreviations that close no sentence: one that ends with them was cut before the name it titles ('As
#: Trump prepares for the trip, Puerto Rico National Guard Maj.'); not 'St.', 'Mt.' or 'Ft.', which end a place.
CUT_TITLES = NAME_TITLES - {"st", "mt", "ft"}
# Abbreviations (with their period) after which a number continues the sentence ("Sept. 11", "No. 10").
NUMBER_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "pp"}
    | {"fig", "art", "p"}
)
CLOSING_QUOTES = frozenset({"”", "’", "»", "›"})
STRAIGHT_QUOTES = frozenset({'"', "'", "''"})
CONTINUING_PUNCT = frozenset({",", ";", ":", "–", "—", "-"})
NEVER_START = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "…", "...", "%"})
INITIALISM_SHAPES = frozenset({"X.X.", "X.X.X.", "x.x.", "X.X.X.X."})  # U.S., U.K., D.C., a.m.


def _ids(strings: Iterable[str]) -> np.ndarray:
    from spacy.strings import get_string_id

    return np.array(sorted({get_string_id(s) for s in strings}), dtype=np.uint64)


@cache
def _hash_sets() -> dict[str, np.ndarray]:
    """The rule word lists as string-hash arrays, to test whole documents at once."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    return {
        "never_start": _ids(NEVER_START),
        "closing": _ids(CLOSING_QUOTES),
        "straight": _ids(STRAIGHT_QUOTES),
        "continuing": _ids(CONTINUING_PUNCT),
        "comma": _ids({",", "，"}),
        "period": _ids({"."})[0],
        "title": _ids(TITLE_ABBREVIATIONS | {t + "." for t in TITLE_ABBREVIATIONS}),
        "name_title": _ids(NAME_TITLES | {t + "." for t in NAME_TITLES}),
        "number": _ids({t + "." for t in NUMBER_ABBREVIATIONS}),
        "initial": _ids(c + "." for c in letters),
        "initialism": _ids(INITIALISM_SHAPES),
        "proper": _ids({"NNP", "NNPS"}),
    }


def boundary_hints(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """``(must_start, must_not_start)``: boolean arrays over the tokens, by the news-style rules.

    A token after a line break must start a sentence. A token must not when it
    is punctuation or a closing quote, a lower-case word, or follows a comma, a
    dash, a closing quote after a comma (``“…,” Porter said``), a title
    abbreviation before a name or another title (``Mr Okafor`` or ``MR OKAFOR``
    without the period; with it ``Mr. Okafor``, ``Sgt. Panis`` as the tokenizer
    splits it, ``Brig. Gen.``, but not after ``Jr.`` or ``Sr.``, which as often
    end a sentence), a month abbreviation before a number (``Sept. 11``), an
    initial (``John F. Kennedy``) or an initialism before a proper noun or
    number (``U.S. President``). 'St.', 'Dr.', 'Mt.' and 'Ft.' join the next
    capitalised word too: 'St. Louis' and 'Dr. Fauci' far outnumber a sentence
    ending in a street ('... Main St. Police said').
    """
    from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, IS_TITLE, LIKE_NUM, LOWER, ORTH, SHAPE, SPACY, TAG

    n = len(doc)
    must_start = np.zeros(n, dtype=bool)
    must_not = np.zeros(n, dtype=bool)
    if n < 2:
        return must_start, must_not
    h = _hash_sets()
    a = doc.to_array([ORTH, LOWER, SHAPE, TAG, SPACY, IS_SPACE, IS_LOWER, IS_ALPHA, LIKE_NUM, IS_TITLE]).astype(
        np.uint64
    )
    orth, lower, shape, tag = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    spacy_ws, space, low, alpha, num, titled = (a[:, k].astype(bool) for k in range(4, 10))
    newline = np.zeros(n, dtype=bool)
    for i in np.nonzero(space)[0].tolist():
        newline[i] = "\n" in doc[i].text
    capital = alpha & ~low
    closing = np.isin(orth, h["closing"])
    closing[1:] |= np.isin(orth[1:], h["straight"]) & ~spacy_ws[:-1] & ~space[:-1]
    prev = slice(0, n - 1)  # the token before each of tokens 1..n-1
    cur = slice(1, n)
    # a title before a name, its period in the token ('Mr.') or not ('Mr'), or the tokenizer's 'Sgt' '.'
    title = np.isin(lower, h["name_title"]) & titled
    cut_title = np.zeros(n - 1, dtype=bool)
    cut_title[1:] = title[: n - 2] & (orth[1 : n - 1] == h["period"]) & ~spacy_ws[: n - 2]
    after_space = space[prev]
    rule = (
        space[cur]
        | np.isin(orth[cur], h["never_start"])
        | closing[cur]
        | low[cur]
        | np.isin(orth[prev], h["continuing"])
        | (np.isin(lower[prev], h["title"]) & capital[prev] & capital[cur])
        | ((title[prev] | cut_title) & (capital[cur] | titled[cur]))
        | (np.isin(lower[prev], h["number"]) & num[cur])
        | (np.isin(orth[prev], h["initial"]) & capital[cur])
        | (np.isin(shape[prev], h["initialism"]) & (num[cur] | np.isin(tag[cur], h["proper"])))
    )
    # After a closing quote only a comma before it ties the next word to the quote.
    after_quote = closing[prev]
    comma_before = np.zeros(n - 1, dtype=bool)
    comma_before[1:] = np.isin(orth[: n - 2], h["comma"])
    tied = space[cur] | np.isin(orth[cur], h["never_start"]) | closing[cur] | low[cur]
    rule = np.where(after_quote, comma_before | tied, rule)
    # After same-line whitespace, only punctuation is tied to what came before.
    rule = np.where(after_space, np.isin(orth[cur], h["never_start"]) & ~newline[prev], rule)
    must_not[1:] = rule
    must_start[1:] = newline[prev] & ~space[cur]
    must_not &= ~must_start
    return must_start, must_not


def sentence_hints(doc: Doc) -> Doc:
    """Pipeline component: preset sentence starts the parser will respect."""
    from spacy.attrs import SENT_START

    must_start, must_not = boundary_hints(doc)
    if must_start.any() or must_not.any():
        values = np.where(must_start, 1, np.where(must_not, -1, 0))
        values[0] = 1
        doc.from_array([SENT_START], cast(Any, values.astype(np.uint64).reshape(-1, 1)))
    return doc


def add_sentence_hints(nlp: Language) -> None:
    """Register :func:`sentence_hints` and put it right before the parser (idempotent)."""
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(COMPONENT):
        SpacyLanguage.component(COMPONENT, func=sentence_hints)
    if COMPONENT not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe(COMPONENT, **where)  # type: ignore[arg-type]


def cut_at_title(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens ``a:b`` end with a capitalised title abbreviation and its period (:data:`CUT_TITLES`)."""
    words = [t.text for t in doc[a:b] if not t.is_space]
    if len(words) > 1 and words[-1] == ".":
        word = words[-2]
    elif words and len(words[-1]) > 1 and words[-1].endswith("."):
        word = words[-1][:-1]
    else:
        return False
    return word[:1].isupper() and word.lower() in CUT_TITLES
