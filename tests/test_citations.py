"""Cited sources: the outlets, agencies, people and documents an article says it draws on."""

from __future__ import annotations

import pytest

from newsprism.model import Article, Citation, Mention, Span
from newsprism.nlp.citations import find_citations, news_outlets
from newsprism.nlp.models import Models

from .conftest import seed_article


def citations_of(models: Models, article: Article) -> tuple[Citation, ...]:
    doc = models.nlp(article.text)
    mentions = [Mention(Span.of(article, e.start_char, e.end_char), e.label_) for e in doc.ents]
    return find_citations(doc, article, mentions)


def cited(models: Models, text: str) -> list[tuple[str, str]]:
    article = Article(id="t", text=text)
    found = citations_of(models, article)
    for c in found:
        assert text[c.span.start : c.span.end] == c.span.text
    return [(c.name, c.cue) for c in found]


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("000", {"Axios", "Michael McCaul", "Bloomberg"}),
        ("001", {"Politico", "The Guardian"}),
        ("002", {"UN"}),
        ("003", {"The Times"}),
        ("004", {"Politico"}),
    ],
)
def test_seed_cited_sources(seed_articles: list, models: Models, prefix: str, names: set[str]) -> None:
    article = seed_article(seed_articles, prefix)
    found = citations_of(models, article)
    assert {c.name for c in found} == names
    for c in found:
        assert article.text[c.span.start : c.span.end] == c.span.text


def test_seed_cues_and_spans(seed_articles: list, models: Models) -> None:
    a000 = citations_of(models, seed_article(seed_articles, "000"))
    assert ("Axios", "claimed") in [(c.name, c.cue) for c in a000]  # "an Axios reporter has claimed"
    mccaul = [c for c in a000 if c.name == "Michael McCaul"]
    assert [(c.span.text, c.cue) for c in mccaul] == [("Michael McCaul", "citing")]  # "Congressman" stripped
    assert ("Bloomberg", "quoted") in [(c.name, c.cue) for c in a000]
    a001 = citations_of(models, seed_article(seed_articles, "001"))
    assert {(c.name, c.cue) for c in a001} == {
        ("Politico", "reported"),
        ("Politico", "told"),
        ("The Guardian", "reported"),
    }
    assert [c.span.text for c in a001 if c.name == "The Guardian"] == ["The Guardian"]
    a002 = citations_of(models, seed_article(seed_articles, "002"))
    assert [(c.span.text, c.cue) for c in a002] == [("UN", "according to")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks collapsed on Friday, Reuters reported.", [("Reuters", "reported")]),
        ("The deal is off, according to the Financial Times.", [("The Financial Times", "according to")]),
        ("Casualties rose sharply, according to the UN.", [("UN", "according to")]),
        ("The minister resigned, an official told the BBC.", [("BBC", "told")]),
        ("The plan was first reported by Axios on Monday.", [("Axios", "reported")]),
        ("Prices will rise, a Bloomberg reporter has claimed.", [("Bloomberg", "claimed")]),
        ("The Wall Street Journal reported that the company cut jobs.", [("The Wall Street Journal", "reported")]),
        ("He spoke in an interview with CNN on Sunday.", [("CNN", "interview")]),
        ("Troops were moved, citing Senator Lindsey Graham.", [("Lindsey Graham", "citing")]),
        ("He had two prior convictions, according to court documents.", [("court documents", "according to")]),
        ("Turnout fell, according to a Pew Research Center survey.", [("Pew Research Center", "according to")]),
        ("Prices rose 5 per cent last year, per Reuters.", [("Reuters", "per")]),
        # outlets the tagger misses, and a network named through its show
        ("Clinton told The Hollywood Reporter that her assessment still stands.", [("The Hollywood Reporter", "told")]),
        ("Haley said on Fox & Friends Tuesday that the sanctions would work.", [("Fox & Friends", "said")]),
        ("Cruz dismissed the tweets during an interview on ABC's This Week.", [("ABC", "interview")]),
        ("In an interview with FoxNews.com, DeLay attacked the indictment.", [("FoxNews.com", "interview")]),
        ("“It is unfair,” Ajjawi's friend Selah Chehade said to DailyMail.com.", [("DailyMail.com", "said")]),
        ('The AP adds: "Egypt plans to start shuttling between the delegations."', [("AP", "adds")]),
        ("The CDC later confirmed to CNN that it is only interested in one flight.", [("CNN", "confirmed")]),
    ],
)
def test_cited_source_shapes(models: Models, text: str, expected: list[tuple[str, str]]) -> None:
    assert cited(models, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The plan is nearly final, Politico's rival said, citing unnamed officials.",
        "No decision has been made, according to a person familiar with the talks.",
        "“We are working on it,” Blinken said on Tuesday.",
        "A Pentagon spokesperson declined to comment.",
        "“It is a polarizing position,” said Dwight Hill, a partner at the firm.",
        "“This has been the most important moment of my life,” the senator told reporters.",
        # a law cited as a reason is no source of reporting
        "Officials have also cited the Posse Comitatus Act as a complicating factor.",
    ],
)
def test_not_cited_sources(models: Models, text: str) -> None:
    assert cited(models, text) == []


def test_outlet_list_is_curated_data() -> None:
    outlets = news_outlets()
    assert {"Reuters", "Associated Press", "AFP", "Axios", "Politico", "The Guardian", "The Times"} <= outlets
    assert "Hill" not in outlets  # "The Hill" must not make every Mr Hill an outlet


def test_a_source_named_in_an_embedded_post_is_the_posts(models: Models) -> None:
    post = "Big story tonight, according to Fox News. Watch! — Donald J. Trump (@realDonaldTrump) May 3, 2018"
    assert cited(models, f"The president posted late on Thursday.\n\n{post}\n\nHe left for Ohio.") == []
    assert cited(models, "The report aired on Thursday, according to Fox News.") == [("Fox News", "according to")]
