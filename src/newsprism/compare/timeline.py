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

from ..model import Annotations, Article, Claim, DateMention, Span, TimelineEntry

__all__ = ["build_timeline", "content_words", "event_text"]

# Two same-date events merge at this word overlap (Jaccard of content words),
# or when the shorter shares this fraction of its words and at least
# MIN_SHARED of them.
MERGE_JACCARD = 0.4
MERGE_OVERLAP = 0.6
MIN_SHARED = 4
MANY_SHARED = 6
MANY_OVERLAP = 0.5
MAX_EVENT_CHARS = 220
#: Members of a timeline group an event is compared with before it joins or starts a group.
MERGE_PROBE = 12
_PRECISION = {"year": 0, "month": 1, "day": 2}

_WORD = re.compile(r"[\w$£€%]+(?:['’.,][\w]+)*")
# A post's signature ('— Donald J. Trump (@realDonaldTrump) May 3, 2018'): its date dates the post, not an event.
_SIGNATURE = re.compile(r"\(@\w+\)")


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


def _sentence_at(ann: Annotations, pos: int) -> Span | None:
    """The span of the sentence holding ``pos``; none for a page's stamp ('May 3, 2013 at 7:31 AM ET'), which
    dates the page, not an event, for page furniture (a caption, credit or promo: the NLP pass's
    :attr:`~newsprism.model.Sentence.debris`), nor for a note on the writer
    (:attr:`~newsprism.model.Sentence.writer_note`), nor for a sentence in a speaker's voice
    (:attr:`~newsprism.model.Sentence.voiced`: what someone says, not the outlet's report of an event)."""
    sentence = ann.sentence_at(pos)
    if sentence is None or sentence.page_matter or sentence.voiced:
        return None
    return sentence.span


def _claims_by_article(claims: Sequence[Claim]) -> dict[str, list[tuple[Span, Claim]]]:
    """Each article's sentences in claims, with their claim: the support, then the sentences restating a claim
    (a sentence that supports one claim and restates another belongs to the one it supports)."""
    out: dict[str, list[tuple[Span, Claim]]] = {}
    held = [(span, c) for c in claims for span in c.support] + [(span, c) for c in claims for span in c.restated]
    for span, claim in held:
        out.setdefault(span.article, []).append((span, claim))
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


def _story_years(articles: Sequence[Article]) -> set[str]:
    return {a.published[:4] for a in articles if a.published and a.published[:4].isdigit()}


def _eventful(mention: DateMention, now: set[str]) -> bool:
    """Whether a date mention dates a reported event.

    Not: a date inside a direct quote (the speaker's words, not the outlet's
    report; the NLP pass marks it), or a bare mention of the story's own
    year ('this year', 'in 2020' in a 2020 story), which dates nothing. (A
    number spaCy took for a date is no mention at all: the NLP pass drops it.)
    """
    if mention.quoted:
        return False
    return not (mention.granularity == "year" and (mention.relative or mention.iso[:4] in now))


def _events(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], claims: Sequence[Claim]
) -> list[_Event]:
    supports = _claims_by_article(claims)
    events: list[_Event] = []
    seen: set[tuple[str, str, int]] = set()
    now = _story_years(articles)
    for article in articles:
        ann = annotations.get(article.id)
        if ann is None:
            continue
        # One event per sentence, dated by its most precise date: in "said Tuesday
        # that she would back her 2016 rival", the event is Tuesday's.
        dated: dict[int, tuple[Span, DateMention]] = {}
        for mention in ann.dates:
            if not _eventful(mention, now):
                continue
            sentence = _sentence_at(ann, mention.span.start)
            if sentence is None or _SIGNATURE.search(sentence.text) or sentence.text.rstrip().endswith(("?", ":")):
                continue
            held = dated.get(sentence.start)
            if held is None or _PRECISION[mention.granularity] > _PRECISION[held[1].granularity]:
                dated[sentence.start] = (sentence, mention)
        for sentence, mention in sorted(dated.values(), key=lambda sm: sm[0].start):
            key = (mention.iso, article.id, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            claim = _claim_of(sentence, supports.get(article.id, ()))
            if claim is not None and claim.off_topic:
                continue
            events.append(_Event(mention.iso, sentence, claim.id if claim else None, content_words(sentence.text)))
    return events


def _same_event(a: _Event, b: _Event) -> bool:
    if a.claim is not None and a.claim == b.claim:
        return True
    if not a.words or not b.words:
        return False
    shared = len(a.words & b.words)
    if shared / len(a.words | b.words) >= MERGE_JACCARD:
        return True
    overlap = shared / min(len(a.words), len(b.words))
    # Two long wordings of one event share many words even when each adds its own detail.
    return (shared >= MIN_SHARED and overlap >= MERGE_OVERLAP) or (shared >= MANY_SHARED and overlap >= MANY_OVERLAP)


def _merge(events: Sequence[_Event]) -> list[list[_Event]]:
    """Same-date events that state one event, as groups (first-seen order).

    An event is tried only against the groups of its own date, and against
    the first :data:`MERGE_PROBE` members of each: a group that large has
    settled what the event is, and the cost stays linear in the story's size.
    """
    groups: list[list[_Event]] = []
    by_date: dict[str, list[list[_Event]]] = {}
    for event in events:
        same_day = by_date.setdefault(event.date, [])
        home = next((g for g in same_day if any(_same_event(event, e) for e in g[:MERGE_PROBE])), None)
        if home is None:
            groups.append([event])
            same_day.append(groups[-1])
        else:
            home.append(event)
    return groups


def _representative(group: Sequence[_Event]) -> _Event:
    """The wording closest to the others (most words shared with them, counted once per pair), shorter first on ties."""
    counts: dict[str, int] = {}
    for e in group:
        for w in e.words:
            counts[w] = counts.get(w, 0) + 1

    def score(e: _Event) -> tuple[int, int]:
        # sum over the others of |e.words & o.words| == sum over e's words of the others holding it
        return (sum(counts[w] - 1 for w in e.words), -len(e.sentence.text))

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
