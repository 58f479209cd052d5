"""How surely two sentences of a claim state one fact: the table the brief's citations are checked against."""

from __future__ import annotations

import pytest

from newsprism.compare import prepare_story
from newsprism.compare.brief import build_brief
from newsprism.compare.claims import finish_claims
from newsprism.compare.claims.support import support_between

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_claims(seed_articles, seed_annotations, models, settings):
    context = prepare_story("s1", seed_articles, [seed_annotations[a.id] for a in seed_articles], settings)
    return finish_claims(context.claim_plan, seed_articles, models=models, settings=settings, story_id="s1")


def _claim_with(claims, *words: str):
    return next(c for c in claims if all(any(w in s.text for s in c.support) for w in words))


def test_every_two_sentences_of_a_shared_claim_from_two_articles_are_weighed(seed_claims) -> None:
    claims, _, support = seed_claims
    shared = [c for c in claims if len(c.article_ids) > 1]
    assert shared
    for claim in shared:
        spans = (*claim.support, *claim.restated)
        for n, a in enumerate(spans):
            for b in spans[n + 1 :]:
                p = support_between(support, a, b)
                if a.article == b.article:
                    assert p is None
                else:
                    assert p is not None and 0.0 <= p <= 1.0 and p == support_between(support, b, a)
    lone = next(c for c in claims if len(c.article_ids) == 1)
    assert all(support_between(support, lone.support[0], s) is None for c in shared for s in c.support)


def test_a_restated_fact_is_sure_and_another_statement_on_the_subject_is_not(seed_claims, settings) -> None:
    claims, _, support = seed_claims
    # two outlets give the Biden-Starmer talks on Friday in their own words: sure
    talks = _claim_with(claims, "Starmer")
    starmer = [s for s in talks.support if "Starmer" in s.text and "Friday" in s.text]
    assert len(starmer) >= 2
    assert support_between(support, starmer[0], starmer[1]) >= settings.cite_probability
    # a plan being finalised, and a decision not ruled out: one subject, two statements, joined by average link
    plan = _claim_with(claims, "finalizing the details")
    (finalizing,) = [s for s in plan.support if "finalizing the details" in s.text]
    (not_ruled_out,) = [s for s in plan.support if "not ruled out" in s.text]
    assert support_between(support, finalizing, not_ruled_out) < settings.cite_probability


def test_the_brief_cites_only_what_the_table_holds_sure(seed_claims, seed_articles, seed_annotations, settings) -> None:
    claims, disagreements, support = seed_claims
    annotations = [seed_annotations[a.id] for a in seed_articles]
    brief = build_brief(claims, disagreements, seed_articles, annotations, settings=settings, support=support)
    by_id = {c.id: c for c in claims}
    cited_beyond = 0
    for sentence in brief:
        if sentence.section == "disputed" or sentence.span is None:
            continue
        for article in sentence.articles:
            if article == sentence.span.article:
                continue
            cited_beyond += 1
            spans = [
                s for c in sentence.claims for s in (*by_id[c].support, *by_id[c].restated) if s.article == article
            ]
            assert max(support_between(support, sentence.span, s) or 0.0 for s in spans) >= settings.cite_probability
    assert cited_beyond >= 2
