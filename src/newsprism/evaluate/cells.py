"""Coverage cells against hand labels: what each article does with each claim.

The gold (``tests/gold/cells/*.json``, one file per input folder) names
claims by an anchor sentence (an article and that sentence's exact text) and
labels, for every article of the input, what it does with the claim:
``states``, ``reports``, ``denies``, ``part`` or ``absent``, several when it
does several things, strongest first. Labellers read the articles, not the
report; the claim list came from one run of newsprism, and a later run may
group the sentences otherwise. A claim is judged by what the matrix shows it
to say, its wording (the support sentence that ``Claim.text`` is):

- a labelled proposition is scored on the claim worded by its anchor sentence;
- failing that, on the claim that holds the anchor, unless that claim is
  worded by another labelled anchor: it then shows that other proposition,
  and this one has no row of its own (every cell reads *absent*, counted as
  ``merged``).

A run that joins a sentence stating two facts to the claim of its second fact
is so judged on the second fact, not on the first fact's labels.

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Article, Claim, Report, Span
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
    merged: int = 0  # cells whose anchor sits in a claim worded by another labelled anchor
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


def _anchor_span(by_id: Mapping[str, Article], article: str, text: str) -> Span | None:
    """Where an anchor sentence is in its article, if the article is there and holds it."""
    if article not in by_id:
        return None
    start = by_id[article].text.find(text)
    return None if start < 0 else Span.of(by_id[article], start, start + len(text))


def _wording(claim: Claim) -> Span | None:
    """The support sentence the claim is worded by (``Claim.text``); the first support if none is."""
    return next((s for s in claim.support if s.text == claim.text), claim.support[0] if claim.support else None)


def _claims_of_anchors(
    report: Report, anchors: Sequence[tuple[str, str]]
) -> tuple[dict[tuple[str, str], Claim | None], set[tuple[str, str]]]:
    """The claim each anchor is scored on (see the module's docstring), and the anchors merged into another
    labelled anchor's claim. An anchor in no claim, or merged, maps to None."""
    by_id = {a.id: a for a in report.articles}
    spans = {key: _anchor_span(by_id, *key) for key in anchors}
    claims = [claim for story in report.stories for claim in story.claims]

    def anchor_of(span: Span | None) -> tuple[str, str] | None:
        if span is None:
            return None
        for key, anchor in spans.items():
            if anchor is not None and anchor.overlaps(span):
                return key
        return None

    worded: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        key = anchor_of(_wording(claim))
        if key is not None:
            worded.setdefault(key, claim)
    out: dict[tuple[str, str], Claim | None] = {}
    merged: set[tuple[str, str]] = set()
    for key in anchors:
        if key in worded:
            out[key] = worded[key]
            continue
        holding = _holding(claims, spans[key])
        other = anchor_of(_wording(holding)) if holding is not None else None
        if other is not None and other != key and worded.get(other) is holding:
            merged.add(key)
            holding = None
        out[key] = holding
    return out, merged


def _holding(claims: Sequence[Claim], anchor: Span | None) -> Claim | None:
    """The claim whose support holds the anchor sentence (by overlap), else the first whose restatements do."""
    if anchor is None:
        return None
    held = next((c for c in claims if any(anchor.overlaps(s) for s in c.support)), None)
    return held or next((c for c in claims if any(anchor.overlaps(s) for s in c.restated)), None)


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
        anchors = list(dict.fromkeys((cell.anchor_article, cell.anchor_text) for cell in gold.cells))
        claims, merged = _claims_of_anchors(report, anchors)
        for cell in gold.cells:
            key = (cell.anchor_article, cell.anchor_text)
            claim = claims[key]
            if claim is None:
                if key in merged:
                    score.merged += 1
                else:
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
