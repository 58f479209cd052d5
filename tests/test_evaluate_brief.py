"""The brief judged against the story gold: backed citations, opinion sentences, the cite-everything baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate.brief import BriefFigures, lead_sentences, rouge_2, score_brief, score_summary
from newsprism.evaluate.goldsets import GoldDoc, GoldSentence, read_summaries
from newsprism.model import Annotations, Article, BriefSentence, Genre, Sentence, Span, Story

A_TEXT = "The dam failed on Monday. Officials were shamefully slow. Twelve people died."
B_TEXT = "A dam gave way on Monday night. Four thousand people left their homes."
C_TEXT = "Twelve people were killed when the dam failed. The minister visited on Tuesday."


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "."]:
        out.append((start, end))
        start = end + 1
    return out


def _doc(aid: str, text: str, groups: list[set[str]], opinion: set[int] = frozenset()) -> GoldDoc:
    sentences = tuple(
        GoldSentence(start, end, True, frozenset(g), n in opinion)
        for n, ((start, end), g) in enumerate(zip(_sentences(text), groups, strict=True))
    )
    return GoldDoc(Article(aid, text), "dam", sentences)


DOCS = [
    _doc("a", A_TEXT, [{"failed"}, set(), {"toll"}], opinion={1}),
    _doc("b", B_TEXT, [{"failed"}, set()]),
    _doc("c", C_TEXT, [{"toll", "failed"}, set()]),
]
LOCATED = {d.article.id: _sentences(d.article.text) for d in DOCS}


def _span(aid: str, n: int) -> Span:
    text = {"a": A_TEXT, "b": B_TEXT, "c": C_TEXT}[aid]
    start, end = _sentences(text)[n]
    return Span(aid, start, end, text[start:end])


def _story(*brief: BriefSentence) -> Story:
    return Story(id="s1", title="dam", article_ids=("a", "b", "c"), brief=brief)


def test_a_citation_is_backed_only_by_an_article_stating_the_fact() -> None:
    story = _story(
        BriefSentence("The dam failed on Monday.", ("c1",), ("a", "b", "c"), "brief", _span("a", 0)),
        # the toll is in a and c; citing b for it is unbacked
        BriefSentence("Twelve people died.", ("c2",), ("a", "b", "c"), "brief", _span("a", 2)),
    )
    figures = score_brief(story, DOCS, LOCATED)
    assert (figures.sentences, figures.citations, figures.supported) == (2, 4, 3)
    assert figures.support_rate == 0.75
    # citing every other article for both sentences: the same here, since each cites all three
    assert (figures.baseline_citations, figures.baseline_supported) == (4, 3)
    assert figures.opinion == 0


def test_opinion_sentences_are_counted_and_disputes_are_not_judged() -> None:
    story = _story(
        BriefSentence("Officials were shamefully slow.", ("c3",), ("a",), "single_source", _span("a", 1)),
        BriefSentence("The outlets disagree on the toll.", ("c2",), ("a", "b"), "disputed"),
    )
    figures = score_brief(story, DOCS, LOCATED)
    assert figures.sentences == 1 and figures.opinion == 1 and figures.citations == 0
    assert figures.support_rate == 1.0  # nothing cited beyond the wording's own article
    assert figures.baseline_citations == 2 and figures.baseline_supported == 0


def test_a_sentence_out_of_the_gold_is_unjudged_and_figures_add_up() -> None:
    lost = {**LOCATED, "b": [None, None]}  # cleaning moved b's sentences out of reach
    story = _story(BriefSentence("A dam gave way on Monday night.", ("c1",), ("b", "a"), "brief", _span("b", 0)))
    figures = score_brief(story, DOCS, lost)
    assert figures == BriefFigures(unjudged=1)
    total = figures + score_brief(
        _story(BriefSentence("The dam failed on Monday.", ("c1",), ("a", "b"), "brief", _span("a", 0))), DOCS, LOCATED
    )
    assert (total.unjudged, total.sentences, total.citations, total.supported) == (1, 1, 1, 1)


def test_rouge_2_is_the_f1_of_shared_bigrams() -> None:
    reference = "The dam failed on Monday, and twelve people died."
    assert rouge_2(reference, reference) == 1.0
    assert rouge_2("Twelve people died.", reference) == pytest.approx(2 * 1.0 * (2 / 8) / (1.0 + 2 / 8))
    assert rouge_2("Nothing alike here.", reference) == 0.0
    assert rouge_2("", reference) == 0.0


def test_lead_three_comes_from_the_first_news_article_and_the_brief_from_its_worded_sentences() -> None:
    column = Article("a", A_TEXT, genre=Genre("opinion", "URL path /opinion/", 0.9))
    news = Article("c", C_TEXT)
    annotations = {
        aid: Annotations(aid, sentences=tuple(Sentence(_span(aid, n)) for n in range(count)))
        for aid, count in (("a", 3), ("c", 2))
    }
    assert lead_sentences([column, news], annotations) == [
        "Twelve people were killed when the dam failed.",
        "The minister visited on Tuesday.",
    ]
    story = _story(
        BriefSentence("Reported only by C: The minister visited on Tuesday.", ("c2",), ("c",), "single_source", _span("c", 1)),
        BriefSentence("The outlets disagree on the toll.", ("c3",), ("a", "c"), "disputed"),
    )
    figures = score_summary(story, [column, news], annotations, "The minister visited on Tuesday.")
    assert figures.stories == 1 and figures.brief == 1.0  # the label and the dispute are not scored
    assert 0 < figures.lead < 1.0


def test_reference_summaries_are_read_by_story_and_a_bad_file_is_named(tmp_path: Path) -> None:
    good = {"story": "dam", "summary": "The dam failed.", "articles_read": ["A"], "notes": ""}
    (tmp_path / "dam.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({**good, "story": "other"}), encoding="utf-8")
    assert read_summaries(tmp_path, {"dam"}) == {"dam": "The dam failed."}
    assert read_summaries(tmp_path / "missing", {"dam"}) == {}
    (tmp_path / "dam.json").write_text(json.dumps({**good, "story": "elsewhere"}), encoding="utf-8")
    with pytest.raises(InputError, match="dam.json"):
        read_summaries(tmp_path, {"dam"})
