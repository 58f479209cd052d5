"""Quote variants: renderings of one utterance grouped, compared word by word."""

from __future__ import annotations

import re

import pytest

from newsprism.compare.quote_variants import compare_renderings, group_quote_variants, word_diff
from newsprism.model import Article, Span, StoryQuote


def quotes_of(articles: dict[str, str], speakers: dict[str, str | None]) -> list[StoryQuote]:
    """Every “quoted” run in each text, with that article's speaker."""
    out = []
    for aid, text in articles.items():
        article = Article(aid, text)
        for m in re.finditer(r"[“\"](.+?)[,.]?[”\"]", text):
            out.append(StoryQuote(f"s7-q{len(out) + 1}", Span.of(article, m.start(1), m.end(1)), speakers[aid]))
    return out


def test_relations() -> None:
    assert compare_renderings("We’re working that out now", "we're WORKING that out now") == ("identical", 1.0)
    relation, _ = compare_renderings("We’re working that out now", "working that out") or ("", 0)
    assert relation == "trimmed"
    relation, ratio = compare_renderings("We’re working that out now", "We're working on that right now") or ("", 0)
    assert relation == "altered" and 0.6 < ratio < 0.8
    assert compare_renderings("We’re working that out now", "We never rule anything out") is None
    # A lone function word is no evidence of the same utterance.
    assert compare_renderings("that", "We’re working that out now") is None


def test_diff_shows_printed_words() -> None:
    diff = word_diff("We’re working that out now", "We're working on that right now")
    assert diff == (("=", "We’re working"), ("+", "on"), ("=", "that"), ("-", "out"), ("+", "right"), ("=", "now"))
    assert word_diff("a b c", "a b c") == (("=", "a b c"),)


def test_groups_verbatim_trimmed_and_altered_renderings() -> None:
    quotes = quotes_of(
        {
            "rt": "“We’re working that out now,” Biden said. Later: “We’re working that out now,” he repeated.",
            "ft": "Biden said he was “working” on the request.",
            "vn": 'President Biden told reporters: "We\'re working on that right now."',
            "dm": 'Blinken said: "We never rule anything out."',
        },
        {"rt": "Joe Biden", "ft": "Joe Biden", "vn": "Biden", "dm": "Antony Blinken"},
    )
    grouped, pairs = group_quote_variants(quotes)
    assert [q.id for q in grouped] == [q.id for q in quotes]
    groups = {q.span.text: q.variant_group for q in grouped}
    assert groups["We’re working that out now"] == groups["working"] == groups["We're working on that right now"]
    assert groups["We’re working that out now"] == "s7-v1"
    assert groups["We never rule anything out"] is None
    relations = {(p.a, p.b): p.relation for p in pairs}
    assert relations == {
        ("We’re working that out now", "working"): "trimmed",
        ("We’re working that out now", "We're working on that right now"): "altered",
        ("working", "We're working on that right now"): "trimmed",
    }
    altered = next(p for p in pairs if p.relation == "altered")
    assert ("-", "out") in altered.diff and ("+", "on") in altered.diff


def test_identical_rendering_in_two_articles_is_one_identical_pair() -> None:
    quotes = quotes_of(
        {"a": "“Iran is behind the chaos,” he said.", "b": "He said: “Iran is behind the chaos.”"},
        {"a": "Yoav Gallant", "b": "Gallant"},
    )
    grouped, pairs = group_quote_variants(quotes)
    assert {q.variant_group for q in grouped} == {"s7-v1"}
    assert [(p.relation, p.a, p.b) for p in pairs] == [
        ("identical", "Iran is behind the chaos", "Iran is behind the chaos")
    ]


def test_different_speakers_are_never_grouped() -> None:
    quotes = quotes_of(
        {"a": "“We will not back down,” Smith said.", "b": "“We will not back down,” Jones said."},
        {"a": "Anna Smith", "b": "Bo Jones"},
    )
    grouped, pairs = group_quote_variants(quotes)
    assert all(q.variant_group is None for q in grouped) and pairs == ()


