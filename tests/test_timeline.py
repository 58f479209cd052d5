"""Timeline: dated events merged across articles, with support spans."""

from __future__ import annotations

import re

import pytest

from newsprism.compare.timeline import build_timeline, event_text
from newsprism.model import Annotations, Article, Claim, DateMention, Quote, Sentence, Span
from newsprism.nlp.debris import is_debris


def span(article: Article, needle: str) -> Span:
    start = article.text.index(needle)
    return Span.of(article, start, start + len(needle))


def annotate(article: Article, dates: dict[str, str]) -> Annotations:
    """Sentences split on '. ' (not before a number) and the given date phrases resolved."""
    sents = tuple(
        Sentence(Span.of(article, m.start(), m.start() + len(m.group().rstrip())))
        for m in re.finditer(r"(?:[^.]|\.(?=\s\d))+\.\s*", article.text)
    )
    grain = {10: "day", 7: "month", 4: "year"}
    mentions = tuple(DateMention.of(span(article, phrase), date, grain[len(date)]) for phrase, date in dates.items())
    return Annotations(article.id, sentences=sents, dates=mentions)


@pytest.fixture()
def story():
    a = Article(
        "a",
        "The ministers met in the capital on Wednesday. The leaders will meet on Friday. "
        "Rockets hit the port in May. Another war flared on Monday.",
    )
    b = Article("b", "On Sept. 11, the two ministers met in the capital. A drone hit a depot on Tuesday.")
    c = Article("c", "Both leaders are due to meet at the White House on September 13 to talk.")
    anns = [
        annotate(a, {"Wednesday": "2024-09-11", "Friday": "2024-09-13", "May": "2024-05", "Monday": "2024-09-09"}),
        annotate(b, {"Sept. 11": "2024-09-11", "Tuesday": "2024-09-10"}),
        annotate(c, {"September 13": "2024-09-13"}),
    ]
    claims = [
        Claim(
            "s1-c1",
            "ministers met",
            (
                span(a, "The ministers met in the capital on Wednesday."),
                span(b, "On Sept. 11, the two ministers met in the capital."),
            ),
        ),
        Claim(
            "s1-c2",
            "leaders meet",
            (
                span(a, "The leaders will meet on Friday."),
                span(c, "Both leaders are due to meet at the White House on September 13 to talk."),
            ),
        ),
        Claim("s1-c3", "war", (span(a, "Another war flared on Monday."),), off_topic=True),
    ]
    return [a, b, c], anns, claims


def test_events_merge_across_articles_and_sort_by_date(story) -> None:
    articles, anns, claims = story
    timeline = build_timeline(articles, anns, claims)
    assert [(e.date, sorted({s.article for s in e.support})) for e in timeline] == [
        ("2024-05", ["a"]),
        ("2024-09-10", ["b"]),
        ("2024-09-11", ["a", "b"]),
        ("2024-09-13", ["a", "c"]),
    ]
    met = timeline[2]
    assert [s.text for s in met.support] == [
        "The ministers met in the capital on Wednesday.",
        "On Sept. 11, the two ministers met in the capital.",
    ]
    assert met.text in {s.text for s in met.support}
    for entry in timeline:
        for s in entry.support:
            assert next(a for a in articles if a.id == s.article).text[s.start : s.end] == s.text


def test_off_topic_dates_are_left_out(story) -> None:
    articles, anns, claims = story
    assert all("war" not in e.text for e in build_timeline(articles, anns, claims))


def test_word_overlap_merges_without_a_claim() -> None:
    a = Article("a", "Protesters marched through central Minsk on Sunday demanding new elections.")
    b = Article("b", "On Sunday, protesters marched through central Minsk, demanding fresh elections.")
    c = Article("c", "The central bank raised rates on Sunday.")
    anns = [
        annotate(a, {"Sunday": "2020-08-16"}),
        annotate(b, {"On Sunday": "2020-08-16"}),
        annotate(c, {"Sunday": "2020-08-16"}),
    ]
    timeline = build_timeline([a, b, c], anns, [])
    assert sorted(len(e.support) for e in timeline) == [1, 2]
    assert {s.article for s in timeline[0].support} == {"a", "b"}


def test_event_text_is_trimmed_at_a_word() -> None:
    long = "word " * 100
    short = event_text(long, 50)
    assert len(short) <= 51 and short.endswith("…") and not short.endswith(" …")
    assert event_text("  A short\nsentence. ") == "A short sentence."


@pytest.mark.slow
def test_seed_timeline(seed_report) -> None:
    story = next(s for s in seed_report.stories if len(s.article_ids) == 5)
    assert story.timeline, "the seeds have many dated events"
    dates = [e.date for e in story.timeline]
    assert dates == sorted(dates)
    # The Biden-Starmer meeting on Friday, Sept. 13, is told by several outlets.
    meeting = [e for e in story.timeline if e.date == "2024-09-13" and len({s.article for s in e.support}) >= 2]
    assert meeting
    off_topic = {s for c in story.claims if c.off_topic for s in c.support}
    for entry in story.timeline:
        assert not any(s.overlaps(o) for s in entry.support for o in off_topic)


