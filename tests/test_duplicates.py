"""Reprints and syndicated copies: MinHash near-duplicates on real-looking news text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.clean import clean_article
from newsprism.compare.duplicates import mark_duplicates, shingles
from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import Article

MULTISTORY = Path(__file__).parent / "fixtures" / "multistory"

WIRE = (
    "Port workers on the east coast walked out at midnight on Monday after talks between the longshoremen's "
    "union and the shipping companies broke down over pay and automation, halting the unloading of container "
    "ships at more than a dozen ports.\n\n"
    "The union said the companies had offered a 50% wage rise over six years but refused to rule out "
    "automated cranes. The shipping group said it had made a fair offer and was ready to resume talks.\n\n"
    '"We are not going back until our jobs are protected," the union\'s president told reporters outside the '
    "terminal in Newark. Economists estimate the strike could cost the economy several billion dollars a day.\n\n"
    "Retailers have warned that a long stoppage would delay goods before the holiday season, and farm groups "
    "said perishable exports such as fruit and meat were already piling up on the docks."
)

REPRINT = (
    WIRE.replace("walked out at midnight on Monday", "went on strike at midnight on Monday")
    + "\n\nThis story was originally published by Harbour Wire and is reproduced with permission."
)

SAME_EVENT = (
    "Cranes stood idle and lorries queued outside the gates of the Port of Baltimore on Tuesday, the first full "
    "day of a dockworkers' strike that has shut ports from Maine to Texas.\n\n"
    "Dock workers picketing in the rain said automation was the sticking point. One crane operator, who has "
    "worked at the port for 22 years, said he feared machines would take his son's job.\n\n"
    "The White House urged both sides to return to the table but said it would not use emergency powers to end "
    "the stoppage. Shipping lines began adding surcharges for cargo bound for the affected ports, and some "
    "carmakers said they were diverting vehicles to the West Coast."
)


@pytest.fixture(scope="module")
def multistory() -> list[Article]:
    settings = Settings()
    read = [a for a in read_inputs([MULTISTORY], settings=settings) if isinstance(a, Article)]
    return [clean_article(a, settings=settings) for a in read]


def marks(articles: list[Article]) -> dict[str, str | None]:
    return {a.id: a.duplicate_of for a in mark_duplicates(articles, settings=Settings())}


def test_reworded_copy_with_credit_line_is_a_duplicate() -> None:
    original = Article("wire", WIRE, published="2024-10-01T06:00:00+00:00")
    copy = Article("paper", REPRINT, published="2024-10-01T09:30:00+00:00")
    assert marks([original, copy]) == {"wire": None, "paper": "wire"}


def test_two_articles_on_the_same_event_are_not_duplicates() -> None:
    assert marks([Article("wire", WIRE), Article("local", SAME_EVENT)]) == {"wire": None, "local": None}


def test_original_is_the_earliest_published_whatever_the_input_order() -> None:
    # 09:30+02:00 is 07:30 UTC: later than the copy's 07:00 UTC despite the smaller local hour.
    late = Article("late", WIRE, published="2024-10-01T09:30:00+02:00")
    early = Article("early", REPRINT, published="2024-10-01T07:00:00+00:00")
    assert marks([late, early]) == {"late": "early", "early": None}


def test_undated_copies_point_at_the_first_in_input_order() -> None:
    third = REPRINT.replace("told reporters outside", "said outside")
    result = marks([Article("a", WIRE), Article("b", REPRINT), Article("c", third)])
    assert result == {"a": None, "b": "a", "c": "a"}


def test_short_texts_are_never_called_copies() -> None:
    brief = "Port workers walked out at midnight on Monday after talks broke down over pay and automation."
    assert marks([Article("a", brief), Article("b", brief)]) == {"a": None, "b": None}


def test_an_existing_mark_is_kept() -> None:
    marked = Article("b", REPRINT, duplicate_of="elsewhere")
    assert marks([Article("a", WIRE), marked])["b"] == "elsewhere"


def test_multistory_reprint_found_and_nothing_else(multistory: list[Article]) -> None:
    result = marks(multistory)
    assert len(result) == 8
    assert {k: v for k, v in result.items() if v} == {"earnings_valley_courier_reprint": "earnings_market_ledger"}


def test_reprint_marked_even_when_it_comes_first(multistory: list[Article]) -> None:
    result = marks(list(reversed(multistory)))
    assert result["earnings_valley_courier_reprint"] == "earnings_market_ledger"
    assert result["earnings_market_ledger"] is None


def test_seed_articles_are_not_duplicates_of_each_other(seed_articles: list[Article]) -> None:
    assert all(v is None for v in marks(seed_articles).values())


def test_shingles_are_order_sensitive_and_deduplicated() -> None:
    words = ["the", "dam", "has", "failed", "again", "the", "dam", "has", "failed", "again"]
    hashes = shingles(words)
    assert hashes.dtype == np.uint32
    assert len(hashes) == 5  # six 5-grams, the first and last equal
    reordered = shingles(["again", "the", "dam", "has", "failed", "the", "dam", "has", "failed", "again"])
    assert set(hashes.tolist()) != set(reordered.tolist())
    assert len(shingles([])) == 0
