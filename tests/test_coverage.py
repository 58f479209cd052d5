"""Coverage cells on real articles (newsprism.compare.claims.coverage): what each outlet does with a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.model import Report
from newsprism.nlp.models import Models
from newsprism.pipeline import analyze

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def examples(models: Models, settings: Settings) -> Report:
    return analyze([EXAMPLES], settings=settings, models=models, on_error=None)


@pytest.mark.slow
def test_an_outlet_that_gives_no_toll_is_not_ticked_for_the_toll(examples: Report) -> None:
    (story,) = examples.stories
    toll = next(c for c in story.claims if "12 people were killed" in c.text and len(c.support) > 1)
    kinds = {a: tuple(m.kind for m in toll.cell(a)) for a in toll.article_ids}
    # the Daily Beacon tells of the evacuation and the collapse, and gives its own toll elsewhere: not this one
    assert kinds["daily_beacon_dam_horror"] == ("part",)
    assert sum(k[0] in ("states", "reports") for k in kinds.values()) >= 2


@pytest.mark.slow
def test_every_mark_cites_a_sentence_of_its_article_and_a_source_only_where_one_speaks(examples: Report) -> None:
    by_id = {a.id: a for a in examples.articles}
    marks = [m for s in examples.stories for c in s.claims for m in c.coverage]
    assert {m.kind for m in marks} >= {"states", "reports", "part"}
    for m in marks:
        assert by_id[m.article].text[m.span.start : m.span.end] == m.span.text
        assert m.source is None or m.kind in ("reports", "denies")
    sourced = [m for m in marks if m.kind == "reports" and m.source]
    assert any(m.source == "Radu Lozovan" or "Lozovan" in (m.source or "") for m in sourced)


@pytest.mark.slow
def test_an_article_carries_a_claim_at_most_once_per_kind(examples: Report) -> None:
    for story in examples.stories:
        for claim in story.claims:
            seen = [(m.article, m.kind) for m in claim.coverage]
            assert len(seen) == len(set(seen)), claim.id
            for article in {m.article for m in claim.coverage}:
                order = [m.kind for m in claim.cell(article)]
                assert order == sorted(order, key=["states", "reports", "denies", "part"].index)
