"""The brief against the story gold: are its citations backed, and does it carry opinion?

The hand-made story gold (``tests/gold/stories``) labels every sentence of
every article: the facts it shares with other articles (its groups) and
whether it is the writer's own opinion. A brief sentence gives the words of
one article's sentence (``BriefSentence.span``) and cites further articles
for it. Judged against the gold, not against the scorer that chose them:

- a citation of another article is **supported** when that article has a
  labelled sentence in one of the fact groups of the worded sentence;
- a worded sentence is an **opinion sentence** when the gold marks it so.

The baseline cites every article of the story for the same sentences: what
citing without alignment gets right.

Disputes are worded by the brief from both sides and are not judged here.
A worded sentence whose span lies on no labelled gold sentence (cleaning
moved it out of reach) is counted as unjudged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from ..model import Story
from .align import Located, sentences_under
from .goldsets import GoldDoc

__all__ = ["BriefFigures", "score_brief"]


@dataclass(frozen=True, slots=True)
class BriefFigures:
    """Counts over the worded sentences of one or more briefs."""

    sentences: int = 0
    citations: int = 0
    supported: int = 0
    opinion: int = 0
    unjudged: int = 0
    #: The baseline: every other article of the story cited for each judged sentence.
    baseline_citations: int = 0
    baseline_supported: int = 0

    def __add__(self, other: BriefFigures) -> BriefFigures:
        return BriefFigures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def support_rate(self) -> float:
        """Share of citations of other articles that the gold backs (1.0 when there are none)."""
        return self.supported / self.citations if self.citations else 1.0

    @property
    def baseline_rate(self) -> float:
        return self.baseline_supported / self.baseline_citations if self.baseline_citations else 1.0


def score_brief(story: Story, docs: Sequence[GoldDoc], located: Mapping[str, Sequence[Located]]) -> BriefFigures:
    """Judge ``story``'s brief against the gold of its documents."""
    gold = {d.article.id: d for d in docs}
    facts: dict[str, set[str]] = {}  # article -> fact groups it states
    for d in docs:
        facts[d.article.id] = {g for s in d.sentences if s.labelled for g in s.groups}
    counts = {f.name: 0 for f in fields(BriefFigures)}
    for sentence in story.brief:
        span = sentence.span
        if sentence.section == "disputed" or span is None or span.article not in gold:
            continue
        doc = gold[span.article]
        under = [
            doc.sentences[n]
            for n in sentences_under(span.start, span.end, located.get(span.article, ()))
            if doc.sentences[n].labelled
        ]
        if not under:
            counts["unjudged"] += 1
            continue
        counts["sentences"] += 1
        counts["opinion"] += any(s.opinion for s in under)
        groups = {g for s in under for g in s.groups}
        for article in sentence.articles:
            if article != span.article:
                counts["citations"] += 1
                counts["supported"] += bool(groups & facts.get(article, set()))
        for article in gold:
            if article != span.article:
                counts["baseline_citations"] += 1
                counts["baseline_supported"] += bool(groups & facts[article])
    return BriefFigures(**counts)
