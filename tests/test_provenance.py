"""Nothing is dropped silently: text plus removed pieces account for every character of the input.

The check compares multisets of non-whitespace characters: those of the raw
input, with the recorded encoding repairs applied, against those of the
cleaned text plus every other removed piece. It also checks that every kept
paragraph and removed piece is a verbatim stretch of the (repaired) input.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.clean import PARAGRAPH_SEPARATOR, clean_article, encoding_replacement, repair_encoding
from newsprism.config import Settings
from newsprism.model import Article

from .conftest import SEEDS, SHARED

SETTINGS = Settings()
ALLSIDES = SHARED / "data" / "allsides" / "articles.jsonl.gz"


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def unaccounted(raw: str, article: Article) -> tuple[dict[str, int], dict[str, int]]:
    """(characters of the input missing from text + removed, characters there that the input lacks)."""
    expected = _chars(raw)
    found = _chars(article.text)
    for removal in article.removed:
        replacement = encoding_replacement(removal)
        if replacement is None:
            found.update(_chars(removal.text))
        else:  # the input, repaired: the original piece out, what it became in
            expected.subtract(_chars(removal.text))
            expected.update(_chars(replacement))
    missing = {ch: n for ch, n in (expected - found).items() if n}
    extra = {ch: n for ch, n in (found - expected).items() if n}
    return missing, extra


def assert_accounted(raw: str, article: Article) -> None:
    missing, extra = unaccounted(raw, article)
    assert not missing and not extra, f"{article.id}: missing {missing}, unexplained {extra}"
    repaired = " ".join(repair_encoding(raw)[0].split())
    for piece in [*article.text.split(PARAGRAPH_SEPARATOR), *(r.text for r in article.removed if r.reason != "encoding")]:
        assert " ".join(piece.split()) in repaired, f"{article.id}: {piece!r} is not a stretch of the input"


def seed_files() -> list[Path]:
    return sorted(Path(SEEDS).glob("*.txt"))


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.stem[:3])
def test_seed_text_plus_removed_accounts_for_the_input(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    article = clean_article(Article(id=path.stem, text=raw), settings=SETTINGS)
    assert article.removed, "every seed carries some noise"
    assert_accounted(raw, article)


def test_seeds_through_the_reader_account_for_the_files(seed_articles: list[Article]) -> None:
    """The same through ``read_inputs``: a title the reader takes out is a removal too."""
    assert len(seed_articles) == 5
    for article in seed_articles:
        assert article.source_path is not None
        assert_accounted(Path(article.source_path).read_text(encoding="utf-8"), article)


def test_the_check_catches_a_silently_dropped_word() -> None:
    path = seed_files()[3]
    raw = path.read_text(encoding="utf-8")
    article = clean_article(Article(id=path.stem, text=raw), settings=SETTINGS)
    dropped = replace(article, text=article.text.replace("Kremlin officials said", "officials said", 1))
    assert dropped.text != article.text
    missing, extra = unaccounted(raw, dropped)
    assert missing == Counter("Kremlin") and not extra
    unrecorded = replace(article, removed=article.removed[1:])
    assert unaccounted(raw, unrecorded)[0]


def test_json_article_accounts_for_its_text_field() -> None:
    record = json.loads(
        json.dumps(
            {
                "id": "j1",
                "title": "Port strike ends after three days",
                "outlet": "Harbour Times",
                "text": "Port strike ends after three days\n\nBusiness\n\nDock workers returned to work on "
                "Thursday after the union accepted a 6% pay rise.\n\nWorkers leave the port gate on Wednesday. "
                "Photo: Harbour Times\n\nThe union said the deal was â€œfairâ€\x9d.\n\nThe union said the deal "
                "was â€œfairâ€\x9d.\n\nSign up for our free daily newsletter\n\n3 comments",
            }
        )
    )
    article = clean_article(
        Article(id=record["id"], text=record["text"], title=record["title"], outlet=record["outlet"]), settings=SETTINGS
    )
    assert article.text.split(PARAGRAPH_SEPARATOR) == [
        "Dock workers returned to work on Thursday after the union accepted a 6% pay rise.",
        "The union said the deal was “fair”.",
    ]
    assert {r.reason for r in article.removed} == {
        "repeated", "section_label", "caption", "encoding", "promo", "comment_counter"
    }
    assert_accounted(record["text"], article)


def test_real_jsonl_articles_account_for_their_text() -> None:
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 60)]
    noisy = 0
    for row in rows:
        article = clean_article(
            Article(id=row["id"], text=row["text"] or "", title=row.get("title")), settings=SETTINGS
        )
        noisy += bool(article.removed)
        assert_accounted(row["text"] or "", article)
    assert noisy >= 10
