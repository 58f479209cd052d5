"""The single NLP pass: order, streaming, exact spans, workers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from newsprism.config import Settings
from newsprism.model import Annotations, Article, Span
from newsprism.nlp import annotate, worker_count
from newsprism.nlp.models import Models


def spans_of(ann: Annotations) -> Iterator[Span]:
    for s in ann.sentences:
        yield s.span
        if s.report_verb_span is not None:
            yield s.report_verb_span
    for m in ann.mentions:
        yield m.span
    for q in ann.quotes:
        yield q.span
        if q.speaker_span is not None:
            yield q.speaker_span
        if q.verb_span is not None:
            yield q.verb_span
    for d in ann.dates:
        yield d.span
    for c in ann.citations:
        yield c.span


def test_every_span_of_every_seed_annotation_is_exact(seed_articles: list, seed_annotations: dict) -> None:
    assert set(seed_annotations) == {a.id for a in seed_articles}
    for article in seed_articles:
        ann = seed_annotations[article.id]
        assert ann.sentences and ann.mentions
        count = 0
        for span in spans_of(ann):
            assert span.article == article.id
            assert article.text[span.start : span.end] == span.text
            count += 1
        assert count > 50


def test_seed_annotations_carry_every_layer(seed_articles: list, seed_annotations: dict) -> None:
    anns = [seed_annotations[a.id] for a in seed_articles]
    assert sum(len(a.quotes) for a in anns) >= 10
    assert sum(len(a.dates) for a in anns) >= 10
    assert any(a.citations for a in anns)
    assert any(s.report_verb for a in anns for s in a.sentences)


def test_order_is_kept_and_empty_texts_pass_through(models: Models, settings: Settings) -> None:
    articles = [
        Article(id="b", text="Officials in Kyiv said on Tuesday that talks had stalled."),
        Article(id="empty", text=""),
        Article(id="blank", text="   \n\n"),
        Article(id="a", text="“We will not back down,” the minister said."),
    ]
    anns = annotate(articles, models=models, settings=settings)
    assert isinstance(anns, Iterator)  # streamed, not a list
    out = list(anns)
    assert [a.article_id for a in out] == ["b", "empty", "blank", "a"]
    assert out[1] == Annotations(article_id="empty")
    assert out[2].sentences == () and out[2].mentions == ()
    assert [m.span.text for m in out[0].mentions] == ["Kyiv"]
    assert out[0].sentences[0].report_verb == "say"
    verb = out[0].sentences[0].report_verb_span
    assert verb is not None and (verb.start, verb.text) == (18, "said")


def test_worker_count() -> None:
    assert worker_count(3, 1) == 3
    assert worker_count(0, 1) == 1
    assert worker_count(0, 10_000) >= 1


@pytest.mark.slow
def test_two_workers_give_the_same_annotations(seed_articles: list, seed_annotations: dict, models: Models) -> None:
    settings = dataclasses.replace(Settings(), n_process=2, spacy_batch_size=2)
    out = list(annotate(seed_articles, models=models, settings=settings))
    assert [a.article_id for a in out] == [a.id for a in seed_articles]
    for ann in out:
        assert ann == seed_annotations[ann.article_id]


def test_annotations_find_the_sentence_at_an_offset_and_those_a_range_overlaps(seed_annotations: dict) -> None:
    for ann in seed_annotations.values():
        sentences = ann.sentences
        assert len(sentences) > 3
        for k, s in enumerate(sentences):
            assert ann.sentence_at(s.span.start) is s and ann.sentence_at(s.span.end - 1) is s
            gap = s.span.end if k + 1 == len(sentences) else None
            if k + 1 < len(sentences) and s.span.end < sentences[k + 1].span.start:
                gap = s.span.end  # the space between two sentences is in neither
            if gap is not None:
                assert ann.sentence_at(gap) is None
        assert ann.sentence_at(-1) is None
        first, second, third = sentences[:3]
        # a range from inside the first sentence to inside the third overlaps all three, and no more
        assert ann.sentences_over(first.span.end - 1, third.span.start + 1) == (first, second, third)
        assert ann.sentences_over(second.span.start, second.span.end) == (second,)
        assert ann.sentences_over(first.span.end, first.span.end) == ()
