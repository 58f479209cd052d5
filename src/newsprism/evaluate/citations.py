"""Brief citations judged by readers: does each article a brief sentence cites state the sentence's fact?

``tests/gold/citations/`` holds citations of briefs that newsprism made on
real story-dense input, each judged by two readers from the texts alone
(supported or not; the file says how). A citation is keyed by the brief
sentence's wording, the cited article and the sentences of it that the cited
claims hold, so a later run is judged wherever it cites the same thing;
citations no reader has seen are counted apart (unjudged), never guessed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..ingest import read_inputs
from ..model import Article, Report
from ..nlp.models import Models
from ..pipeline import compare_articles
from .cache import CachedModels, EvalCache, models_for
from .goldsets import corpus_rows
from .run import prepare_cached

__all__ = [
    "CitationFigures",
    "CitationGold",
    "citation_key",
    "evaluate_citations",
    "load_citation_gold",
    "read_articles",
    "score_citations",
]

#: (the brief sentence as worded, the cited article, the cited article's sentences in the cited claims)
CitationKey = tuple[str, str, tuple[str, ...]]


def citation_key(sentence: str, article: str, cited: tuple[str, ...]) -> CitationKey:
    return (" ".join(sentence.split()), article, tuple(" ".join(c.split()) for c in cited))


@dataclass(frozen=True)
class CitationGold:
    """One judged set: the input's article ids in order, and each judged citation's label."""

    name: str
    ids: tuple[str, ...]
    labels: Mapping[CitationKey, bool]  # True: the cited sentences state the brief sentence's fact


def load_citation_gold(path: Path) -> CitationGold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = {
            citation_key(c["sentence"], c["article"], tuple(c["cited"])): c["label"] == "supported"
            for c in data["citations"]
        }
        return CitationGold(path.stem, tuple(data["ids"]), labels)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(str(path), f"not a citation gold file: {exc}") from exc


@dataclass(frozen=True, slots=True)
class CitationFigures:
    """A run's brief citations to other articles: judged supported, judged unsupported, and not judged."""

    citations: int = 0
    supported: int = 0
    unsupported: int = 0
    unjudged: int = 0

    @property
    def precision(self) -> float:
        judged = self.supported + self.unsupported
        return self.supported / judged if judged else 0.0

    def row(self) -> str:
        return (
            f"supported {self.supported}/{self.supported + self.unsupported} ({self.precision:.3f}); "
            f"{self.citations} citations, {self.unjudged} unjudged"
        )


def score_citations(report: Report, gold: CitationGold) -> CitationFigures:
    """Judge each citation of ``report``'s briefs to an article other than the worded sentence's own."""
    counts = {"citations": 0, "supported": 0, "unsupported": 0, "unjudged": 0}
    for story in report.stories:
        claims = {c.id: c for c in story.claims}
        for sentence in story.brief:
            own = sentence.span.article if sentence.span is not None else None
            wording = sentence.span.text if sentence.span is not None else sentence.text
            for article in sentence.articles:
                if article == own:
                    continue
                cited = tuple(
                    span.text
                    for claim_id in sentence.claims
                    if claim_id in claims
                    for span in (*claims[claim_id].support, *claims[claim_id].restated)
                    if span.article == article
                )
                counts["citations"] += 1
                label = gold.labels.get(citation_key(wording, article, cited))
                counts["unjudged" if label is None else "supported" if label else "unsupported"] += 1
    return CitationFigures(**counts)


def read_articles(corpus: Path, ids: tuple[str, ...], settings: Settings) -> list[Article]:
    """The articles of ``ids`` from the AllSides corpus, in that order, read as ``newsprism analyze`` reads a
    JSONL file of their records (so that the run is the one the readers judged)."""
    rows = corpus_rows(corpus, ids, "judged")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "judged.jsonl"
        path.write_text("".join(json.dumps(rows[i]) + "\n" for i in ids), encoding="utf-8")
        read = [a for a in read_inputs([path], settings=settings) if isinstance(a, Article)]
    if len(read) != len(ids):
        raise InputError(str(corpus), f"{len(ids) - len(read)} judged articles could not be read")
    return read


def evaluate_citations(
    gold: CitationGold,
    corpus: Path,
    *,
    settings: Settings,
    models: Models | None = None,
    cache: EvalCache | None = None,
    articles: Sequence[Article] | None = None,
) -> CitationFigures:
    """Analyse the judged input as ``newsprism analyze`` does (grouping included) and judge its citations.

    ``articles`` are the judged input as :func:`read_articles` gives it, when read already (two runs of one
    input under different settings read the corpus once); otherwise they are read from ``corpus``.
    """
    models = models or models_for(settings, cache)
    read = list(articles) if articles is not None else read_articles(corpus, gold.ids, settings)
    if tuple(a.id for a in read) != gold.ids:
        raise InputError(gold.name, "the articles given are not the judged input, in its order")
    cleaned, annotations = prepare_cached(read, models, settings, cache)
    report = compare_articles(cleaned, annotations, settings=settings, models=models)
    if isinstance(models, CachedModels):
        models.save()
    return score_citations(report, gold)
