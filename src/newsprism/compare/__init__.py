"""Cross-outlet comparison of one story.

:func:`analyze_story` runs the comparison stages in order; each is a small
module with a plain function over the story's articles and annotations:

    one calendar (align_anchors) ─> EntityIndex (aliases merged) ─> story quotes ─> quote variants
        ─> claims + disagreements ─> framing ─> timeline ─> cited brief
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..config import Settings
from ..model import Annotations, Article, QuoteVariantPair, Story, StoryQuote
from ..nlp.aliases import EntityIndex
from ..nlp.models import Models
from .anchors import align_anchors
from .brief import build_brief
from .claims import ClaimPlan, finish_claims, plan_claims
from .framing import build_framing
from .quote_variants import group_quote_variants
from .timeline import build_timeline

__all__ = [
    "StoryContext",
    "analyze_stories",
    "analyze_story",
    "finish_story",
    "prepare_story",
    "story_quotes",
]


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
    """A headline for the story: the first original news article's title that is not a quote, else any title.

    A quoted headline (“We’re working that out now,” X said) names a remark,
    not the event, and an opinion piece's headline argues; without any title
    the first article's label stands.
    """
    originals = [a for a in articles if a.duplicate_of is None] or list(articles)
    originals = [a for a in originals if a.news and a.title] or originals
    titles = [a.title.strip() for a in originals if a.title and a.title.strip()]
    plain = [t for t in titles if t[0] not in _QUOTE_MARKS and sum(t.count(q) for q in _QUOTE_MARKS) < 2]
    return (plain or titles or [originals[0].label])[0]


@dataclass(frozen=True)
class StoryContext:
    """One story between the two halves of its comparison: everything before any sentence is embedded."""

    story_id: str
    articles: Sequence[Article]
    annotations: Sequence[Annotations]
    index: EntityIndex
    quotes: tuple[StoryQuote, ...]
    variants: tuple[QuoteVariantPair, ...]
    claim_plan: ClaimPlan

    def texts(self) -> list[str]:
        """The texts the second half will embed."""
        return self.claim_plan.texts()


def prepare_story(
    story_id: str,
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    settings: Settings | None = None,
) -> StoryContext:
    """The first half of a story's comparison: one calendar, entities, quotes, claim units and candidates."""
    settings = settings if settings is not None else Settings()
    annotations = align_anchors(articles, annotations)
    index = EntityIndex.build(articles, annotations)
    quotes, variants = group_quote_variants(story_quotes(story_id, annotations, index))
    by_article = {ann.article_id: ann for ann in annotations}
    plan = plan_claims(articles, by_article, index, embed_all=settings.claim_model != "hand")
    return StoryContext(story_id, articles, annotations, index, quotes, variants, plan)


def finish_story(context: StoryContext, *, models: Models, settings: Settings) -> Story:
    """The second half: claims and disagreements, framing, timeline and brief."""
    articles, annotations = context.articles, context.annotations
    claims, disagreements, support = finish_claims(
        context.claim_plan, articles, models=models, settings=settings, story_id=context.story_id
    )
    return Story(
        id=context.story_id,
        title=story_title(articles),
        article_ids=tuple(a.id for a in articles),
        entities=context.index.entities,
        quotes=context.quotes,
        quote_variants=context.variants,
        claims=claims,
        disagreements=disagreements,
        framing=build_framing(articles, annotations, context.index, context.quotes),
        timeline=build_timeline(articles, annotations, claims),
        brief=build_brief(claims, disagreements, articles, annotations, settings=settings, support=support),
    )


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
    return finish_story(prepare_story(story_id, articles, annotations, settings), models=models, settings=settings)


#: Texts gathered from several stories before one encoder call embeds them all.
PREFETCH_TEXTS = 4096


def analyze_stories(
    stories: Iterable[tuple[str, Sequence[Article], Sequence[Annotations]]],
    *,
    models: Models,
    settings: Settings,
) -> Iterator[Story]:
    """Compare many stories, in order, embedding the sentences of several stories in one encoder call.

    Stories are prepared until their texts reach :data:`PREFETCH_TEXTS`, the
    texts are embedded in one batch, then the prepared stories are finished:
    memory stays bounded while the encoder runs on large batches.
    """
    with models.run_vectors():
        pending: list[StoryContext] = []
        size = 0
        for story_id, articles, annotations in stories:
            if not articles:
                yield from _finish_all(pending, models, settings)
                pending, size = [], 0
                yield Story(id=story_id, title=story_id, article_ids=())
                continue
            context = prepare_story(story_id, articles, annotations, settings)
            pending.append(context)
            size += len(context.claim_plan.wanted)
            if size >= PREFETCH_TEXTS:
                yield from _finish_all(pending, models, settings)
                pending, size = [], 0
        yield from _finish_all(pending, models, settings)


def _finish_all(contexts: list[StoryContext], models: Models, settings: Settings) -> Iterator[Story]:
    models.prefetch(text for context in contexts for text in context.texts())
    for context in contexts:
        yield finish_story(context, models=models, settings=settings)
