"""Cross-outlet comparison of one story.

:func:`analyze_story` runs the comparison stages in order; each is a small
module with a plain function over the story's articles and annotations:

    one calendar (align_anchors) ─> EntityIndex (aliases merged) ─> story quotes ─> quote variants
        ─> claims + disagreements ─> framing ─> timeline ─> cited brief
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Annotations, Article, Story, StoryQuote
from ..nlp.aliases import EntityIndex
from ..nlp.models import Models
from .anchors import align_anchors
from .brief import build_brief
from .claims import compare_claims
from .framing import build_framing
from .quote_variants import group_quote_variants
from .timeline import build_timeline

__all__ = ["analyze_story", "story_quotes"]


def story_quotes(story_id: str, annotations: Sequence[Annotations], index: EntityIndex) -> tuple[StoryQuote, ...]:
    """The story's quotes in article order, speakers named by their canonical entity.

    A speaker the index does not know keeps the name the article gives.
    """
    out: list[StoryQuote] = []
    for ann in annotations:
        for quote in ann.quotes:
            entity = index.lookup(quote.speaker) if quote.speaker else None
            out.append(
                StoryQuote(
                    id=f"{story_id}-q{len(out) + 1}",
                    span=quote.span,
                    speaker=entity.name if entity is not None else quote.speaker,
                    speaker_entity=entity.id if entity is not None else None,
                    verb=quote.verb,
                )
            )
    return tuple(out)


_QUOTE_MARKS = "\"“”‘’'«»"


def story_title(articles: Sequence[Article]) -> str:
    """A headline for the story: the first original article's title that is not a quote, else any title.

    A quoted headline (“We’re working that out now,” X said) names a remark,
    not the event; without any title the first article's label stands.
    """
    originals = [a for a in articles if a.duplicate_of is None] or list(articles)
    titles = [a.title.strip() for a in originals if a.title and a.title.strip()]
    plain = [t for t in titles if t[0] not in _QUOTE_MARKS and sum(t.count(q) for q in _QUOTE_MARKS) < 2]
    return (plain or titles or [originals[0].label])[0]


def analyze_story(
    story_id: str,
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    *,
    models: Models,
    settings: Settings,
) -> Story:
    """Compare how the ``articles`` of one story report it."""
    if not articles:
        return Story(id=story_id, title=story_id, article_ids=())
    annotations = align_anchors(articles, annotations)
    index = EntityIndex.build(articles, annotations)
    quotes, variants = group_quote_variants(story_quotes(story_id, annotations, index))
    by_article = {ann.article_id: ann for ann in annotations}
    claims, disagreements = compare_claims(
        articles, by_article, index, models=models, settings=settings, story_id=story_id
    )
    return Story(
        id=story_id,
        title=story_title(articles),
        article_ids=tuple(a.id for a in articles),
        entities=index.entities,
        quotes=quotes,
        quote_variants=variants,
        claims=claims,
        disagreements=disagreements,
        framing=build_framing(articles, annotations, index, quotes),
        timeline=build_timeline(articles, annotations, claims),
        brief=build_brief(claims, disagreements, articles, annotations, settings=settings),
    )
