"""Timeline: the story's dated events, merged across articles.

Each resolved date mention makes an event of the sentence that holds it. Two
events merge when they fall on the same date and state the same claim (or
share most of their words), so one event reported by four outlets is one
entry with four support spans. Date mentions inside off-topic claims are left
out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Annotations, Article, Claim, Sentence, Span, TimelineEntry

__all__ = ["build_timeline", "content_words", "event_text"]

# Two same-date events merge at this word overlap (Jaccard of content words),
# or when the shorter shares this fraction of its words and at least
# MIN_SHARED of them.
MERGE_JACCARD = 0.4
MERGE_OVERLAP = 0.6
MIN_SHARED = 4
MAX_EVENT_CHARS = 220

_WORD = re.compile(r"[\w$£€%]+(?:['’.,][\w]+)*")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` that carry meaning (no stop words)."""
    return frozenset(
        w for w in (t.lower().replace("’", "'") for t in _WORD.findall(text)) if w not in STOP_WORDS and len(w) > 1
    )


def event_text(sentence: str, limit: int = MAX_EVENT_CHARS) -> str:
    """A sentence shortened to ``limit`` characters at a word boundary."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


@dataclass(frozen=True, slots=True)
class _Event:
    date: str
    sentence: Span
    claim: str | None
    words: frozenset[str]


def _sentence_at(sentences: Sequence[Sentence], pos: int) -> Span | None:
    for s in sentences:
        if s.span.start <= pos < s.span.end:
            return s.span
    return None


def _claims_by_article(claims: Sequence[Claim]) -> dict[str, list[tuple[Span, Claim]]]:
    out: dict[str, list[tuple[Span, Claim]]] = {}
    for c in claims:
        for span in c.support:
            out.setdefault(span.article, []).append((span, c))
    return out


def _claim_of(sentence: Span, supports: Sequence[tuple[Span, Claim]]) -> Claim | None:
    """The claim whose support overlaps the sentence most."""
    best: tuple[int, Claim] | None = None
    for span, claim in supports:
        if span.overlaps(sentence):
            shared = min(span.end, sentence.end) - max(span.start, sentence.start)
            if best is None or shared > best[0]:
                best = (shared, claim)
    return best[1] if best else None


def _events(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], claims: Sequence[Claim]
) -> list[_Event]:
    supports = _claims_by_article(claims)
    events: list[_Event] = []
    seen: set[tuple[str, str, int]] = set()
    for article in articles:
        ann = annotations.get(article.id)
        if ann is None:
            continue
        for mention in ann.dates:
            sentence = _sentence_at(ann.sentences, mention.span.start)
            if sentence is None:
                continue
            key = (mention.date, article.id, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            claim = _claim_of(sentence, supports.get(article.id, ()))
            if claim is not None and claim.off_topic:
                continue
            events.append(_Event(mention.date, sentence, claim.id if claim else None, content_words(sentence.text)))
    return events


def _same_event(a: _Event, b: _Event) -> bool:
    if a.claim is not None and a.claim == b.claim:
        return True
    if not a.words or not b.words:
        return False
    shared = len(a.words & b.words)
    if shared / len(a.words | b.words) >= MERGE_JACCARD:
        return True
    return shared >= MIN_SHARED and shared / min(len(a.words), len(b.words)) >= MERGE_OVERLAP


def _merge(events: Sequence[_Event]) -> list[list[_Event]]:
    """Same-date events that state one event, as groups (first-seen order)."""
    groups: list[list[_Event]] = []
    for event in events:
        home = next((g for g in groups if g[0].date == event.date and any(_same_event(event, e) for e in g)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    return groups


def _representative(group: Sequence[_Event]) -> _Event:
    """The wording closest to the others, shorter first on ties."""

    def score(e: _Event) -> tuple[int, int]:
        return (sum(len(e.words & o.words) for o in group if o is not e), -len(e.sentence.text))

    return max(group, key=score)


def build_timeline(
    articles: Sequence[Article], annotations: Sequence[Annotations], claims: Sequence[Claim]
) -> tuple[TimelineEntry, ...]:
    """The story's dated events, merged across articles and sorted by date."""
    by_article = {ann.article_id: ann for ann in annotations}
    order = {a.id: n for n, a in enumerate(articles)}
    groups = _merge(_events(articles, by_article, claims))
    entries = []
    for rank, group in enumerate(groups):
        support = tuple(sorted({e.sentence for e in group}, key=lambda s: (order.get(s.article, 0), s.start)))
        text = event_text(_representative(group).sentence.text)
        entries.append(
            (group[0].date, -len({s.article for s in support}), rank, TimelineEntry(group[0].date, text, support))
        )
    entries.sort(key=lambda e: e[:3])
    return tuple(e[3] for e in entries)
