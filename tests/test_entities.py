"""Entity mentions: spaCy's entities trimmed to the name, labels kept."""

from __future__ import annotations

import pytest

from newsprism.model import Article, Mention
from newsprism.nlp.entities import ENTITY_LABELS, extract_mentions, fold, trim_name
from newsprism.nlp.models import Models

from .conftest import seed_article


def mentions_in(models: Models, text: str) -> tuple[Mention, ...]:
    return extract_mentions(models.nlp(text), Article(id="t", text=text))


@pytest.fixture(scope="module")
def seed_mentions(seed_articles: list, models: Models) -> dict[str, tuple[Mention, ...]]:
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        article = seed_article(seed_articles, prefix)
        out[prefix] = extract_mentions(models.nlp(article.text), article)
    return out


def test_every_seed_mention_is_exact_and_trimmed(seed_articles: list, seed_mentions: dict) -> None:
    for prefix, mentions in seed_mentions.items():
        text = seed_article(seed_articles, prefix).text
        assert len(mentions) > 30
        for m in mentions:
            assert text[m.span.start : m.span.end] == m.span.text
            assert m.label in ENTITY_LABELS
            assert not m.span.text.lower().startswith("the ")
            assert not m.span.text.endswith(("’s", "'s", ",", " "))


def test_seed_names_and_labels(seed_articles: list, seed_mentions: dict) -> None:
    text = seed_article(seed_articles, "000").text
    found = {(m.span.text, m.label) for m in seed_mentions["000"]}
    assert {("Antony Blinken", "PERSON"), ("Michael McCaul", "PERSON"), ("Joe Biden", "PERSON")} <= found
    # "Vladimir Zelensky’s chief of staff": the possessive is cut off
    start = text.index("Vladimir Zelensky’s chief")
    assert any(m.span.start == start and m.span.text == "Vladimir Zelensky" for m in seed_mentions["000"])
    found = {(m.span.text, m.label) for m in seed_mentions["001"]}
    assert ("Army Tactical Missile Systems", "ORG") in found
    assert ("Storm Shadow", "PRODUCT") in found


def test_title_words_are_not_organisations(seed_mentions: dict) -> None:
    # spaCy tags "State" in "Secretary of State Antony Blinken" and "Defense" in "Defense Minister" as ORG.
    for prefix in ("000", "001", "003", "004"):
        assert not any(m.span.text in ("State", "Defense") for m in seed_mentions[prefix]), prefix


def test_trimming_own_cases(models: Models) -> None:
    mentions = mentions_in(models, "Officials at the Pentagon's press office met the White House’s lawyers in Paris.")
    texts = [m.span.text for m in mentions]
    assert "Pentagon" in texts and "White House" in texts and "Paris" in texts
    assert all(not t.startswith("the ") and not t.endswith("s") for t in texts if t != "Paris")


def test_trim_name() -> None:
    text = "met the Pentagon’s chief, and “U.S.” officials (the allies’) as well"
    s = text.index("the Pentagon’s")
    assert text[slice(*trim_name(text, s, s + len("the Pentagon’s")))] == "Pentagon"
    s = text.index("“U.S.”")
    assert text[slice(*trim_name(text, s, s + len("“U.S.”")))] == "U.S."
    s = text.index("the allies’")
    assert text[slice(*trim_name(text, s, s + len("the allies’)")))] == "allies"
    two_lines = "Read more\nKremlin"
    assert two_lines[slice(*trim_name(two_lines, 0, len(two_lines)))] == "Read more"


def test_fold() -> None:
    assert fold("U.S.") == "us"
    assert fold("Türkiye") == "turkiye"
    assert fold("Khamene’i") == "khamenei"
