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

Where a story has a reference summary (``tests/gold/summaries``, written from
the articles before reading newsprism's brief), the brief's worded sentences
are scored against it by ROUGE-2 F1 (bigram overlap, words lowercased, no
stemming), beside the lead-3 baseline: the first three sentences of the
story's first news article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from ..model import Annotations, Article, Story
from .align import Located, sentences_under
from .goldsets import GoldDoc
from .metrics import PRF, share

__all__ = ["BriefFigures", "SummaryFigures", "lead_sentences", "rouge_2", "score_brief", "score_summary"]

#: ROUGE's words: runs of lowercase letters and digits.
_WORD = re.compile(r"[a-z0-9]+")
#: Sentences of the lead baseline.
LEAD = 3


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
        return share(self.supported, self.citations, 1.0)

    @property
    def baseline_rate(self) -> float:
        return share(self.baseline_supported, self.baseline_citations, 1.0)


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


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    """ROUGE-2 F1 of briefs and of the lead-3 baseline, summed over stories with a reference summary."""

    stories: int = 0
    brief: float = 0.0
    lead: float = 0.0

    def __add__(self, other: SummaryFigures) -> SummaryFigures:
        return SummaryFigures(self.stories + other.stories, self.brief + other.brief, self.lead + other.lead)

    @property
    def brief_mean(self) -> float:
        return share(self.brief, self.stories)

    @property
    def lead_mean(self) -> float:
        return share(self.lead, self.stories)


def rouge_2(candidate: str, reference: str) -> float:
    """ROUGE-2 F1 of ``candidate`` against ``reference``: the harmonic mean of bigram precision and recall."""
    ours, theirs = _bigrams(candidate), _bigrams(reference)
    return PRF.of(sum((ours & theirs).values()), sum(ours.values()), sum(theirs.values())).f1


def _bigrams(text: str) -> Counter[tuple[str, str]]:
    words = _WORD.findall(text.casefold())
    return Counter(zip(words, words[1:], strict=False))


def lead_sentences(articles: Sequence[Article], annotations: Mapping[str, Annotations], n: int = LEAD) -> list[str]:
    """The first ``n`` sentences of the first news article (of the first article when none is news)."""
    first = next((a for a in articles if a.news), articles[0] if articles else None)
    ann = annotations.get(first.id) if first is not None else None
    return [" ".join(s.span.text.split()) for s in ann.sentences[:n]] if ann is not None else []


def score_summary(
    story: Story, articles: Sequence[Article], annotations: Mapping[str, Annotations], reference: str
) -> SummaryFigures:
    """ROUGE-2 F1 of the brief's worded sentences (main and single-source, without their labels) and of lead-3."""
    worded = [" ".join(b.span.text.split()) for b in story.brief if b.span is not None and b.section != "disputed"]
    lead = lead_sentences(articles, annotations)
    return SummaryFigures(1, rouge_2(" ".join(worded), reference), rouge_2(" ".join(lead), reference))
