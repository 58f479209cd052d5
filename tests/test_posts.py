"""Embedded social-media posts (newsprism.nlp.posts): their author's words, on real articles of the story gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.nlp.posts import embedded_posts, post_quotes
from newsprism.nlp.stance import sentence_stance
from newsprism.pipeline import prepare_articles

STORIES = Path(__file__).parent / "gold" / "stories"


def gold_article(story: str, outlet: str) -> Article:
    """One article of the story gold (text as AllSides gives it), by its outlet."""
    data = json.loads((STORIES / f"{story}.json").read_text(encoding="utf-8"))
    (item,) = [a for a in data["articles"] if a["outlet"] == outlet]
    return Article(id=item["id"], text=item["text"], outlet=outlet)


@pytest.fixture(scope="module")
def the_hill() -> Article:
    """The Hill on Trump's tweets about the payment to Stormy Daniels: three posts, each signed, in its text."""
    return gold_article("stormy-payment-2018-05-03", "The Hill")


def test_each_signed_post_is_found_with_its_author(the_hill: Article) -> None:
    text = the_hill.text
    posts = embedded_posts(text)
    assert [p.author for p in posts] == ["Donald J. Trump"] * 3
    assert [text[p.author_start : p.author_end] for p in posts] == ["Donald J. Trump"] * 3
    assert text[posts[0].start :].startswith("Mr. Cohen, an attorney, received a monthly retainer")
    assert text[posts[0].words_end : posts[0].end] == "— Donald J. Trump (@realDonaldTrump) May 3, 2018"
    assert text[posts[1].start :].startswith("...very common among celebrities")


def test_a_post_is_a_quote_of_its_words_without_the_signature_or_the_cut(the_hill: Article) -> None:
    quotes = post_quotes(the_hill)
    assert [q.speaker for q in quotes] == ["Donald J. Trump"] * 3
    first, second, third = (q.span.text for q in quotes)
    assert first.startswith("Mr. Cohen, an attorney") and first.endswith("These agreements are")  # 'are.....' cut
    assert second.startswith("very common among celebrities") and second.endswith("about an affair")
    assert third.endswith("played no roll in this transaction.")  # a full stop is the post's own
    for q in quotes:
        assert the_hill.text[q.span.start : q.span.end] == q.span.text
        assert "@" not in q.span.text


def test_a_post_headed_by_its_author_is_found_and_an_authors_note_is_not() -> None:
    guardian = gold_article("stormy-payment-2018-05-03", "The Guardian")
    (post,) = post_quotes(guardian)
    assert post.speaker == "Donald J. Trump" and post.speaker_span.text == "Donald J. Trump"
    assert post.span.text.startswith("Mr. Cohen, an attorney") and post.span.text.endswith("These agreements are")
    note = "The rally went ahead.\n\nJane Doe (@jdoe) is a senior fellow at the Institute.\n\nShe writes on law."
    linked = "Cory Booker (@CoryBooker) I’m running for president. Join me on this journey. https://t.co/Rj7Lkwz"
    assert embedded_posts(note) == []
    (booker,) = post_quotes(Article(id="a", text=linked))
    assert (booker.speaker, booker.span.text) == ("Cory Booker", "I’m running for president. Join me on this journey.")


def test_a_hyphen_in_the_post_is_no_signature_dash() -> None:
    text = "Our First-Responders are doing a great job in Puerto Rico — Donald J. Trump (@realDonaldTrump) October 1, 2017"
    (post,) = post_quotes(Article(id="a", text=text))
    assert post.speaker == "Donald J. Trump" and post.span.text == "Our First-Responders are doing a great job in Puerto Rico"


@pytest.mark.parametrize(
    "text",
    [
        # a handle after a dash in prose is no signature: a signature ends its line with the post's date
        "Democrats were furious after the vote. Among them — Rep. Ilhan Omar (@IlhanMN), who wrote that it was cruel.",
        "The suspect - a man who posted as (@jsmith) - fled on Tuesday after the shooting.",
        # a header that goes on as prose, a byline, or an author's note
        "Sen. John Smith (@SenSmith) said on Tuesday that he would vote against the bill.",
        "By Jane Doe (@janedoe) WASHINGTON — The Senate voted 52-48 on Tuesday to confirm the nominee.",
        "Jane Doe (@jdoe) — a senior fellow at the Institute, writes on law.",
    ],
)
def test_prose_with_a_handle_is_no_post(text: str) -> None:
    assert embedded_posts(text) == []


def test_a_signature_on_its_own_line_signs_only_the_line_above() -> None:
    text = "Officials toured the island.\nNot fair!\n— Donald J. Trump (@realDonaldTrump) September 30, 2017"
    (post,) = post_quotes(Article(id="a", text=text))
    assert (post.speaker, post.span.text) == ("Donald J. Trump", "Not fair!")


def test_posts_run_on_in_one_line_are_told_apart() -> None:
    text = (
        "Even CONSIDERING this nomination is wrong. — Eric Holthaus (@EricHolthaus) July 10, 2018 "
        "It’s official. — Joss Whedon (@joss) July 10, 2018"
    )
    first, second = post_quotes(Article(id="a", text=text))
    assert (first.speaker, first.span.text) == ("Eric Holthaus", "Even CONSIDERING this nomination is wrong.")
    assert (second.speaker, second.span.text) == ("Joss Whedon", "It’s official.")


def test_a_post_loses_its_links_and_its_quote_marks_stay_its_own(models: Models) -> None:
    text = (
        "The president answered within the hour.\n\n"
        "“...very common among celebrities and people of wealth. Mr. Cohen was paid.” pic.twitter.com/Vbe0BnsZNK "
        "— Donald J. Trump (@realDonaldTrump) May 3, 2018\n\n"
        "His lawyer declined to comment."
    )
    _, annotations = prepare_articles([Article(id="a", text=text, outlet="X")], settings=Settings(), models=models)
    (quote,) = annotations["a"].quotes  # the marks are the post's: one quote, Trump's
    assert quote.speaker == "Donald J. Trump"
    assert quote.span.text == "very common among celebrities and people of wealth. Mr. Cohen was paid."
    links = "Cory Booker (@CoryBooker) I’m running. https://t.co/a" + "https://t.co/b" * 40
    (booker,) = post_quotes(Article(id="b", text=links))  # links run together are cut in linear time
    assert booker.span.text == "I’m running."


def test_the_nlp_pass_reads_a_post_as_its_authors_words(models: Models, the_hill: Article) -> None:
    """The posts' sentences report Trump's words; the outlet's own sentences still state."""
    articles, annotations = prepare_articles([the_hill], settings=Settings(), models=models)
    (article,) = articles
    ann = annotations[article.id]
    posted = [q for q in ann.quotes if q.speaker == "Donald J. Trump"]
    assert len(posted) == 3
    stance = {s.span.text[:40]: sentence_stance(s, ann.quotes) for s in ann.sentences}
    assert stance["Mr. Cohen, an attorney, received a month"] == "reports"
    assert stance["In this case it is in full force and eff"] == "reports"
    assert stance["These agreements are..... — Donald J. Tr"] == "reports"  # the signature names its author
    assert stance["Giuliani’s comments were at odds with Tr"] == "states"
