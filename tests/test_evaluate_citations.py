"""Brief citations judged by readers: the gold file, and a run's citations judged by it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate.citations import (
    CitationFigures,
    CitationGold,
    citation_key,
    load_citation_gold,
    score_citations,
)
from newsprism.model import Article, BriefSentence, Claim, Report, Span, Story

GOLD = Path(__file__).parent / "gold" / "citations" / "allsides-dense300.json"

A_TEXT = "The dam failed on Monday. Twelve people died."
B_TEXT = "A dam gave way on Monday night. The mayor was angry."
C_TEXT = "Officials said the dam was old. Twelve people were killed."


def _span(aid: str, text: str, sentence: str) -> Span:
    start = text.index(sentence)
    return Span(aid, start, start + len(sentence), sentence)


A0, A1 = _span("a", A_TEXT, "The dam failed on Monday."), _span("a", A_TEXT, "Twelve people died.")
B0, B1 = _span("b", B_TEXT, "A dam gave way on Monday night."), _span("b", B_TEXT, "The mayor was angry.")
C1 = _span("c", C_TEXT, "Twelve people were killed.")


def _report(*brief: BriefSentence) -> Report:
    claims = (
        Claim("c1", A0.text, (A0, B0)),
        Claim("c2", A1.text, (A1, B1, C1)),  # b's sentence joined by mistake
    )
    story = Story(id="s1", title="dam", article_ids=("a", "b", "c"), claims=claims, brief=brief)
    articles = (Article("a", A_TEXT), Article("b", B_TEXT), Article("c", C_TEXT))
    return Report(articles=articles, stories=(story,))


GOLD_LABELS = CitationGold(
    "test",
    ("a", "b", "c"),
    {
        citation_key(A0.text, "b", (B0.text,)): True,
        citation_key(A1.text, "b", (B1.text,)): False,
    },
)


def test_each_citation_beyond_the_worded_article_is_judged_or_counted_unjudged() -> None:
    report = _report(
        BriefSentence(A0.text, ("c1",), ("a", "b"), "brief", A0),
        BriefSentence(A1.text, ("c2",), ("a", "b", "c"), "brief", A1),  # c's citation was never judged
    )
    figures = score_citations(report, GOLD_LABELS)
    assert figures == CitationFigures(citations=3, supported=1, unsupported=1, unjudged=1)
    assert figures.precision == 0.5
    assert "supported 1/2 (0.500); 3 citations, 1 unjudged" in figures.row()


def test_a_citation_to_other_sentences_of_the_article_is_another_citation() -> None:
    # the same article cited for the same wording, but through other sentences: the readers did not judge that
    other = Claim("c1", A0.text, (A0, B1))
    story = Story(
        id="s1",
        title="dam",
        article_ids=("a", "b"),
        claims=(other,),
        brief=(BriefSentence(A0.text, ("c1",), ("a", "b"), "brief", A0),),
    )
    report = Report(articles=(Article("a", A_TEXT), Article("b", B_TEXT)), stories=(story,))
    assert score_citations(report, GOLD_LABELS) == CitationFigures(citations=1, unjudged=1)


def test_the_judged_dense_set_holds_its_input_and_both_readings() -> None:
    gold = load_citation_gold(GOLD)
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(gold.ids) == len(set(gold.ids)) == 300
    assert len(gold.labels) == len(data["citations"]) == 166
    for item in data["citations"]:
        assert len(item["readings"]) == 2 and set(item["readings"]) <= {"yes", "part", "no"}
        # supported when a reader found the fact stated (one split settled across two items, see the README)
        assert (item["label"] == "supported") == ("yes" in item["readings"]) or item["why"].startswith("Read again")
        assert item["cited"] and item["article"] != item["sentence_article"]
    assert sum(gold.labels.values()) == 116


def test_a_file_that_is_not_citation_gold_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"citations": [{"sentence": "x"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        load_citation_gold(bad)


def test_articles_read_already_are_judged_without_the_corpus(seed_dir: Path, models, settings) -> None:  # type: ignore[no-untyped-def]
    """Two runs of one judged input read the corpus once: given its articles, none is read (here: no corpus)."""
    from newsprism.evaluate.citations import evaluate_citations
    from newsprism.ingest import read_inputs

    articles = [a for a in read_inputs([seed_dir], settings=settings) if isinstance(a, Article)]
    gold = CitationGold("seeds", tuple(a.id for a in articles), {})
    missing = Path("/no/such/corpus.jsonl.gz")
    figures = evaluate_citations(gold, missing, settings=settings, models=models, articles=articles)
    assert figures.citations > 0  # the seeds' brief cites other outlets (measured: several)
    with pytest.raises(InputError):  # without them, the corpus is read
        evaluate_citations(gold, missing, settings=settings, models=models)
    with pytest.raises(InputError, match="not the judged input"):  # another input is not scored against this gold
        evaluate_citations(gold, missing, settings=settings, models=models, articles=articles[1:])


def test_citing_more_of_an_article_is_never_less_supported() -> None:
    """Two judged items with one brief sentence and one cited article: if one cites a superset of the other's
    sentences, it is supported wherever the other is (the readings of two items must not contradict)."""
    items = json.loads(GOLD.read_text(encoding="utf-8"))["citations"]
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for item in items:
        by_pair.setdefault((" ".join(item["sentence"].split()), item["article"]), []).append(item)
    for group in by_pair.values():
        for small in group:
            for big in group:
                if set(small["cited"]) < set(big["cited"]) and small["label"] == "supported":
                    assert big["label"] == "supported", (small["sentence"], big["cited"])
