"""Shared fixtures: the real seed articles and the run's models, loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.nlp.models import Models

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
SCHEMA = SHARED / "contract" / "report.schema.json"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are missing: {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seed_dir: Path) -> list[Path]:
    return sorted(seed_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def models(settings: Settings) -> Iterator[Models]:
    yield Models(settings)


@pytest.fixture(scope="session")
def seed_articles(seed_dir: Path, settings: Settings) -> list:
    """The seeds, read and cleaned (not yet annotated)."""
    from newsprism.clean import clean_article
    from newsprism.ingest import read_inputs
    from newsprism.model import Article

    read = [a for a in read_inputs([seed_dir], settings=settings) if isinstance(a, Article)]
    return [clean_article(a, settings=settings) for a in read]


@pytest.fixture(scope="session")
def seed_annotations(seed_articles: list, models: Models, settings: Settings) -> dict:
    """Article id -> Annotations for the cleaned seeds (one NLP pass)."""
    from newsprism.nlp import annotate

    return {ann.article_id: ann for ann in annotate(seed_articles, models=models, settings=settings)}


@pytest.fixture(scope="session")
def seed_report(seed_dir: Path, models: Models, settings: Settings):
    """The full analysis of the seeds."""
    from newsprism.pipeline import analyze

    return analyze([seed_dir], settings=settings, models=models, on_error=None)


def seed_article(articles: list, prefix: str):
    """The seed article whose id starts with ``prefix`` (e.g. '003')."""
    matches = [a for a in articles if a.id.startswith(prefix)]
    assert len(matches) == 1, f"expected one seed starting {prefix!r}, got {[a.id for a in matches]}"
    return matches[0]
