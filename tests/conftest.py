"""Shared fixtures: the real seed articles and the run's models, loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.compare.claims.units import Unit, words_in
from newsprism.config import Settings
from newsprism.model import Article, Claim, Coverage, Span
from newsprism.nlp.dates import resolve_dates
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities
from newsprism.nlp.sentences import split_sentences

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


@pytest.fixture(scope="session")
def seed_sentences(seed_articles: list, models: Models) -> dict[str, tuple]:
    """Each seed's sentences, as the NLP pass splits them, by the seed's file-name prefix."""
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        article = seed_article(seed_articles, prefix)
        out[prefix] = split_sentences(models.nlp(article.text), article)
    return out


def seed_article(articles: list, prefix: str):
    """The seed article whose id starts with ``prefix`` (e.g. '003')."""
    matches = [a for a in articles if a.id.startswith(prefix)]
    assert len(matches) == 1, f"expected one seed starting {prefix!r}, got {[a.id for a in matches]}"
    return matches[0]


def sentence_unit(
    models: Models,
    text: str,
    *,
    article: str = "a",
    index: int = 0,
    negated: bool = False,
    denial: bool = False,
    speaker: str | None = None,
    speaker_type: str | None = None,
    published: str | None = None,
    entities: frozenset[str] = frozenset(),
    verb: str | None = None,
) -> Unit:
    """One sentence as a claim unit; its figures, what it reports (and, with ``published``, its dates) from the NLP pass."""
    art = Article(id=article, text=text, published=published)
    doc = models.nlp(text)
    dates = resolve_dates(doc, art)[0] if published else ()
    sentences = split_sentences(doc, art)
    contents = [s.content for s in sentences if s.content is not None]
    core = contents[0] if len(contents) == 1 else Span.of(art, 0, len(text))  # what it reports, as the NLP pass reads it
    lemmas = tuple(w for s in sentences for w in s.lemmas)
    forms = tuple(f for s in sentences for f in s.forms)
    return Unit(
        index=index,
        article=article,
        article_order=0,
        position=index,
        relative=0.0,
        span=Span.of(art, 0, len(text)),
        words=words_in(lemmas, forms, 0, len(text)),
        entities=entities,
        quantities=extract_quantities(doc, art),
        dates={d.span.text: d for d in dates},
        negated=negated,
        denial=denial,
        attributed=speaker is not None,
        speaker=speaker,
        report_verb=verb,
        speaker_name=speaker,
        speaker_type=speaker_type,
        core=core.text,
        core_start=core.start,
        lemmas=lemmas,
        families=tuple(f for s in sentences for f in s.families),
        forms=forms,
        negations=tuple(n for s in sentences for n in s.negations),
        ongoing=any(s.ongoing for s in sentences),
        refers_back=any(s.refers_back for s in sentences),
    )


_STANCE = {"states": "asserted", "reports": "attributed", "denies": "denied"}


def covered(
    cid: str, text: str, support: tuple[Span, ...], marks: dict[str, tuple[str, str | None]] | None = None, **kw: Any
) -> Claim:
    """A claim whose every supporting article states it, unless ``marks`` says what it does (kind, source)."""
    marks = marks or {}
    kinds = {s.article: marks.get(s.article, ("states", None)) for s in support}
    coverage = tuple(Coverage(kinds[s.article][0], s, kinds[s.article][1]) for s in support)  # type: ignore[arg-type]
    stance = {c.article: _STANCE[c.kind] for c in coverage}
    return Claim(cid, text, support, stance, coverage=coverage, **kw)
