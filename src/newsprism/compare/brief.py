"""The cited brief: a short, neutral, extractive summary of one story.

Sentences are picked from the claims' own support (never written anew), so
every sentence cites the claims it states and only articles that carry them:
each cited article has a sentence in a cited claim. A claim joins sentences
by average link, and two of them can be each other's best match yet say
different things (two remarks of one speaker on one subject), so another
article is cited only where its sentence states the worded one surely enough
by the fitted pair model (``settings.brief_cite_probability``, over the table the
comparison makes: :mod:`.claims.support`); of a claim's sentences, the brief
words it with the one the most other outlets state so.

The main brief prefers claims that the most independent outlets carry
(reprints count once), that are central to the story, and whose best wording
is neutral: plain attribution ('said' over 'claimed'), no loaded terms, not a
bare quote, no caption or promo debris, no note on the writer. A speaker's
words are worded only where the sentence says who speaks: not from 'he said
...' or from the middle of a quote whose speaker another sentence names. Then come two sections:
``single_source`` ('Reported only by ...': salient claims one outlet carries)
and ``disputed`` (the disagreements, citing both sides).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..config import Settings
from ..lexicon import reporting_verbs
from ..model import Annotations, Article, BriefSentence, Claim, Disagreement, Sentence, Span
from ..nlp.stance import sentence_stance
from .claims.support import SupportTable, support_between
from .claims.units import words_in
from .framing import find_loaded_terms

__all__ = ["build_brief", "score_wording"]

MIN_SENTENCES = 5
#: The whole brief (all its sections): 4 sentences for one or two outlets, 4 more per further outlet, at most 10.
MIN_BRIEF = 4
PER_OUTLET = 4
MAX_BRIEF = 10
#: Sentences of the brief kept for facts only one outlet reports, when several outlets cover the story.
SINGLE_RESERVE = 2
MIN_WORDS = 6
MAX_WORDS = 50
# Wordings scoring below this are debris (captions, promos, fragments): never used.
MIN_QUALITY = -2.5
# Two picks this similar (content-word overlap of the shorter) say the same thing.
REDUNDANT_OVERLAP = 0.6
# Weight of a claim's earliness in its articles: news writing puts the news first.
POSITION_WEIGHT = 0.75
# Dates this many days before publication are background, told after the news.
BACKGROUND_DAYS = 7

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class _Context:
    """What scoring needs to know about the story."""

    articles: Mapping[str, Article]
    annotations: Mapping[str, Annotations]
    order: Mapping[str, int]
    df: Mapping[str, int]
    n_sources: int
    word_sets: dict[tuple[str, int, int], frozenset[str]] = field(default_factory=dict)  # (:meth:`words`)
    #: How surely two sentences of a claim state one fact (from the comparison), and the bar for citing.
    support: SupportTable | None = None
    cite_at: float = 0.0

    def sentence_at(self, span: Span) -> Sentence | None:
        """The annotated sentence in which ``span`` starts."""
        ann = self.annotations.get(span.article)
        return ann.sentence_at(span.start) if ann is not None else None

    def source(self, article_id: str) -> str:
        return _source(self.articles, article_id)

    def words(self, span: Span) -> frozenset[str]:
        """The content words in ``span`` as written (lower-cased, plural nouns singular), as the NLP pass read
        them; kept for the story, since candidates and the test for repeats ask for the same spans again."""
        key = (span.article, span.start, span.end)
        found = self.word_sets.get(key)
        if found is None:
            found = self.word_sets[key] = self._words(span)
        return found

    def _words(self, span: Span) -> frozenset[str]:
        ann = self.annotations.get(span.article)
        if ann is None:
            return frozenset()
        # every content word counts here, short figures too ('12' people, a '7-2' vote)
        over = ann.sentences_over(span.start, span.end)
        return frozenset().union(*(words_in(s.lemmas, s.forms, span.start, span.end, shortest=1) for s in over))


def _source(articles: Mapping[str, Article], article_id: str) -> str:
    """The independent source an article counts as: a reprint counts as its original."""
    article = articles.get(article_id)
    seen: set[str] = set()
    while article is not None and article.duplicate_of and article.duplicate_of not in seen:
        seen.add(article.id)
        if article.duplicate_of not in articles:
            return article.duplicate_of
        article = articles[article.duplicate_of]
    if article is None:
        return article_id
    return article.voice if article.outlet else article.id.casefold()


def _quoted_chars(span: Span, ann: Annotations | None) -> int:
    if ann is None:
        return 0
    total = 0
    for q in ann.quotes:
        lo, hi = max(q.span.start, span.start), min(q.span.end, span.end)
        total += max(0, hi - lo)
    return total


def score_wording(span: Span, ann: Annotations | None = None) -> float:
    """How well a sentence reads in a neutral brief: 0 is clean, lower is worse.

    Penalises loaded terms and bare quotes; with ``ann``, also what is on the
    page but no part of the story (:attr:`~newsprism.model.Sentence.page_matter`:
    captions, promos, a note on the writer), sentences without an ending,
    sentences in a speaker's voice, openings that need the previous sentence
    and non-neutral reporting verbs in the writer's voice, which are read from
    the NLP pass (without it they are not judged).
    """
    text = span.text.strip()
    n_words = len(text.split())
    score = 0.0
    over = ann.sentences_over(span.start, span.end) if ann else ()
    if over and not over[-1].ended:
        score -= 3.0
    if any(s.page_matter for s in over):
        score -= 4.0
    if n_words < MIN_WORDS:
        score -= 2.0
    elif n_words > MAX_WORDS:
        score -= 1.0
    quote_ranges = [(q.span.start - span.start, q.span.end - span.start) for q in ann.quotes] if ann else []
    judged = [
        (j.start - span.start, j.end - span.start)
        for s in over
        for j in s.judged
        if span.start <= j.start and j.end <= span.end
    ]
    score -= min(2.0, 1.0 * len(find_loaded_terms(span.text, skip=[*quote_ranges, *judged])))
    quoted = _quoted_chars(span, ann) / max(1, len(span.text))
    if quoted > 0.6:
        score -= 2.0
    elif quoted > 0.3:
        score -= 0.5
    if text[:1] in "\"“‘'":
        score -= 1.0
    if any(s.voiced for s in over):
        score -= 3.0  # a speaker's words ("We're still in a primary season."), not the outlet's report
    if _charged_verb(span, over, quote_ranges):
        score -= 0.75
    if text.startswith(("...", "…")):
        score -= 2.0  # a fragment continued from elsewhere
    elif over and over[0].opener == "refers_back":
        score -= 1.0
    elif over and over[0].opener == "connective":
        score -= 0.5
    if text.endswith("?"):
        score -= 1.0
    return score


def _charged_verb(span: Span, sentences: Sequence[Sentence], quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether the writer's words in ``span`` (outside ``quotes``, offsets within it) use an assertive or
    conceding word of saying: 'claimed', 'insisted', 'admitted', or the noun 'claims', by the lemmas of the
    NLP pass (``sentences``: those the span overlaps)."""
    lexicon = reporting_verbs()
    for sentence in sentences:
        for offset, lemma in sentence.lemmas:
            at = offset - span.start
            if (
                0 <= at < len(span.text)
                and lexicon.get(lemma) in ("assertive", "concession")
                and not any(lo <= at < hi for lo, hi in quotes)
            ):
                return True
    return False


