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
