"""Numbers as news writes them: number words and scales, currencies, units of measure.

Reads a run of number tokens ("61 billion", "two hundred", "3,000",
"twenty-five", "a dozen") into its value and the precision it is written
with, and finds the upper end of a range ("10 to 20"). What a figure
counts, and how it is bounded, is :mod:`.quantities`' business.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CURRENCY_SIGNS",
    "CURRENCY_WORDS",
    "MEASURES",
    "PERCENT",
    "SCALES",
    "TENS",
    "UNITS",
    "VAGUE",
    "WORD_VALUES",
    "digits",
    "group_value",
    "is_number",
    "number_groups",
    "number_value",
    "plausible_year",
    "range_end",
]

WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
SCALES = {
    "dozen": 12.0,
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
#: Words that make a figure vague rather than a count ('dozens of', 'hundreds of').
VAGUE = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 9999.0)}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "a$": "AUD", "c$": "CAD"}
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "yuan": "CNY", "yen": "JPY", "rupee": "INR", "ruble": "RUB"}
PERCENT = frozenset({"%", "percent", "pct"})
#: Measures, as (canonical unit, factor to it): '85 miles' and '135 kilometres' compare.
MEASURES = {
    "mile": ("km", 1.609344),
    "kilometer": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "km": ("km", 1.0),
    "meter": ("km", 0.001),
    "metre": ("km", 0.001),
    "foot": ("km", 0.0003048),
    "feet": ("km", 0.0003048),
    "yard": ("km", 0.0009144),
    "pound": ("kg", 0.45359237),
    "lb": ("kg", 0.45359237),
    "kilogram": ("kg", 1.0),
    "kg": ("kg", 1.0),
    "ton": ("kg", 907.18474),
    "tonne": ("kg", 1000.0),
    "acre": ("ha", 0.40468564),
    "hectare": ("ha", 1.0),
    "gallon": ("l", 3.785411784),
    "liter": ("l", 1.0),
    "litre": ("l", 1.0),
    "barrel": ("barrel", 1.0),
}


def number_value(text: str) -> float | None:
    """The value of one number token ('3,000', '7.8', 'twelve', 'dozens', 'a'), or ``None``."""
    word = text.lower().replace(",", "")
    if word in ("a", "an"):
        return 1.0
    if word in WORD_VALUES:
        return float(WORD_VALUES[word])
    try:
        return float(word)
    except ValueError:
        return None


def is_number(tok: Token) -> bool:
    low = tok.lower_
    if low in SCALES and tok.i > 0 and is_number(tok.doc[tok.i - 1]):
        return True
    if low in ("a", "an"):
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (nxt.lower_ in SCALES or nxt.lemma_.lower() in MEASURES)  # 'a dozen', 'a mile'
    if low == "one":  # too common alone ('one of the'); a number in 'one million', 'twenty-one'
        doc = tok.doc
        after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        tens = tok.i >= 2 and doc[tok.i - 1].text in ("-", "–") and doc[tok.i - 2].lower_ in TENS
        return after in SCALES or tens
    return number_value(tok.text) is not None and (tok.like_num or low in WORD_VALUES)


def number_groups(doc: Doc) -> list[list[Token]]:
    """Runs of number tokens: '61 billion', 'two hundred', '3,000', 'twenty-five' (one group, 25).

    A year ends a run: 'in 2019 14 people died' is a year and a count.
    """
    out: list[list[Token]] = []
    current: list[Token] = []
    for tok in doc:
        if not is_number(tok):
            hyphen = tok.text in ("-", "–") and current and current[-1].lower_ in TENS
            if hyphen and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in UNITS:
                continue  # 'twenty-five': the hyphen joins the two words
            if current:
                out.append(current)
            current = []
            continue
        joined = current and (tok.i == current[-1].i + 1 or (tok.i == current[-1].i + 2 and tok.lower_ in UNITS))
        if joined and not _year_like(tok) and not _year_like(current[-1]):
            current.append(tok)
            continue
        if current:
            out.append(current)
        current = [tok]
    if current:
        out.append(current)
    return out


TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


def _year_like(tok: Token) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and plausible_year(int(tok.text))


def plausible_year(number: int) -> bool:
    """A four-digit number news means as a year; others are times ('1143') or counts more often."""
    return 1800 <= number < 2100


def group_value(group: Sequence[Token]) -> float | None:
    total = 0.0
    current: float | None = None
    for tok in group:
        low = tok.lower_
        if low in SCALES and current is not None:
            current *= SCALES[low]
            if SCALES[low] >= 1e3:
                total += current
                current = None
            continue
        value = number_value(tok.text)
        if value is None:
            return None
        current = value if current is None else current + value
    first = group[0]
    before = first.doc[first.i - 2 : first.i]
    if len(before) == 2 and before[1].text in ("-", "–") and before[0].lower_ == "half":
        return (total + (current or 0.0)) / 2  # 'a half-dozen'
    return total + (current or 0.0)


def digits(group: Sequence[Token]) -> int:
    """Digits as written, the precision of the figure: 2 for '2.1 million', 4 for '3,000', 7 for '2,438,000'."""
    text = next((t.text for t in group if any(c.isdigit() for c in t.text)), "")
    if not text:  # spelled out: 'one million' is as precise as its words, one digit
        return max(1, len(f"{group_value(group) or 0.0:.0f}".strip("0")))
    kept = "".join(c for c in text if c.isdigit()).lstrip("0")
    return max(1, len(kept))


def range_end(last: Token) -> tuple[float, Token] | None:
    """The upper end of a range and its token: 'between 10 and 20', '10 to 20'."""
    doc = last.doc
    for child in last.children:
        if child.dep_ == "conj" and child.like_num and child.i == last.i + 2:
            cc = doc[last.i + 1]
            value = number_value(child.text)
            if cc.lower_ in ("and", "to") and value is not None:
                return value, child
    before = doc[last.i - 1].lower_ if last.i > 0 else ""
    joiners = ("to", "-", "–", "and") if before == "between" else ("to", "-", "–")
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ in joiners and doc[last.i + 2].like_num:
        value, low = number_value(doc[last.i + 2].text), number_value(last.text)
        if value is not None and low and low < value <= 10 * low and before not in ("by", "from"):
            return value, doc[last.i + 2]  # '10 to 20', not 'revised up by 8,000 to 2,438,000'
    return None