def test_unknown_speaker_needs_more_words() -> None:
    long = quotes_of(
        {
            "a": "“The strikes will continue until the talks resume,” he said.",
            "b": "“strikes will continue until the talks resume”",
        },
        {"a": "Mark Rutte", "b": None},
    )
    grouped, pairs = group_quote_variants(long)
    assert {q.variant_group for q in grouped} == {"s7-v1"}
    assert pairs[0].relation == "trimmed"
    short = quotes_of({"a": "“talks resume,” she said.", "b": "“talks resume”"}, {"a": "Ana Lopez", "b": None})
    grouped, _ = group_quote_variants(short)
    assert all(q.variant_group is None for q in grouped)


def test_short_partial_quote_does_not_bridge_two_utterances() -> None:
    quotes = quotes_of(
        {
            "a": "“We are working with our allies on air defence,” Biden said.",
            "b": "“We are working to lower prices for families,” Biden said.",
            "c": "Biden said he was “working” on it.",
        },
        {"a": "Biden", "b": "Biden", "c": "Biden"},
    )
    grouped, _ = group_quote_variants(quotes)
    a, b, c = (q.variant_group for q in grouped)
    assert a != b
    assert c in (a, b) and c is not None


def test_same_article_repeat_groups_without_pairs() -> None:
    quotes = quotes_of(
        {"a": "“We never rule anything out,” she said. Again: “We never rule anything out.”"}, {"a": "X Y"}
    )
    grouped, pairs = group_quote_variants(quotes)
    assert grouped[0].variant_group == grouped[1].variant_group == "s7-v1"
    assert pairs == ()


def test_empty() -> None:
    assert group_quote_variants([]) == ((), ())


@pytest.mark.slow
def test_seed_biden_quote_variants(seed_report) -> None:
    story = next(s for s in seed_report.stories if len(s.article_ids) == 5)
    working = [q for q in story.quotes if "working" in q.span.text.lower() and len(q.span.text.split()) <= 8]
    # Final punctuation inside the marks is kept as printed; compare the words.
    texts = {(q.span.article[:3], q.span.text.rstrip(".")) for q in working}
    assert ("000", "We’re working that out now") in texts
    assert ("004", "We're working on that right now") in texts
    assert ("002", "working") in texts
    assert len({q.variant_group for q in working}) == 1 and working[0].variant_group is not None
    pairs = [p for p in story.quote_variants if p.group == working[0].variant_group]
    relations = {(p.a.rstrip("."), p.b.rstrip(".")): p.relation for p in pairs}
    relations |= {(b, a): rel for (a, b), rel in relations.items()}
    assert relations[("We’re working that out now", "We're working on that right now")] == "altered"
    assert relations[("We’re working that out now", "working")] == "trimmed"
    # No other quote in the story is pulled into the group.
    assert all(q.variant_group != working[0].variant_group for q in story.quotes if q not in working)


def test_fragments_of_one_quote_are_not_variants_of_each_other() -> None:
    """Real shape (Bannon on the Trump Tower meeting): outlets quote the full sentence and lone words from it."""
    quotes = quotes_of(
        {
            "fox": "Bannon called the meeting “treasonous” and “unpatriotic.” He said: "
            "“Even if you thought that was not treasonous, or unpatriotic, you should have called the FBI immediately.”",
            "kos": "Bannon called it “treasonous” and “unpatriotic” in the book.",
            "usa": "He called the meeting “treasonous.”",
        },
        {"fox": "Steve Bannon", "kos": "Steve Bannon", "usa": "Steve Bannon"},
    )
    _, pairs = group_quote_variants(quotes)
    relations = {(p.a, p.b): p.relation for p in pairs}
    assert ("treasonous", "unpatriotic") not in relations and ("unpatriotic", "treasonous") not in relations
    assert all(p.relation != "altered" for p in pairs)
    assert relations[("treasonous", "treasonous")] == "identical"
    assert relations[("unpatriotic", "unpatriotic")] == "identical"
