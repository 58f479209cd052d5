"""What two articles share beyond their vocabulary: quoted words, passages, specific figures, an opinion piece."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsprism.compare.stories import entity_keys, stated_days, stated_years
from newsprism.compare.story_evidence import article_evidence, shared_counts, story_text, story_words
from newsprism.config import Settings
from newsprism.model import Annotations, Article, Genre
from newsprism.nlp import annotate
from newsprism.nlp.models import Models

from .test_stories import EARNINGS, EXAMPLES, MULTISTORY, prepare

QUOTES, PASSAGES, FIGURES, OPINION = range(4)


@pytest.fixture(scope="module")
def corpus(models: Models, settings: Settings) -> tuple[list[Article], dict[str, Annotations]]:
    return prepare([EXAMPLES, MULTISTORY], models, settings)


def _evidence(corpus):
    articles, anns = corpus
    return {a.id: article_evidence(a, anns.get(a.id)) for a in articles}


def test_reports_of_one_event_share_quotes_that_other_stories_do_not(corpus) -> None:
    evidence = _evidence(corpus)
    dam = [a for a in evidence if a not in {p.stem for p in MULTISTORY.glob("*.txt")}]
    others = [a for a in evidence if a not in dam]
    assert len(dam) >= 4 and len(others) >= 8
    within = [shared_counts(evidence[a], evidence[b])[QUOTES] for a in dam for b in dam if a < b]
    across = [shared_counts(evidence[a], evidence[b])[QUOTES] for a in dam for b in others]
    assert sum(q > 0 for q in within) >= 3, "outlets quoting the same official share quoted words"
    assert max(across) == 0, "no quoted words are shared with other stories"


def test_a_reprint_shares_more_passages_than_another_outlets_report(corpus) -> None:
    evidence = _evidence(corpus)
    original, other, reprint = sorted(EARNINGS)  # market_ledger, techbeat, valley_courier_reprint
    copied = shared_counts(evidence[original], evidence[reprint])
    reported = shared_counts(evidence[other], evidence[reprint])
    assert copied[PASSAGES] > reported[PASSAGES] > 0
    assert copied[FIGURES] > 0 and reported[FIGURES] > 0, "the earnings figures recur in every report"


def test_round_or_small_figures_are_not_evidence_and_an_opinion_piece_is_flagged(corpus) -> None:
    articles, anns = corpus
    evidence = _evidence(corpus)
    for e in evidence.values():
        for _, _, value in e.figures:
            digits = f"{value:.15g}".replace(".", "").strip("0")
            assert value >= 10 and len(digits) >= 2, value  # '12' and '3,500' are evidence, '5' and '3,000' not
    first, second = articles[0], articles[1]
    assert shared_counts(evidence[first.id], evidence[second.id])[OPINION] == 0.0
    argued = replace(first, genre=Genre("opinion", "title marker 'OPINION:'"))
    flagged = article_evidence(argued, anns.get(first.id))
    assert shared_counts(flagged, evidence[second.id])[OPINION] == 1.0


def test_apostrophes_do_not_split_a_quote() -> None:
    assert story_words("We’re working") == story_words("We're working") == ["we're", "working"]


#: Two columns by one writer on two subjects, each closing with the same note on the writer.
WRITER_NOTE = (
    "Maria Ellison is a senior fellow at the Cato Institute. "
    "Her book on the grain trade, published in 2019, won the Hayek Prize."
)
COLUMNS = {
    "tariffs": (
        "I have never believed that tariffs protect the workers they are sold to. "
        "A decade of evidence has only hardened that view. "
        "Congress should repeal them before the damage spreads to every farm state. "
    ),
    "schools": (
        "Our city's schools have spent more every year and taught less. "
        "Parents deserve a choice that the district has refused them since the strike of May 3, 2021. "
        "The council should fund the charter schools before the next term begins. "
    ),
}


@pytest.fixture(scope="module")
def columns(models: Models, settings: Settings) -> tuple[dict[str, Article], dict[str, Annotations]]:
    articles = [Article(id=k, text=text + WRITER_NOTE) for k, text in COLUMNS.items()]
    anns = {ann.article_id: ann for ann in annotate(articles, models=models, settings=settings)}
    return {a.id: a for a in articles}, anns


def test_a_shared_note_on_the_writer_is_no_shared_passage_or_name(columns) -> None:
    articles, anns = columns
    assert all(anns[k].sentences[-1].writer_note for k in articles), "the pass reads the note"
    for k, a in articles.items():
        told = story_text(a, anns[k])
        assert told.rstrip() == COLUMNS[k].rstrip(), "the story's text is the column without its note"
        keys = entity_keys(anns[k])
        assert not {"ellison", "cato institute", "hayek prize"} & set(keys), keys
        assert 2019 not in stated_years(anns[k])
    assert stated_days(anns["schools"]), "a day the column itself states still counts"
    tariffs, schools = (article_evidence(articles[k], anns[k]) for k in ("tariffs", "schools"))
    assert shared_counts(tariffs, schools)[PASSAGES] == 0.0


def test_without_annotations_the_story_text_is_the_whole_text() -> None:
    a = Article(id="a", text=COLUMNS["tariffs"] + WRITER_NOTE)
    assert story_text(a, None) == a.text