def _document_frequency(
    articles: Sequence[Article], by_id: Mapping[str, Article], annotations: Mapping[str, Annotations]
) -> dict[str, int]:
    """Content word (as written) -> how many independent sources use it."""
    per_source: dict[str, set[str]] = {}
    for a in articles:
        ann = annotations.get(a.id)
        words = per_source.setdefault(_source(by_id, a.id), set())
        for sentence in ann.sentences if ann is not None else ():
            words.update(sentence.forms)
    df: Counter[str] = Counter()
    for words in per_source.values():
        df.update(words)
    return dict(df)


def _centrality(span: Span, ctx: _Context) -> float:
    """Share of the sentence's words that other sources also use (0..1)."""
    words = ctx.words(span)
    if not words or ctx.n_sources < 2:
        return 0.0
    return sum(min(1.0, (ctx.df.get(w, 1) - 1) / (ctx.n_sources - 1)) for w in words) / len(words)


@dataclass(frozen=True, slots=True)
class _Candidate:
    claim: Claim
    span: Span  # the chosen wording
    articles: tuple[str, ...]  # cited: supporting articles that do not deny it
    sources: int
    quality: float
    centrality: float
    position: float
    score: float
    date: str | None


def _position(span: Span, ctx: _Context) -> float:
    article = ctx.articles.get(span.article)
    return span.start / max(1, len(article.text)) if article else 1.0


