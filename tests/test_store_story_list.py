"""The store's story list: summaries written with the stories, and every filter, order and page of a query."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from newsprism.listing import StoryQuery, summarize
from newsprism.model import Article, Claim, Genre, LeanCoverage, Story
from newsprism.store import SQLiteStore
from newsprism.store.sqlite import MIGRATIONS

OPINION = Genre("opinion", "labelled opinion by the outlet", 0.97)


def _corpus() -> tuple[list[Article], list[Story]]:
    """Four stories: a flood told by three outlets (one twice, one a reprint), a strike told by two, a budget
    column and a lone item."""
    a = [
        Article("f1", "Floodwater reached the old bridge in Riverton on Monday, the mayor said.", title="River floods Riverton",
                outlet="Valley Courier", published="2025-03-10T08:00:00Z", lean="left"),
        Article("f2", "Riverton's mayor Helen Marsh ordered the lower town evacuated as the river rose.",
                title="Riverton evacuates", outlet="Valley Courier - Local", published="2025-03-11", lean="left"),
        Article("f3", "Floodwater reached the old bridge in Riverton on Monday, the mayor said. (Valley Courier)", outlet="Hill Gazette",
                published="2025-03-11", duplicate_of="f1", lean="right"),
        Article("f4", "The river crested overnight and began to fall, engineers told Sam Porter.", outlet="Plains Herald",
                published="2025-03-12", lean="center"),
        Article("s1", "Dock workers walked out at midnight after pay talks failed.", title="Dockers strike",
                outlet="Harbour Times", published="2025-04-02", lean="left"),
        Article("s2", "The port's dock workers struck for a second day over pay.", outlet="Plains Herald",
                published="2025-04-03", lean="center"),
        Article("b1", "The city's budget leans on a tax nobody voted for.", title="A budget of tricks", outlet="Hill Gazette",
                published="2025-05-01", genre=OPINION, lean="right"),
        Article("b2", "Council members argued that the budget tax was never put to voters.", outlet="Valley Courier",
                published="2025-05-02", genre=OPINION, lean="left"),
        Article("x1", "A council in Paris approved a library budget on Monday, its clerk said.", outlet="Paris Post"),
    ]  # fmt: skip
    claim = Claim("c1", "Floodwater reached the old bridge", ())
    stories = [
        Story("st1", "River floods Riverton", ("f1", "f2", "f3", "f4"), claims=(claim, claim),
              lean=LeanCoverage(left=1, center=1, right=1)),
        Story("st2", "Dockers strike", ("s1", "s2"), lean=LeanCoverage(left=1, center=1, blindspot_for="right")),
        Story("st3", "A budget of tricks", ("b1", "b2"), lean=LeanCoverage(left=1, right=1)),
        Story("st4", "Paris library budget", ("x1",)),
    ]  # fmt: skip
    return a, stories


@pytest.fixture()
def store(tmp_path: Path) -> SQLiteStore:
    articles, stories = _corpus()
    s = SQLiteStore(tmp_path / "corpus.db")
    s.add_articles(articles)
    s.save_analysis(articles, stories)
    return s


def _ids(store: SQLiteStore, **ask: object) -> list[str]:
    return [s.id for s in store.find_stories(StoryQuery(**ask)).stories]  # type: ignore[arg-type]


def test_a_summary_counts_outlets_once_and_a_reprint_as_its_original() -> None:
    articles, stories = _corpus()
    flood = summarize(stories[0], {a.id: a for a in articles})
    # Valley Courier's two sections are one outlet; the Hill Gazette reprint of f1 counts as Valley Courier
    assert (flood.articles, flood.outlets, flood.claims) == (4, 2, 2)
    assert (flood.first_day, flood.last_day) == ("2025-03-10", "2025-03-12")
    assert [v for v, _ in flood.voices] == ["valley courier", "hill gazette", "plains herald"]
    assert flood.voices[0][1] == "Valley Courier", "an outlet is named as its first article names it"
    column = summarize(stories[2], {a.id: a for a in articles})
    assert (column.news, column.opinion, column.opinion_only) == (0, 2, True)
    lone = summarize(stories[3], {a.id: a for a in articles})
    assert (lone.first_day, lone.lean, lone.outlets) == (None, None, 1)


def test_singles_are_hidden_unless_asked_for_and_the_default_order_is_by_size(store: SQLiteStore) -> None:
    assert _ids(store) == ["st1", "st2", "st3"]
    page = store.find_stories(StoryQuery(singles=True))
    assert [s.id for s in page.stories] == ["st1", "st2", "st3", "st4"] and page.total == 4
    assert page.stories[0] == summarize(_corpus()[1][0], {a.id: a for a in _corpus()[0]}), "read back whole"


def test_words_are_found_in_any_article_of_the_story(store: SQLiteStore) -> None:
    assert _ids(store, text="evacuated") == ["st1"]  # in f2's text, not the story's title
    assert _ids(store, text="dock workers") == ["st2"]
    assert _ids(store, text="budget", singles=True) == ["st3", "st4"]
    assert _ids(store, text="budget Paris", singles=True) == ["st4"], "every word must be found"
    assert _ids(store, text='budget" OR NOT "x') == [], "query syntax is read as words"
    assert _ids(store, text="?!") == []


def test_outlet_lean_blindspot_genre_and_outlet_count_filters(store: SQLiteStore) -> None:
    assert _ids(store, outlet="Plains Herald") == ["st1", "st2"]
    assert _ids(store, outlet="  valley COURIER - Opinion ") == ["st1", "st3"], "an outlet however it is written"
    assert _ids(store, outlet="Nowhere Daily") == []
    assert _ids(store, lean="right") == ["st1", "st3"]
    assert _ids(store, lean="center") == ["st1", "st2"]
    assert _ids(store, blindspot="any") == ["st2"] and _ids(store, blindspot="right") == ["st2"]
    assert _ids(store, blindspot="left") == []
    assert _ids(store, genre="opinion") == ["st3"] and _ids(store, genre="news") == ["st1", "st2"]
    assert _ids(store, min_outlets=2) == ["st1", "st2", "st3"] and _ids(store, min_outlets=3) == []
    assert _ids(store, lean="left", genre="news", text="river") == ["st1"], "every filter must hold"


def test_a_date_range_keeps_stories_with_articles_inside_it(store: SQLiteStore) -> None:
    assert _ids(store, since=date(2025, 3, 12), until=date(2025, 4, 2)) == ["st1", "st2"]
    # the flood runs from the 10th to the 12th: the 11th holds two of its articles, a range between its
    # first and last days that holds none of them does not keep it
    assert _ids(store, since=date(2025, 3, 11), until=date(2025, 3, 11)) == ["st1"]
    assert _ids(store, since=date(2025, 4, 1), until=date(2025, 4, 1)) == []
    assert _ids(store, since=date(2025, 4, 3)) == ["st2", "st3"]
    assert _ids(store, until=date(2025, 3, 9)) == []
    assert _ids(store, since=date(2000, 1, 1), singles=True) == ["st1", "st2", "st3"], "an undated story is out"


def test_orders_and_pages(store: SQLiteStore) -> None:
    assert _ids(store, sort="newest", singles=True) == ["st3", "st2", "st1", "st4"], "undated last"
    assert _ids(store, sort="outlets") == ["st1", "st2", "st3"]
    first = store.find_stories(StoryQuery(singles=True, per_page=3))
    assert [s.id for s in first.stories] == ["st1", "st2", "st3"] and (first.pages, first.first, first.last) == (2, 1, 3)
    second = store.find_stories(StoryQuery(singles=True, per_page=3, page=2))
    assert [s.id for s in second.stories] == ["st4"] and (second.first, second.last, second.total) == (4, 4, 4)
    beyond = store.find_stories(StoryQuery(page=9))
    assert beyond.stories == () and beyond.total == 3 and (beyond.first, beyond.last) == (0, 0)


def test_the_outlets_of_the_corpus_come_with_the_stories_they_cover(store: SQLiteStore) -> None:
    outlets = {o.voice: (o.name, o.stories) for o in store.find_stories(StoryQuery()).outlets}
    assert outlets["valley courier"] == ("Valley Courier", 2) and outlets["plains herald"] == ("Plains Herald", 2)
    assert outlets["paris post"] == ("Paris Post", 1)
    assert not any(v.startswith("#") for v in outlets), "an article without an outlet names no outlet"


def test_reprints_of_an_absent_original_are_one_voice_as_on_the_story_page() -> None:
    """Two outlets reprinting one wire piece that is not in the story speak for that piece: the list counts
    them as the story page and the matrix do."""
    from newsprism.model import Report
    from newsprism.report.view import build_view

    wire = "Floodwater reached the old bridge in Riverton on Monday, the mayor said."
    articles = [
        Article("r1", wire + " (Hill Gazette)", outlet="Hill Gazette", duplicate_of="wire-1"),
        Article("r2", wire + " (Plains Herald)", outlet="Plains Herald", duplicate_of="wire-1"),
        Article("o1", "Engineers said the river crested overnight in Riverton.", outlet="Valley Courier"),
        Article("n1", "A reader's note on the Riverton flood, with no outlet named."),
    ]
    story = Story("st1", "River floods Riverton", ("r1", "r2", "o1", "n1"))
    summary = summarize(story, {a.id: a for a in articles})
    view = build_view(Report(articles=tuple(articles), stories=(story,))).stories[0]
    from newsprism.report.view import Utf16, _independent, _Resolver

    assert summary.outlets == _independent(story.article_ids, _Resolver(view.articles, Utf16())) == 3
    assert [name for _, name in summary.voices] == ["Hill Gazette", "Plains Herald", "Valley Courier"]


def test_stories_kept_before_the_story_list_get_summaries_when_the_store_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    articles, stories = _corpus()
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_stories(stories)
    # back to the schema before the story list: its tables dropped, its migration unrecorded
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE story_index; DROP TABLE story_outlets;"
        f"DELETE FROM schema_migrations WHERE version = {len(MIGRATIONS)};"
    )
    db.close()
    with SQLiteStore(path) as store:
        assert store.version == len(MIGRATIONS)
        assert _ids(store, lean="right") == ["st1", "st3"]
        flood = store.find_stories(StoryQuery()).stories[0]
        assert (flood.articles, flood.outlets, flood.first_day) == (4, 2, "2025-03-10")
