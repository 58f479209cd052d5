"""One article as its page shows it: its text cut into pieces, each piece marked with what the story's
analysis found there (a claim other outlets share, one only this outlet states, a side of a disagreement, a
quote), and what cleaning removed from the input, by reason.

Marks come from the spans of the article's story, so every mark is an exact stretch of the text
(``article.text[start:end]``); overlapping marks cut the text where any of them starts or ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..listing import independent_voices
from ..model import Article, Removal, Span, Story

__all__ = ["HIGHLIGHT_KINDS", "ArticleView", "Highlight", "Piece", "build_article_view"]

#: What a mark can say, in the order the legend lists them: (kind, words).
HIGHLIGHT_KINDS = (
    ("shared", "a claim other outlets also report"),
    ("single", "a claim only this outlet reports"),
    ("disputed", "a side of a disagreement"),
    ("quote", "a quote"),
)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stretch of the text and what was found there."""

    start: int
    end: int
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the text with the marks covering all of it (none: plain text)."""

    text: str
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    story: Story | None
    pieces: tuple[Piece, ...]
    #: How many marks of each kind.
    counts: Mapping[str, int]
    #: What cleaning removed, by reason, in the order first met.
    removed: Mapping[str, tuple[Removal, ...]]


def _highlights(article: Article, story: Story, articles: Mapping[str, Article]) -> list[Highlight]:
    mine = article.id

    def own(spans: tuple[Span, ...]) -> list[Span]:
        return [s for s in spans if s.article == mine and s.start < s.end and article.text[s.start : s.end] == s.text]

    out: list[Highlight] = []
    for claim in story.claims:
        if claim.off_topic:
            continue
        outlets = len(independent_voices(articles, (s.article for s in claim.support)))
        kind = "shared" if outlets > 1 else "single"
        note = f"Claim reported by {outlets} outlet{'' if outlets == 1 else 's'}"
        out += [Highlight(s.start, s.end, kind, note) for s in own((*claim.support, *claim.restated))]
    for d in story.disagreements:
        spans = {(s.start, s.end) for s in own(d.spans)} | {(s.start, s.end) for side in d.sides for s in own(side.spans)}
        out += [Highlight(start, end, "disputed", f"Disagreement ({d.kind}): {d.explanation}") for start, end in sorted(spans)]
    for q in story.quotes:
        speaker = q.speaker or "an unnamed speaker"
        out += [Highlight(s.start, s.end, "quote", f"Quote of {speaker}") for s in own((q.span,))]
    return out


def _pieces(text: str, highlights: list[Highlight]) -> tuple[Piece, ...]:
    """The text cut wherever a mark starts or ends; each piece carries the marks covering it."""
    cuts = sorted({0, len(text), *(h.start for h in highlights), *(h.end for h in highlights)})
    starting: dict[int, list[Highlight]] = {}
    for h in highlights:
        starting.setdefault(h.start, []).append(h)
    open_: list[Highlight] = []
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        open_ = [h for h in open_ if h.end > start] + starting.get(start, [])
        kinds = tuple(dict.fromkeys(h.kind for h in open_))
        notes = tuple(dict.fromkeys(h.note for h in open_))
        pieces.append(Piece(text[start:end], kinds, notes))
    return tuple(pieces)


def build_article_view(article: Article, story: Story | None, articles: Mapping[str, Article]) -> ArticleView:
    """The view of ``article``; ``story``: the story holding it (``None``: none, the text is unmarked);
    ``articles``: that story's articles by id (to count the outlets stating each claim)."""
    highlights = _highlights(article, story, articles) if story is not None else []
    counts: dict[str, int] = {kind: 0 for kind, _ in HIGHLIGHT_KINDS}
    for h in highlights:
        counts[h.kind] += 1
    removed: dict[str, list[Removal]] = {}
    for r in article.removed:
        removed.setdefault(r.reason, []).append(r)
    return ArticleView(
        article=article,
        story=story,
        pieces=_pieces(article.text, highlights),
        counts=counts,
        removed={reason: tuple(rs) for reason, rs in removed.items()},
    )
