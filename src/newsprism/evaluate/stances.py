"""Score the stance newsprism reads for each sentence, and the denials it reports, on hand-labelled stories.

The gold (``tests/gold/stances``, see the README beside it) gives, for each
member sentence of each claim of the story gold (``tests/gold/stories``), how
the outlet gives that claim's fact there: it **states** it, **reports** a
source saying it, or reports a source **denying** it; and it lists every
denial in the story: the sentences reporting it and the claim it denies.

- **Stance accuracy**: the share of labelled (claim, sentence) pairs whose
  sentence newsprism gives the labelled stance (:func:`~newsprism.nlp.stance.sentence_stance`
  on the NLP pass's sentence that covers most of the gold sentence).
- **Denials**: each ``denial`` disagreement newsprism reports is *found*
  when one of its sentences reports a gold denial, and *attached* when it
  also cites a sentence of the claim that denial denies. Precision is over
  the reported denials, recall over the gold denials.

A simple baseline, scored the same way, reads words: a sentence with a form
of 'deny', 'reject', 'dispute' or 'refute' denies; one with 'said', 'says',
'told', 'according to', 'reported' and the like reports; the rest state.
Every such denying sentence is a reported denial.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Annotations, Stance
from ..nlp.models import Models
from ..nlp.stance import sentence_stance
from .align import Located
from .cache import EvalCache
from .goldsets import GoldDoc, GoldSet, SentenceKey, sentence_keys, story_docs
from .metrics import share
from .run import PreparedGold, analyze_gold_stories, gold_sentences, prepare_scoring

__all__ = [
    "GoldDenial",
    "StanceGold",
    "StanceResult",
    "evaluate_stances",
    "keyword_stance",
    "load_stance_gold",
    "score_stances",
]

STANCES: tuple[Stance, ...] = ("states", "reports", "denies")


@dataclass(frozen=True, slots=True)
class GoldDenial:
    """One labelled denial: the sentences reporting it, and the sentences of the claim it denies (if labelled)."""

    story: str
    members: frozenset[SentenceKey]
    denied: frozenset[SentenceKey]


@dataclass(frozen=True)
class StanceGold:
    """The stance-labelled stories: their articles, each (sentence, stance) pair, and the denials."""

    docs: GoldSet
    stances: tuple[tuple[SentenceKey, Stance], ...]
    denials: tuple[GoldDenial, ...]


@dataclass(frozen=True)
class StanceResult:
    """Stance accuracy and denial figures for one way of reading them."""

    name: str
    labelled: int
    correct: int
    #: (gold stance, read stance) -> count
    confusion: Mapping[tuple[str, str], int]
    reported_denials: int
    found_denials: int  # reported denials that hit a gold denial's sentences
    attached_denials: int  # ... and cite the claim it denies
    gold_denials: int
    recalled_denials: int  # gold denials some reported denial hit

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.labelled)

    @property
    def denial_precision(self) -> float:
        return share(self.found_denials, self.reported_denials)

    @property
    def denial_recall(self) -> float:
        return share(self.recalled_denials, self.gold_denials)


def load_stance_gold(folder: Path, stories: Path, names: Sequence[str] | None = None) -> StanceGold:
    """The stance labels in ``folder`` (``*.json``, or only those named), on the story gold in ``stories``."""
    docs: list[GoldDoc] = []
    stances: list[tuple[SentenceKey, Stance]] = []
    denials: list[GoldDenial] = []
    paths = sorted(folder.glob("*.json"))
    if names is not None:
        paths = [p for p in paths if p.stem in set(names)]
    for path in paths:
        try:
            labels = json.loads(path.read_text(encoding="utf-8"))
            story = json.loads((stories / f"{labels['story']}.json").read_text(encoding="utf-8"))
            story_articles = story_docs(story)
            docs.extend(story_articles)
            keys = sentence_keys(story, story_articles)
            for item in labels["stances"]:
                if item["stance"] not in STANCES:
                    raise ValueError(f"unknown stance {item['stance']!r}")
                stances.append((keys[item["member"]], item["stance"]))
            for item in labels["denials"]:
                claim = item.get("claim")
                denied = story["claims"][claim]["members"] if claim is not None else ()
                denials.append(
                    GoldDenial(
                        labels["story"],
                        frozenset(keys[k] for k in item["members"]),
                        frozenset(keys[k] for k in denied),
                    )
                )
        except (KeyError, TypeError, ValueError, IndexError, OSError) as exc:
            raise InputError(str(path), f"not a stance gold file: {exc}") from exc
    return StanceGold(GoldSet(f"stance gold ({len(paths)} stories)", tuple(docs)), tuple(stances), tuple(denials))


_DENYING = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|disput(?:e|es|ed|ing)|refut(?:e|es|ed|ing))\b", re.I
)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|according to|reported|reports|claimed|claims|announced|stated|wrote|added|"
    r"testified|alleged|confirmed)\b",
    re.I,
)


def keyword_stance(text: str) -> Stance:
    """The baseline's stance: by the words a sentence holds."""
    if _DENYING.search(text):
        return "denies"
    return "reports" if _REPORTING.search(text) else "states"