def _date_of(claim: Claim, chosen: Span, ctx: _Context) -> str | None:
    dates: Counter[str] = Counter()
    for span in (chosen, *claim.support):
        ann = ctx.annotations.get(span.article)
        for d in ann.dates if ann else ():
            if span.contains(d.span):
                if span is chosen:
                    return d.iso
                dates[d.iso] += 1
    return dates.most_common(1)[0][0] if dates else None


def _unattributed(span: Span, ctx: _Context) -> bool:
    """A speaker's sentence that does not say who speaks: 'he said ...' (the name is in another sentence), or
    one inside a quote whose speaker another sentence names. The brief gives a speaker's words only as an
    attributed statement, so such a sentence does not word it (its article is still cited)."""
    sentence = ctx.sentence_at(span)
    ann = ctx.annotations.get(span.article)
    if sentence is None or ann is None:
        return False
    if sentence.subject_pronoun:
        return True
    framed = sentence.report_verb or sentence.content or sentence.speech_act or sentence.hedged
    return not framed and sentence_stance(sentence, ann.quotes) == "reports"


def _candidate(claim: Claim, ctx: _Context) -> _Candidate | None:
    # opinion and analysis are compared and shown, but the brief neither takes its wording from them nor cites them
    cited = [
        s
        for s in claim.support
        if claim.stance.get(s.article) != "denied" and s.article in ctx.articles and ctx.articles[s.article].news
    ]
    if not cited or claim.off_topic:
        return None
    worded = [s for s in cited if not _unattributed(s, ctx)]
    if not worded:
        return None
    scored = [(score_wording(s, ctx.annotations.get(s.article)), s) for s in worded]
    usable = [qs for qs in scored if qs[0] >= MIN_QUALITY]
    if not usable:
        return None

    def stated_by(wording: Span) -> int:
        return sum(_states_wording(claim, wording, s, ctx) for s in cited if s.article != wording.article)

    # the wording other outlets state the most, then the most neutral and central
    quality, span = max(
        usable, key=lambda qs: (stated_by(qs[1]), qs[0] + _centrality(qs[1], ctx), -ctx.order[qs[1].article])
    )
    sources = len({ctx.source(s.article) for s in cited})
    centrality = _centrality(span, ctx)
    position = sum(_position(s, ctx) for s in cited) / len(cited)
    info = min(1.0, 0.5 * bool(_DIGIT.search(span.text)) + 0.1 * _mentions_in(span, ctx))
    score = 2.0 * sources + 1.5 * centrality + POSITION_WEIGHT * (1.0 - position) + quality + info
    # the claim's outlets rank it (how widely it is reported); the wording cites only those that state it
    stating = (s.article for s in cited if _states_wording(claim, span, s, ctx))
    articles = tuple(sorted(dict.fromkeys(stating), key=ctx.order.__getitem__))
    return _Candidate(claim, span, articles, sources, quality, centrality, position, score, _date_of(claim, span, ctx))