def test_captions_quotes_ages_and_the_story_year_make_no_events() -> None:
    text = (
        "Hide Caption 12 of 73 Photos: Israeli soldiers patrol near the border on July 18. "
        "Phillips, 62, owner of the bakery, spoke to reporters. "
        "We brought this case on Monday because no one should be turned away. "
        "The couple said: “Today’s decision means the fight goes on.” "
        "A total of 4,493 people have died this year. "
        "The court ruled on Monday that the commission showed hostility."
    )
    article = Article(id="a", text=text, published="2018-06-04")
    sents = tuple(  # the caption and the speaker's sentence marked as the NLP pass marks them
        Sentence(
            Span.of(article, m.start(), m.start() + len(m.group().rstrip())),
            debris=is_debris(m.group()),
            voiced=m.group().startswith("We "),
        )
        for m in re.finditer(r"[^.]+\.\s*", text.replace("4,493", "4x493"))
    )
    mondays = [m.start() for m in re.finditer("Monday", text)]
    dates = (
        DateMention.of(span(article, "July 18"), "2018-07-18", "day"),
        DateMention.of(span(article, "62"), "1962", "year", relative=True),
        DateMention.of(span(article, "Today"), "2018-06-04", "day", relative=True, quoted=True),  # as the pass marks it
        DateMention.of(span(article, "this year"), "2018", "year", relative=True),
        *(DateMention.of(Span.of(article, p, p + 6), "2018-06-04", "day", relative=True) for p in mondays),
    )
    quote = text.index("Today’s")
    quotes = (Quote(Span.of(article, quote, text.index(".”") + 1), "the couple"),)
    ann = Annotations("a", sentences=sents, dates=dates, quotes=quotes)
    timeline = build_timeline([article], [ann], [])
    assert [(t.date, t.text) for t in timeline] == [
        ("2018-06-04", "The court ruled on Monday that the commission showed hostility.")
    ]


def test_one_event_per_sentence_at_its_most_precise_date() -> None:
    text = "Clinton said Tuesday night that she would endorse her 2016 rival if he wins."
    article = Article(id="a", text=text, published="2020-01-22")
    ann = Annotations(
        "a",
        sentences=(Sentence(Span.of(article, 0, len(text))),),
        dates=(
            DateMention.of(span(article, "Tuesday night"), "2020-01-21", "day", relative=True),
            DateMention.of(span(article, "2016"), "2016", "year"),
        ),
    )
    timeline = build_timeline([article], [ann], [])
    assert [(t.date, t.text) for t in timeline] == [("2020-01-21", text)]


def test_long_wordings_of_one_event_merge_but_shared_background_does_not() -> None:
    """Real pair (USA TODAY / Townhall, impeachment report) and a near miss (two aides' 2008 campaign work)."""
    usa = Article(
        id="usa",
        text="The House Judiciary Committee released the full report early Monday from the inquiry that led it "
        "to approve two articles of impeachment against President Donald Trump in a party-line vote last week.",
    )
    th = Article(
        id="th",
        text="The House Judiciary Committee released a 658-page report detailing the impeachment case against "
        "President Trump early Monday morning, saying that Trump has realized the worst nightmare.",
    )
    timeline = build_timeline(
        [usa, th], [annotate(usa, {"Monday": "2019-12-16"}), annotate(th, {"Monday": "2019-12-16"})], []
    )
    assert len(timeline) == 1 and {s.article for s in timeline[0].support} == {"usa", "th"}

    rice = Article(
        id="r",
        text="Rice, who first started working for Obama during his 2008 presidential campaign, "
        "has a close relationship with the president and many of his advisers.",
    )
    power = Article(
        id="p",
        text="Power is a longtime Obama adviser who worked on his 2008 presidential campaign "
        "and ran the human rights office in the White House.",
    )
    timeline = build_timeline([rice, power], [annotate(rice, {"2008": "2008"}), annotate(power, {"2008": "2008"})], [])
    assert len(timeline) == 2


def test_a_page_stamp_makes_no_event() -> None:
    """A publication stamp dates the page, not an event: two outlets stamped on one day share no event."""
    articles, anns = [], []
    for key in ("a", "b"):
        stamp = "May 3, 2013 at 7:31 AM ET" if key == "a" else "May 3, 2013 | 8:20 am"
        text = f"{stamp}\nThe quake struck Qeshm island on May 2, 2013, killing six people."
        article = Article(id=key, text=text, published="2013-05-03")
        body = text.index("The quake")
        ann = Annotations(
            key,
            sentences=(
                Sentence(Span.of(article, 0, len(stamp)), stamp=True),  # as the NLP pass marks it
                Sentence(Span.of(article, body, len(text))),
            ),
            dates=(
                DateMention.of(span(article, "May 3, 2013"), "2013-05-03", "day"),
                DateMention.of(span(article, "May 2, 2013"), "2013-05-02", "day"),
            ),
        )
        articles.append(article)
        anns.append(ann)
    timeline = build_timeline(articles, anns, [])
    assert [t.date for t in timeline] == ["2013-05-02"]
    assert all("quake" in t.text for t in timeline)


def test_a_restatement_dates_its_claims_event() -> None:
    """An article's second sentence for a claim (a restatement) joins the claim's event, as its support does,
    though the two share few words."""
    a = Article("a", "The ministers met in the capital on Wednesday. Talks in the capital followed Wednesday's dinner.")
    b = Article("b", "On Sept. 11, the two ministers met in the capital.")
    anns = [
        annotate(a, {"Wednesday": "2024-09-11", "Wednesday's": "2024-09-11"}),
        annotate(b, {"Sept. 11": "2024-09-11"}),
    ]
    claim = Claim(
        "s1-c1",
        "ministers met",
        (span(a, "The ministers met in the capital on Wednesday."), span(b, "On Sept. 11, the two ministers met in the capital.")),
        restated=(span(a, "Talks in the capital followed Wednesday's dinner."),),
    )
    timeline = build_timeline([a, b], anns, [claim])
    assert len(timeline) == 1, [(t.date, t.text) for t in timeline]
    assert {s.article for s in timeline[0].support} == {"a", "b"}
