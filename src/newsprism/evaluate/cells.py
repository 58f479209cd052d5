"""Coverage cells against hand labels: what each article does with each claim.

The gold (``tests/gold/cells/*.json``, one file per input folder) names
claims by an anchor sentence (an article and that sentence's exact text) and
labels, for every article of the input, what it does with the claim:
``states``, ``reports``, ``denies``, ``part`` or ``absent``, several when it
does several things, strongest first. Labellers read the articles, not the
report; the claim list came from one run of newsprism, so a later run may
place an anchor in a different claim, and is then scored on that claim.

Scored per cell:

- **accuracy**: the strongest predicted kind is the strongest labelled one;
- **false carries**: cells labelled *part* or *absent* that the matrix shows
  as carrying the claim (✓ states or ❝ reports), the error a reader of the
  matrix is misled by;
- per kind, precision and recall of the kind anywhere in the cell.

The baseline is the matrix before coverage cells: every article in the
claim's support gets a ✓ (*states*), every other is absent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Claim, Report
from ..nlp.models import Models
from ..pipeline import analyze
from .metrics import share

__all__ = ["CellGold", "CellScore", "evaluate_cells", "load_cell_gold", "score_cells", "support_baseline"]

KINDS = ("states", "reports", "denies", "part", "absent")
_CARRY = frozenset({"states", "reports"})


@dataclass(frozen=True, slots=True)
class GoldCell:
    claim: str  # the claim's id in the labelled run (for messages)
    anchor_article: str
    anchor_text: str
    article: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CellGold:
    """The labelled cells of one input folder."""

    input: str
    cells: tuple[GoldCell, ...]


def load_cell_gold(path: Path) -> CellGold:
    """Read one gold file; a malformed one is an :class:`InputError` naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        cells = []
        for claim in raw["claims"]:
            anchor = claim["anchor"]
            for article, cell in claim["cells"].items():
                labels = tuple(cell["labels"])
                if not labels or any(k not in KINDS for k in labels) or ("absent" in labels and len(labels) > 1):
                    raise ValueError(f"claim {claim['claim_id']}, article {article}: bad labels {labels}")
                cells.append(GoldCell(claim["claim_id"], anchor["article"], anchor["text"], article, labels))
        return CellGold(str(raw["input"]), tuple(cells))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a coverage-cell gold file: {exc}") from exc


@dataclass
class CellScore:
    name: str
    cells: int = 0
    correct: int = 0
    #: Cells labelled part or absent (the denominator of false carries).
    not_carried: int = 0
    false_carries: int = 0
    unmatched: int = 0  # cells whose anchor sentence is in no claim of this run
    found: dict[str, int] = field(default_factory=dict)  # kind -> predicted and labelled
    predicted: dict[str, int] = field(default_factory=dict)
    labelled: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[GoldCell, tuple[str, ...]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.cells)

    @property
    def false_carry_rate(self) -> float:
        return share(self.false_carries, self.not_carried)

    def precision(self, kind: str) -> float:
        return share(self.found.get(kind, 0), self.predicted.get(kind, 0))

    def recall(self, kind: str) -> float:
        return share(self.found.get(kind, 0), self.labelled.get(kind, 0))

    def add(self, gold: GoldCell, predicted: tuple[str, ...]) -> None:
        self.cells += 1
        if predicted[0] == gold.labels[0]:
            self.correct += 1
        else:
            self.errors.append((gold, predicted))
        if gold.labels[0] in ("part", "absent"):
            self.not_carried += 1
            self.false_carries += predicted[0] in _CARRY
        for kind in KINDS:
            p, g = kind in predicted, kind in gold.labels
            self.predicted[kind] = self.predicted.get(kind, 0) + p
            self.labelled[kind] = self.labelled.get(kind, 0) + g
            self.found[kind] = self.found.get(kind, 0) + (p and g)


def _claim_of(report: Report, article: str, text: str) -> Claim | None:
    """The claim whose support or restatements hold the anchor sentence (by overlap), if any."""
    by_id = {a.id: a for a in report.articles}
    if article not in by_id:
        return None
    start = by_id[article].text.find(text)
    if start < 0:
        return None
    end = start + len(text)
    for story in report.stories:
        for claim in story.claims:
            for span in (*claim.support, *claim.restated):
                if span.article == article and span.start < end and start < span.end:
                    return claim
    return None


def _kinds(claim: Claim, article: str) -> tuple[str, ...]:
    return tuple(c.kind for c in claim.cell(article)) or ("absent",)


def support_baseline(claim: Claim, article: str) -> tuple[str, ...]:
    """The matrix before coverage cells: a ✓ for every article in the claim's support."""
    return ("states",) if article in claim.article_ids else ("absent",)


def score_cells(
    runs: Sequence[tuple[Report, CellGold]],
    name: str = "newsprism",
    predict: Callable[[Claim, str], tuple[str, ...]] = _kinds,
) -> CellScore:
    """Score each report's coverage cells (or ``predict(claim, article)``) against its input's gold cells."""
    score = CellScore(name)
    for report, gold in runs:
        claims: dict[tuple[str, str], Claim | None] = {}
        for cell in gold.cells:
            key = (cell.anchor_article, cell.anchor_text)
            if key not in claims:
                claims[key] = _claim_of(report, *key)
            claim = claims[key]
            if claim is None:
                score.unmatched += 1
                score.add(cell, ("absent",))
            else:
                score.add(cell, predict(claim, cell.article))
    return score


def evaluate_cells(
    inputs: Sequence[tuple[Path, CellGold]], *, settings: Settings, models: Models | None = None
) -> tuple[CellScore, CellScore]:
    """Analyse each input folder as the CLI does and score its cells: newsprism, then the ✓-per-support baseline."""
    models = models or Models(settings)
    runs = [(analyze([folder], settings=settings, models=models, on_error=None), gold) for folder, gold in inputs]
    return score_cells(runs), score_cells(runs, "support ✓", support_baseline)