def _states_wording(claim: Claim, worded: Span, span: Span, ctx: _Context) -> bool:
    """Whether the brief cites ``span``'s article for the ``worded`` sentence: its own article, or one whose
    sentences in the claim (its support and restatements) state the worded fact by the fitted pair model, with
    at least ``brief_cite_probability``. A claim joins sentences by average link, so two of them can be each other's
    best match and still say different things; the brief cites only what states its wording."""
    if span.article == worded.article or ctx.support is None or ctx.cite_at <= 0:
        return True
    spans = (span, *(r for r in claim.restated if r.article == span.article))
    return any((p := support_between(ctx.support, worded, s)) is not None and p >= ctx.cite_at for s in spans)


def _mentions_in(span: Span, ctx: _Context) -> int:
    ann = ctx.annotations.get(span.article)
    return sum(1 for m in ann.mentions if span.contains(m.span)) if ann else 0


def _redundant(span: Span, chosen: Sequence[_Candidate], ctx: _Context) -> bool:
    words = ctx.words(span)
    for c in chosen:
        other = ctx.words(c.span)
        if words and other and len(words & other) / min(len(words), len(other)) >= REDUNDANT_OVERLAP:
            return True
    return False


def _pick(
    pool: Sequence[_Candidate], limit: int, chosen: list[_Candidate], ctx: _Context, *, salience: bool = False
) -> list[_Candidate]:
    """The best of ``pool`` (by score, or by salience), skipping what ``chosen`` already says."""
    picked: list[_Candidate] = []
    for cand in sorted(pool, key=lambda c: -(c.score + c.centrality if salience else c.score)):
        if len(picked) >= limit:
            break
        if not _redundant(cand.span, chosen + picked, ctx):
            picked.append(cand)
    return picked


def _news_cutoff(articles: Sequence[Article], picks: Sequence[_Candidate]) -> str:
    """The earliest date that still counts as the story's news: a week before it was published.

    Without published dates, a week before the latest date the picks mention.
    """
    published = sorted(a.published[:10] for a in articles if a.published and len(a.published) >= 10)
    anchor = published[0] if published else max((c.date for c in picks if c.date and len(c.date) == 10), default="")
    if not anchor:
        return ""
    try:
        return (date.fromisoformat(anchor) - timedelta(days=BACKGROUND_DAYS)).isoformat()
    except ValueError:
        return ""


def _background(day: str | None, cutoff: str) -> bool:
    """Whether a date ('2008', '2013-03', '2013-06-01') lies before the news: compared at its own precision."""
    return bool(day and cutoff and day < cutoff[: len(day)])


def _ordered(picks: Sequence[_Candidate], cutoff: str = "") -> list[_Candidate]:
    """The lead (best, and early in the articles) first; then the story's dated news in date order; then
    undated facts by importance; background (dated before the news) last, in date order."""
    if not picks:
        return []
    lead = max(picks, key=lambda c: c.score + 1.5 * (1.0 - c.position))  # the news comes first in articles
    rest = [c for c in picks if c is not lead]
    background = sorted((c for c in rest if _background(c.date, cutoff)), key=lambda c: (c.date or "", -c.score))
    rest = [c for c in rest if not _background(c.date, cutoff)]
    dated = sorted((c for c in rest if c.date), key=lambda c: (c.date or "", -c.score))
    undated = sorted((c for c in rest if not c.date), key=lambda c: (-c.score, c.position))
    return [lead, *dated, *undated, *background]


def _text(span: Span, ann: Annotations | None) -> str:
    """The sentence as the brief prints it: whitespace collapsed, a wire dateline it opens with dropped."""
    first = ann.sentence_at(span.start) if ann else None
    dateline = first.dateline if first is not None else None
    text = span.text
    if dateline is not None and span.start <= dateline.start and dateline.end < span.end:
        text = text[dateline.end - span.start :]
    return " ".join(text.split())


