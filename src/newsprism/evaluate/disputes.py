"""Score the numeric and date disputes newsprism reports on hand-labelled stories.

The gold (``tests/gold/disputes``, see its README) lists, for real
multi-outlet stories, every figure and date the outlets give differently for
the same thing, each side's value and every sentence stating it. Each gold
story is analysed as one story (grouping errors do not count here), and each
reported ``numeric`` or ``date`` disagreement is judged by the gold sentences
its two sides cite:

- **true** when two of its sides (the figures each side cites, else the
  sentences of its two claims) hit two different sides of one gold dispute
  of that kind, from different articles, each side's figures written with a
  number of its gold side's value (where the report gives values);
- **evolving** when they hit only a dispute labelled ``evolving`` (a toll
  that plausibly grew between publications): counted neither way, printed apart;
- **false** otherwise, and **same outlet** when an outlet stands on both sides.

Recall is over the gold disputes not labelled evolving. A simple baseline
scored the same way: two sentences of different outlets whose numbers are
followed by the same word with different values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Article, Story
from ..nlp.models import Models
from ..nlp.numbers import number_value
from .align import Located
from .cache import EvalCache
from .goldsets import GoldDoc, GoldSet, SentenceKey, read_split, sentence_keys, split_names, story_docs
from .run import PreparedGold, analyze_gold_stories, gold_sentences, prepare_scoring

__all__ = [
    "DisputeGold",
    "DisputeResult",
    "GoldDispute",
    "Reported",
    "dispute_split",
    "evaluate_disputes",
    "figure_baseline",
    "judge",
    "load_dispute_gold",
]

KINDS = ("numeric", "date")


@dataclass(frozen=True, slots=True)
class GoldDispute:
    """One labelled dispute: each side's value and the gold sentences stating it."""

    story: str
    kind: str
    what: str
    values: tuple[str, ...]
    sides: tuple[frozenset[SentenceKey], ...]
    evolving: bool = False


@dataclass(frozen=True)
class DisputeGold:
    """The dispute stories: their articles and sentences, and the labelled disputes."""

    docs: GoldSet
    disputes: tuple[GoldDispute, ...]
    #: (story, kind, sentence keys, why) of the labelled look-alikes that are no dispute
    alike: tuple[tuple[str, str, frozenset[SentenceKey], str], ...] = ()


@dataclass(frozen=True, slots=True)
class Reported:
    """A reported dispute as gold sentences: the sentences each side cites, and the articles' outlets."""

    story: str
    kind: str
    sides: tuple[frozenset[SentenceKey], ...]
    outlets: tuple[frozenset[str], ...] = ()
    text: str = ""
    #: The numbers each side's figures are written with (empty where the report gives no values).
    values: tuple[frozenset[float], ...] = ()


@dataclass(frozen=True)
class DisputeResult:
    """Figures for one way of finding disputes, per kind."""

    name: str
    reported: Mapping[str, int]
    true: Mapping[str, int]
    evolving: Mapping[str, int]
    same_outlet: Mapping[str, int]
    found: Mapping[str, int]  # gold disputes (not evolving) that a true report hit
    gold: Mapping[str, int]  # gold disputes, not evolving
    false_examples: tuple[Reported, ...] = field(default=())

    def precision(self, kind: str) -> float:
        judged = self.reported.get(kind, 0) - self.evolving.get(kind, 0)
        return self.true.get(kind, 0) / judged if judged else 0.0

    def recall(self, kind: str) -> float:
        total = self.gold.get(kind, 0)
        return self.found.get(kind, 0) / total if total else 0.0


def dispute_split(folder: Path) -> tuple[list[str], list[str]]:
    """The dispute gold's (fit, held-back) story names, from ``split.json`` beside ``folder``.

    The dispute rules are developed on the fit stories only; every story
    added after them is held back and scored with what was built.
    """
    fit = set(read_split(folder)["disputes_fit"])
    return split_names(folder, fit.__contains__)


