"""The evaluation cache: an NLP pass is reused across settings of the comparison stages only."""

from __future__ import annotations

from pathlib import Path

from newsprism.config import Settings
from newsprism.evaluate import EvalCache
from newsprism.evaluate.cache import nlp_settings
from newsprism.model import Article


def test_comparison_settings_do_not_key_the_nlp_pass() -> None:
    base = nlp_settings(Settings())
    assert nlp_settings(Settings(claim_model="fitted", story_threshold=0.4, brief_max_sentences=3, brief_cite_probability=0.5)) == base
    assert nlp_settings(Settings(spacy_batch_size=8)) != base
    assert "duplicate_threshold" in base and not any(k.startswith(("claim_", "story_")) for k in base)


def test_a_pass_is_run_once_and_reused_for_other_comparison_settings(tmp_path: Path) -> None:
    cache = EvalCache(tmp_path)
    articles = [Article(id="a", text="The council met on Monday.")]
    calls: list[int] = []

    def run() -> tuple[list[Article], dict]:
        calls.append(1)
        return list(articles), {}

    first = cache.prepared(articles, Settings(), run)
    again = cache.prepared(articles, Settings(claim_model="fitted"), run)
    other = cache.prepared(articles, Settings(duplicate_threshold=0.5), run)
    assert len(calls) == 2 and first == again == other