def _disputed(
    disagreements: Sequence[Disagreement], claims: Mapping[str, Claim], ctx: _Context, limit: int
) -> list[BriefSentence]:
    out = []
    for d in disagreements:
        listed = [claims[c] for c in d.claims if c in claims]
        supporting = {s.article for c in listed for s in c.support}
        articles = [s.article for s in d.spans if s.article in supporting]
        if not articles:
            articles = [s.article for c in listed for s in c.support]
        articles = sorted(dict.fromkeys(a for a in articles if a in ctx.order), key=ctx.order.__getitem__)
        if not articles or not d.explanation:
            continue
        out.append(BriefSentence(d.explanation, tuple(c.id for c in listed), tuple(articles), "disputed"))
        if len(out) >= limit:
            break
    return out


def build_brief(
    claims: Sequence[Claim],
    disagreements: Sequence[Disagreement],
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    *,
    settings: Settings,
    support: SupportTable | None = None,
) -> tuple[BriefSentence, ...]:
    """The brief, then 'Reported only by ...' and 'Disputed' sections; none for a story of opinion only.

    With ``support`` (from the comparison: :func:`.claims.support.member_support`), a sentence cites another
    article only where that article's sentence states it surely enough (``settings.brief_cite_probability``);
    without it, every article that supports the claim."""
    if not any(a.news for a in articles):
        return ()
    by_id = {a.id: a for a in articles}
    sources = {_source(by_id, a.id) for a in articles}
    by_article = {a.article_id: a for a in annotations}
    ctx = _Context(
        articles=by_id,
        annotations=by_article,
        order={a.id: n for n, a in enumerate(articles)},
        df=_document_frequency(articles, by_id, by_article),
        n_sources=len(sources),
        support=support,
        cite_at=settings.brief_cite_probability,
    )
    candidates = [c for c in (_candidate(claim, ctx) for claim in claims) if c is not None]
    # the whole brief grows with the story: 4 sentences for one or two outlets, 4 more per further outlet, at most
    # 10; room is kept for a dispute and for facts only one outlet reports
    cap = min(MAX_BRIEF, max(MIN_BRIEF, PER_OUTLET * (len(sources) - 1)))
    disputed = _disputed(disagreements, {c.id: c for c in claims}, ctx, settings.brief_max_sentences)
    disputed = disputed[: max(1, cap // 4)]
    reserve = SINGLE_RESERVE if len(sources) >= 2 and any(c.quality > MIN_QUALITY + 1.0 for c in candidates) else 0
    limit = max(1, min(settings.brief_max_sentences, cap - len(disputed) - reserve))

    shared = [c for c in candidates if c.sources >= 2]
    single = [c for c in candidates if c.sources < 2]
    picks = _pick(shared, limit, [], ctx)
    if len(picks) < min(MIN_SENTENCES, limit):
        picks += _pick(single, min(MIN_SENTENCES, limit) - len(picks), picks, ctx)
    out = [
        BriefSentence(_text(c.span, ctx.annotations.get(c.span.article)), (c.claim.id,), c.articles, "brief", c.span)
        for c in _ordered(picks, _news_cutoff(articles, picks))
    ]

    if len(sources) >= 2:
        used = {c.claim.id for c in picks} | {cid for b in disputed for cid in b.claims}  # said once
        pool = [c for c in single if c.claim.id not in used and c.quality > MIN_QUALITY + 1.0]
        room = min(max(2, min(4, limit // 2)), cap - len(out) - len(disputed))
        for c in _pick(pool, room, picks, ctx, salience=True) if room > 0 else ():
            label = by_id[c.articles[0]].label
            out.append(
                BriefSentence(
                    f"Reported only by {label}: {_text(c.span, ctx.annotations.get(c.span.article))}", (c.claim.id,), c.articles, "single_source", c.span
                )
            )

    out += disputed
    return tuple(out)