def _read_stance(annotations: Annotations, where: Located) -> Stance | None:
    """newsprism's stance for the gold sentence at ``where``: that of the NLP sentence covering most of it."""
    if where is None:
        return None
    best, best_overlap = None, 0
    for sentence in annotations.sentences:
        overlap = min(where[1], sentence.span.end) - max(where[0], sentence.span.start)
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return sentence_stance(best, annotations.quotes) if best is not None else None


def evaluate_stances(
    gold: StanceGold,
    *,
    settings: Settings,
    models: Models | None = None,
    cache: EvalCache | None = None,
    prepared: PreparedGold | None = None,
) -> list[StanceResult]:
    """newsprism's stances and denials, and the keyword baseline's, scored on ``gold``."""
    prepared = prepared or prepare_scoring(gold.docs, settings, models, cache)
    raw = {d.article.id: d for d in gold.docs.docs}
    labelled = gold.docs.labelled_keys()
    ours: dict[SentenceKey, Stance | None] = {}
    words: dict[SentenceKey, Stance] = {}
    for key, _ in gold.stances:
        aid, n = key
        ours[key] = _read_stance(prepared.annotations[aid], prepared.located[aid][n])
        sentence = raw[aid].sentences[n]
        words[key] = keyword_stance(raw[aid].article.text[sentence.start : sentence.end])
    reported: list[frozenset[SentenceKey]] = []
    for _, _, _, story in analyze_gold_stories(gold.docs, prepared, settings, "s"):
        for d in story.disagreements:
            if d.kind == "denial":
                reported.append(
                    frozenset(k for span in d.spans for k in gold_sentences(span, prepared.located, labelled))
                )
    baseline_denials = [
        frozenset({(d.article.id, n)})
        for d in gold.docs.docs
        for n, s in enumerate(d.sentences)
        if keyword_stance(d.article.text[s.start : s.end]) == "denies"
    ]
    return [
        score_stances("newsprism", gold, ours, reported),
        score_stances("keyword baseline", gold, words, baseline_denials),
    ]


def score_stances(
    name: str,
    gold: StanceGold,
    read: Mapping[SentenceKey, Stance | None],
    reported: Sequence[frozenset[SentenceKey]],
) -> StanceResult:
    """Score the stances ``read`` for the gold sentences and the ``reported`` denials (each as the gold
    sentences it cites) against ``gold``."""
    confusion: dict[tuple[str, str], int] = {}
    correct = 0
    for key, stance in gold.stances:
        got = read.get(key) or "lost"
        confusion[(stance, got)] = confusion.get((stance, got), 0) + 1
        correct += got == stance
    found = sum(1 for keys in reported if any(keys & d.members for d in gold.denials))
    attached = sum(1 for keys in reported if any(keys & d.members and keys & d.denied for d in gold.denials))
    recalled = sum(1 for d in gold.denials if any(keys & d.members for keys in reported))
    return StanceResult(
        name, len(gold.stances), correct, confusion, len(reported), found, attached, len(gold.denials), recalled
    )