def load_dispute_gold(folder: Path, names: Sequence[str] | None = None) -> DisputeGold:
    """The labelled dispute stories in ``folder`` (``*.json``), or only those named."""
    docs: list[GoldDoc] = []
    disputes: list[GoldDispute] = []
    alike: list[tuple[str, str, frozenset[SentenceKey], str]] = []
    paths = sorted(folder.glob("*.json"))
    if names is not None:
        paths = [p for p in paths if p.stem in set(names)]
    for path in paths:
        try:
            story = json.loads(path.read_text(encoding="utf-8"))
            slug = story["story"]
            story_articles = story_docs(story)
            docs.extend(story_articles)
            keys = sentence_keys(story, story_articles)
            for item in story["disputes"]:
                disputes.append(
                    GoldDispute(
                        slug,
                        item["kind"],
                        item.get("what", ""),
                        tuple(side["value"] for side in item["sides"]),
                        tuple(frozenset(keys[k] for k in side["members"]) for side in item["sides"]),
                        bool(item.get("evolving", False)),
                    )
                )
            for item in story.get("alike", ()):
                alike.append((slug, item["kind"], frozenset(keys[k] for k in item["members"]), item.get("why", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(path), f"not a dispute gold file: {exc}") from exc
    return DisputeGold(GoldSet(f"dispute gold ({len(paths)} stories)", tuple(docs)), tuple(disputes), tuple(alike))


def reported_disputes(
    label: str, story: Story, located: Mapping[str, Sequence[Located]], outlets: Mapping[str, str]
) -> list[Reported]:
    """The story's numeric and date disagreements as gold sentences, side by side."""
    claims = {c.id: c for c in story.claims}
    labelled = frozenset((a, n) for a, where in located.items() for n in range(len(where)))
    out: list[Reported] = []
    for item in story.disagreements:
        if item.kind not in KINDS:
            continue
        values: tuple[frozenset[float], ...] = ()
        if item.sides:  # each side's figures as written
            groups = [side.spans for side in item.sides]
            values = tuple(numbers(" ".join(span.text for span in side.spans)) for side in item.sides)
        elif len(item.claims) == 2:  # else the two claims' sentences
            groups = [claims[claim_id].support for claim_id in item.claims]
        else:
            continue
        sides = [frozenset(k for span in group for k in gold_sentences(span, located, labelled)) for group in groups]
        side_outlets = tuple(frozenset(outlets.get(k[0], k[0]) for k in side) for side in sides)
        out.append(Reported(label, item.kind, tuple(sides), side_outlets, item.explanation, values))
    return out


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+")


def numbers(text: str) -> frozenset[float]:
    """The numbers a value is written with, in digits or words: 'more than two dozen (27 bodies)' -> 2, 12, 27."""
    found = (number_value(word) for word in _NUMBER.findall(text) if word.lower() not in ("a", "an"))
    return frozenset(v for v in found if v is not None)


def judge(reported: Sequence[Reported], gold: DisputeGold, name: str) -> DisputeResult:
    """Score reported disputes against the gold (see the module docstring)."""
    by_story: dict[tuple[str, str], list[GoldDispute]] = {}
    for dispute in gold.disputes:
        by_story.setdefault((dispute.story, dispute.kind), []).append(dispute)
    counts: dict[str, dict[str, int]] = {k: dict.fromkeys(KINDS, 0) for k in ("reported", "true", "evolving", "same")}
    found: set[GoldDispute] = set()
    false: list[Reported] = []
    for item in reported:
        counts["reported"][item.kind] += 1
        if any(a & b for n, a in enumerate(item.outlets) for b in item.outlets[n + 1 :]):
            counts["same"][item.kind] += 1
        hits = [d for d in by_story.get((item.story, item.kind), ()) if _hits(item, d)]
        real = [d for d in hits if not d.evolving]
        if real:
            counts["true"][item.kind] += 1
            found.update(real)
        elif hits:
            counts["evolving"][item.kind] += 1
        else:
            false.append(item)
    totals = {k: sum(1 for d in gold.disputes if d.kind == k and not d.evolving) for k in KINDS}
    return DisputeResult(
        name,
        counts["reported"],
        counts["true"],
        counts["evolving"],
        counts["same"],
        {k: sum(1 for d in found if d.kind == k) for k in KINDS},
        totals,
        tuple(false),
    )


def _hits(item: Reported, dispute: GoldDispute) -> bool:
    """Whether two of the report's sides land on two different sides of ``dispute``, from different articles,
    each with the value of its gold side where the report gives values (a sentence stating a toll and another
    figure does not make a dispute over the other figure a hit)."""
    for m, a in enumerate(item.sides):
        for n in range(m + 1, len(item.sides)):
            b = item.sides[n]
            for i, side_i in enumerate(dispute.sides):
                for j, side_j in enumerate(dispute.sides):
                    left, right = a & side_i, b & side_j
                    if i == j or not left or not right or {k[0] for k in left} == {k[0] for k in right}:
                        continue
                    if _agrees(item, m, dispute.values[i]) and _agrees(item, n, dispute.values[j]):
                        return True
    return False


def _agrees(item: Reported, side: int, gold_value: str) -> bool:
    """Whether a reported side's figures share a number with the gold side's value (true when either has none)."""
    if not item.values:
        return True
    wanted = numbers(gold_value)
    return not wanted or not item.values[side] or bool(item.values[side] & wanted)


def evaluate_disputes(
    gold: DisputeGold,
    *,
    settings: Settings,
    models: Models | None = None,
    cache: EvalCache | None = None,
    prepared: PreparedGold | None = None,
    finders: Mapping[str, Callable[[str, Story, Sequence[Article], PreparedGold], list[Reported]]] | None = None,
) -> list[DisputeResult]:
    """newsprism's disputes and the figure baseline's (and any other ``finders``), scored on ``gold``."""
    prepared = prepared or prepare_scoring(gold.docs, settings, models, cache)
    outlets = {d.article.id: d.article.outlet or d.article.id for d in gold.docs.docs}
    found: dict[str, list[Reported]] = {"newsprism": [], "figure baseline": []}
    extra = dict(finders or {})
    for name in extra:
        found[name] = []
    for label, _, articles, story in analyze_gold_stories(gold.docs, prepared, settings, "d"):
        found["newsprism"].extend(reported_disputes(label, story, prepared.located, outlets))
        found["figure baseline"].extend(figure_baseline(label, articles, prepared.located, outlets))
        for name, finder in extra.items():
            found[name].extend(finder(label, story, articles, prepared))
    return [judge(items, gold, name) for name, items in found.items()]


_FIGURE = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]+)")


def figure_baseline(
    label: str, articles: Sequence[Article], located: Mapping[str, Sequence[Located]], outlets: Mapping[str, str]
) -> list[Reported]:
    """Two sentences of different outlets, each with a number followed by the same word, the numbers different."""
    figures: dict[str, list[tuple[SentenceKey, str]]] = {}
    for article in articles:
        for n, where in enumerate(located.get(article.id, ())):
            if where is None:
                continue
            for m in _FIGURE.finditer(article.text[where[0] : where[1]]):
                figures.setdefault(m.group(2).lower(), []).append(((article.id, n), m.group(1)))
    out: list[Reported] = []
    seen: set[tuple[SentenceKey, SentenceKey]] = set()
    for items in figures.values():
        for i, (ka, va) in enumerate(items):
            for kb, vb in items[i + 1 :]:
                oa, ob = outlets.get(ka[0], ka[0]), outlets.get(kb[0], kb[0])
                if oa == ob or va == vb or (ka, kb) in seen:
                    continue
                seen.add((ka, kb))
                sides = (frozenset({ka}), frozenset({kb}))
                out.append(Reported(label, "numeric", sides, (frozenset({oa}), frozenset({ob}))))
    return out
