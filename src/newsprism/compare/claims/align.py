"""Claim alignment: which sentences of which outlets state the same fact.

The coverage matrix of a story is built in four steps:

1. **Units.** Each article's claim-bearing sentences (:mod:`.units`),
   without captions, promos, fragments and repeats of a sentence the same
   article already made.
2. **Candidates.** An inverted-index join over content words, entity ids,
   counted nouns and dates proposes the cross-article pairs worth scoring
   (:func:`..candidates.candidate_pairs`); with the fitted model, each
   sentence's embedding neighbours are candidates too (:mod:`.candidates`).
3. **Scores.** The fitted pair model (:mod:`.fitted`) gives the probability
   that two sentences state one fact, from their embedding cosines (as
   written and without attribution frames), TF-IDF overlap, shared
   entities, figures and days and salient content. The hand-tuned score
   (:mod:`.scores`) is the ``claim_model = "hand"`` alternative, and still
   judges disputes.
4. **Clusters.** Greedy average-link clustering joins sentences into claims
   with at most one sentence per article, and never across a conflict
   (:func:`.conflicts.conflict`): a different figure or day, a negation
   flip, a denial, another named speaker. An article's further sentences
   that state the claim are its ``restated`` spans. The pairs kept apart
   only by a conflict become the story's disagreements; denials point at
   what they deny (:mod:`.denials`).

Claims carried by one outlet are the single-source claims. Passages that
share little with what the other outlets (and the article's own lead) write
about are marked ``off_topic`` (:mod:`.off_topic`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from scipy import sparse

from ...config import Settings
from ...model import Annotations, Article, Claim, Disagreement
from ...nlp.models import Models
from ..anchors import parse_day
from ..candidates import average_link, candidate_pairs, tfidf_matrix
from .candidates import generous_pairs
from .conflicts import Conflict, collect, conflict, shared_figure
from .coverage import with_coverage
from .date_disputes import date_disputes
from .denial_cards import find_denials, merge_denials
from .figures import figure_disputes
from .fitted import FittedScorer, pair_model
from .off_topic import off_topic_units
from .scores import LEAD_PAIR, PairScorer, Salience, embed_units, join_features, pair_cosines, unit_texts
from .support import SupportTable, member_support
from .units import EntityLookup, Unit, build_units

__all__ = ["ClaimPlan", "ClaimsFound", "compare_claims", "finish_claims", "outlet_keys", "plan_claims"]

#: Join-feature cosine below which a pair is not even scored.
JOIN_FLOOR = 0.1
#: Best partners each sentence keeps from the join.
TOP_K = 24
#: With the hand-tuned score, a sentence is embedded only when one of its candidate pairs reaches this TF-IDF
#: cosine (or shares a figure, or both open their articles); below it the TF-IDF cosine stands in for the
#: embedding's. On 1,000 story-dense articles this spares the encoder about a sixth of its sentences.
EMBED_FLOOR = 0.15
#: A pair within this of each side's best match in the other article counts as mutual best.
MUTUAL_SLACK = 0.02
#: A pair this far above the threshold aligns even when it is not a mutual best match.
CLEAR_MARGIN = 0.08
#: Negation flips and speaker changes are reported only this far above the threshold (they are easy to misread).
STRICT_MARGIN = 0.08
#: A pair kept apart by a differing figure is a numeric disagreement down to the threshold minus this.
NUMERIC_SLACK = 0.1
#: A denial points at a claim when its similarity reaches the claim threshold minus this (and it shares what is denied).
DENIAL_SLACK = 0.15
#: Word-set Jaccard at which a sentence repeats one the same article already made.
REPEAT_JACCARD = 0.8
#: Share of the cross pairs of two groups that must show evidence for the groups to merge.
EVIDENT_SHARE = 0.5
#: With the hand-tuned score, a sentence restates a claim its article already supports when its mean score
#: against the claim's sentences from the other articles is this far above the threshold (it is no mutual best
#: match: its article's best sentence is in the claim). Chosen on the fit data (ECB+ topics 1-25, the gold's fit
#: stories) as the smallest of 0.04, 0.08 and 0.12 that keeps the fit gold's claim-pair precision. The mean
#: needs no shared salient word (PairScorer.evident) nor one place, as an edge does: requiring both of every
#: pair kept the fit gold's precision (0.907 against 0.908) and cost the check sets recall at no gain in
#: precision (ECB+ 26-35 636 -> 579 true pairs, story gold 304 -> 300).
RESTATE_MARGIN = 0.12

#: With the fitted model, a sentence joins a claim that two or more articles share when its probability with
#: each of the claim's sentences reaches this, though none reaches the threshold (corroboration: the claim's
#: sentences agree with each other and each resembles it). Chosen on the fit data: 0.45 raised gold F1
#: 0.300 -> 0.310 (P 0.882 -> 0.879) and ECB+ F1 0.438 -> 0.443; without it, a fact that three outlets word
#: differently splits into a pair and a single.
CORROBORATED = 0.45
#: With the fitted model, two claims merge (other than by corroboration) when their mean pair probability
#: reaches the threshold minus this
#: (edges themselves need the threshold). Chosen on the fit data (ECB+ 1-25, gold fit stories): 0.2 raised
#: ECB+ F1 0.385 -> 0.435 and kept gold precision (0.880 -> 0.883); 0.3 cost gold precision.
MERGE_SLACK = 0.2

_NORMALISE = re.compile(r"\W+")


def outlet_keys(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> independent outlet: a reprint counts as the outlet it copies."""
    by_id = {a.id: a for a in articles}
    out: dict[str, str] = {}
    for a in articles:
        root, seen = a, {a.id}
        while root.duplicate_of is not None and root.duplicate_of in by_id and root.duplicate_of not in seen:
            root = by_id[root.duplicate_of]
            seen.add(root.id)
        out[a.id] = root.voice if root.outlet else root.id.casefold()
    return out


def _without_repeats(units: list[Unit]) -> list[Unit]:
    """Units minus those repeating an earlier sentence of the same article."""
    kept: list[Unit] = []
    seen: dict[str, list[Unit]] = {}
    keys: dict[str, set[str]] = {}
    for u in units:
        earlier = seen.setdefault(u.article, [])
        said = keys.setdefault(u.article, set())
        key = _NORMALISE.sub(" ", u.text.casefold()).strip()
        if key in said or any(
            u.words and len(u.words & e.words) / len(u.words | e.words) >= REPEAT_JACCARD for e in earlier
        ):
            continue
        said.add(key)
        earlier.append(u)
        kept.append(u)
    return [_renumber(u, n) for n, u in enumerate(kept)]


def _renumber(u: Unit, index: int) -> Unit:
    return u if u.index == index else replace(u, index=index)


def _different_places(a: Unit, b: Unit) -> bool:
    """Both sentences set their event in a place, and neither names the other's: two events."""
    return bool(a.places and b.places and not a.places & b.entities and not b.places & a.entities)


@dataclass(frozen=True)
class ClaimPlan:
    """A story's claim units and candidate pairs: what alignment needs before any sentence is embedded."""

    units: list[Unit]
    weighted: sparse.csr_matrix
    pairs: list[tuple[int, int]]
    #: The units to embed: all of a shared story's (fitted model), or those in a close lexical candidate pair (hand).
    wanted: list[int]

    def texts(self) -> list[str]:
        """The texts alignment will embed (for :meth:`Models.prefetch`)."""
        full, core = unit_texts(self.units, self.wanted)
        return [*full.values(), *core.values()]


def plan_claims(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotations],
    entity_index: EntityLookup,
    *,
    embed_all: bool = True,
) -> ClaimPlan:
    """The units of a story and the cross-article pairs worth scoring.

    With ``embed_all`` (the fitted pair model), every unit of a story that
    two articles share is embedded, since embedding neighbours are
    candidates too; otherwise only the units of lexical candidate pairs that
    reach :data:`EMBED_FLOOR`.
    """
    units = _without_repeats(build_units(articles, annotations, entity_index))
    if not units:
        return ClaimPlan([], sparse.csr_matrix((0, 0)), [], [])
    weighted, joinable = tfidf_matrix([join_features(u) for u in units], max_df=max(40, len(units) // 6))
    pairs = list(
        candidate_pairs(
            joinable,
            floor=JOIN_FLOOR,
            top_k=TOP_K,
            allowed=lambda i, j: units[i].article != units[j].article,
        )
    )
    if embed_all:
        wanted = list(range(len(units))) if len({u.article for u in units}) > 1 else []
    else:
        lexical = pair_cosines(weighted, pairs).tolist()
        wanted = sorted(
            {i for pair, lex in zip(pairs, lexical, strict=True) if _worth_embedding(units, *pair, lex) for i in pair}
        )
    return ClaimPlan(units, weighted, pairs, wanted)


def _worth_embedding(units: Sequence[Unit], i: int, j: int, lexical: float) -> bool:
    """Whether a candidate pair needs its embedding cosine: close in wording, or anchored by what the score
    rewards beyond wording (one figure for one thing, both opening their articles)."""
    a, b = units[i], units[j]
    return lexical >= EMBED_FLOOR or (a.position < LEAD_PAIR and b.position < LEAD_PAIR) or shared_figure(a, b)


def compare_claims(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotations],
    entity_index: EntityLookup,
    *,
    models: Models,
    settings: Settings,
    story_id: str,
) -> tuple[tuple[Claim, ...], tuple[Disagreement, ...]]:
    """The story's claims (most independent outlets first) and its disagreements."""
    plan = plan_claims(articles, annotations, entity_index, embed_all=settings.claim_model != "hand")
    found = finish_claims(plan, articles, models=models, settings=settings, story_id=story_id, weigh_support=False)
    return found.claims, found.disagreements


class ClaimsFound(NamedTuple):
    """A story's claims, its disagreements, and how surely two sentences of a shared claim state one fact."""

    claims: tuple[Claim, ...]
    disagreements: tuple[Disagreement, ...]
    support: SupportTable


def finish_claims(
    plan: ClaimPlan,
    articles: Sequence[Article],
    *,
    models: Models,
    settings: Settings,
    story_id: str,
    weigh_support: bool = True,
) -> ClaimsFound:
    """Score, cluster and order a planned story's claims; find its disagreements; and, with ``weigh_support``
    and a ``brief_cite_probability`` above 0, how surely each two sentences of a shared claim state one fact
    (:func:`.support.member_support`: what the brief's citations are checked against)."""
    units, weighted, pairs = plan.units, plan.weighted, plan.pairs
    if not units:
        return ClaimsFound((), (), {})
    outlets = outlet_keys(articles)
    labels = {a.id: a.outlet or a.id for a in articles}
    salience = Salience.of(units)
    embedded = embed_units(units, plan.wanted, models)
    # disputes are judged on the hand-tuned score over the lexical candidates; alignment on the
    # chosen score (the fitted model over generous candidates, or the same hand-tuned score)
    hand = PairScorer(units, weighted, *embedded, {}, salience, settings.claim_threshold)
    hand.prefetch_lexical(pairs)
    score: PairScorer | FittedScorer = hand
    threshold, align_pairs = settings.claim_threshold, pairs
    if settings.claim_model != "hand":
        model = pair_model(settings.claim_model)
        threshold = model.threshold if settings.claim_probability is None else settings.claim_probability
        align_pairs = generous_pairs(pairs, [u.article for u in units], embedded[0])
        score = FittedScorer(units, hand, model)
        score.score_pairs(align_pairs)

    conflicts: dict[tuple[int, int], Conflict | None] = {}

    def conflict_of(i: int, j: int) -> Conflict | None:
        key = (i, j) if i < j else (j, i)
        if key not in conflicts:
            conflicts[key] = conflict(units[key[0]], units[key[1]])
        return conflicts[key]

    best = _best_in_article(units, pairs, hand)
    align_best = best if score is hand else _best_in_article(units, align_pairs, score)
    fitted = isinstance(score, FittedScorer)
    # with the fitted model, a sentence may also join a claim two or more articles already share on weaker
    # links to each of its sentences (corroboration): those links are edges too, tried after the strong ones
    low = min(threshold, CORROBORATED) if fitted else threshold
    edges = _edges(units, align_pairs, score, low, conflict_of, align_best)
    found = _disputes(units, pairs, hand, settings.claim_threshold, conflict_of, best)

    def can_join(a: Sequence[int], b: Sequence[int]) -> bool:
        if {units[x].article for x in a} & {units[y].article for y in b}:
            return False
        if not all(conflict_of(x, y) is None and not _different_places(units[x], units[y]) for x in a for y in b):
            return False
        if fitted:
            cross = [score(x, y) for x in a for y in b]
            corroborated = _corroborated(a, b, cross, low)
            if max(cross) < threshold and not corroborated:
                return False
            if not corroborated and sum(cross) / len(cross) < threshold - MERGE_SLACK:
                return False
        return sum(score.evident(x, y) for x in a for y in b) >= EVIDENT_SHARE * len(a) * len(b)

    merge_at = min(threshold - MERGE_SLACK, low) if fitted else threshold
    groups = average_link(len(units), edges, score, threshold=merge_at, can_join=can_join)
    restate_at = threshold if fitted else threshold + RESTATE_MARGIN
    restated = _restatements(groups, units, align_pairs, score, restate_at, conflict_of)
    taken = {r for members in restated.values() for r in members}
    groups = [g for g in groups if not (len(g) == 1 and g[0] in taken)]
    claims, claim_of = _claims(groups, units, score, outlets, story_id, restated)

    found += find_denials(units, pairs, hand, salience, settings.claim_threshold - DENIAL_SLACK)
    found.sort(key=lambda f: ({"denial": 0}.get(f[0], 1), -hand(f[1], f[2]) if f[0] != "denial" else 0.0))
    if settings.dispute_model == "figures":
        found = [f for f in found if f[0] not in ("numeric", "date")]

    def label(article_id: str) -> str:
        return labels.get(article_id, article_id)

    disagreements = collect(found, claim_of, units, label, conflict_of)
    near = _nearest(claim_of, units, pairs, hand)
    unit_at = {(u.article, u.span.start): u for u in units}
    by_id = {c.id: c for c in claims}

    disagreements = merge_denials(disagreements, by_id, unit_at, near, settings.part_threshold, label)
    if settings.dispute_model == "figures":
        published = {a.id: parse_day(a.published) for a in articles}
        disagreements += figure_disputes(units, claim_of, outlets, label, published)
        disagreements += date_disputes(units, claim_of, outlets, label, published)
    support = (
        member_support(claims, units, hand, models, fitted=score if isinstance(score, FittedScorer) else None)
        if weigh_support and settings.brief_cite_probability > 0
        else {}
    )
    claims = with_coverage(claims, disagreements, unit_at, near, settings.part_threshold)
    return ClaimsFound(claims, disagreements, support)


def _nearest(
    claim_of: Mapping[int, Claim],
    units: Sequence[Unit],
    pairs: Sequence[tuple[int, int]],
    score: Callable[[int, int], float],
) -> dict[tuple[str, str], tuple[float, Unit]]:
    """For each (claim id, article outside the claim): the article's sentence closest to one of the claim's,
    and their score, over the candidate pairs."""
    near: dict[tuple[str, str], tuple[float, Unit]] = {}
    for i, j in pairs:
        for a, b in ((i, j), (j, i)):
            claim = claim_of.get(a)
            if claim is None or units[b].article in claim.article_ids:
                continue
            key = (claim.id, units[b].article)
            s = score(a, b)
            if key not in near or s > near[key][0]:
                near[key] = (s, units[b])
    return near


def _corroborated(a: Sequence[int], b: Sequence[int], cross: Sequence[float], floor: float) -> bool:
    """Whether one sentence joins a claim of two or more sentences on links that each reach ``floor``."""
    return min(len(a), len(b)) == 1 and max(len(a), len(b)) >= 2 and min(cross) >= floor


def _best_in_article(
    units: Sequence[Unit], pairs: Sequence[tuple[int, int]], score: Callable[[int, int], float]
) -> dict[tuple[int, str], float]:
    """Each sentence's best score in each other article."""
    best: dict[tuple[int, str], float] = {}
    for i, j in pairs:
        s = score(i, j)
        for a, b in ((i, j), (j, i)):
            key = (a, units[b].article)
            if s > best.get(key, -1.0):
                best[key] = s
    return best


def _edges(
    units: Sequence[Unit],
    pairs: Sequence[tuple[int, int]],
    score: PairScorer | FittedScorer,
    threshold: float,
    conflict_of: Callable[[int, int], Conflict | None],
    best: Mapping[tuple[int, str], float],
) -> list[tuple[float, int, int]]:
    """The pairs that may join one claim: above the threshold, (close to) mutual best, no conflict.

    ``best`` holds each sentence's best score in each other article (:func:`_best_in_article`).
    """
    edges: list[tuple[float, int, int]] = []
    for i, j in pairs:
        s = score(i, j)
        if s < threshold or conflict_of(i, j) is not None:
            continue
        mutual = s >= best[(i, units[j].article)] - MUTUAL_SLACK and s >= best[(j, units[i].article)] - MUTUAL_SLACK
        if (
            (mutual or s >= threshold + CLEAR_MARGIN)
            and score.evident(i, j)
            and not _different_places(units[i], units[j])
        ):
            edges.append((s, i, j))
    return edges


def _disputes(
    units: Sequence[Unit],
    pairs: Sequence[tuple[int, int]],
    score: PairScorer,
    threshold: float,
    conflict_of: Callable[[int, int], Conflict | None],
    best: Mapping[tuple[int, str], float],
) -> list[tuple[str, int, int, tuple[str, str]]]:
    """Pairs kept apart only by a conflict (a figure, a day, a negation, a speaker): (kind, i, j, detail).

    ``best`` holds each sentence's best score in each other article (:func:`_best_in_article`).
    """
    found: list[tuple[str, int, int, tuple[str, str]]] = []
    for i, j in pairs:
        s = score(i, j)
        if s < threshold:
            continue
        c = conflict_of(i, j)
        mutual = s >= best[(i, units[j].article)] - MUTUAL_SLACK and s >= best[(j, units[i].article)] - MUTUAL_SLACK
        if c is not None and c.kind not in ("denial", "distinct") and (mutual or s >= threshold + CLEAR_MARGIN):
            if c.kind in ("contradiction", "attribution", "date") and s < threshold + STRICT_MARGIN:
                continue
            found.append((c.kind, i, j, c.detail))
    # a differing figure for the same counted thing is strong evidence by itself: a lower bar, and no need
    # to be the best match (two outlets may each state the figure in several sentences)
    listed = {(i, j) for _, i, j, _ in found}
    for i, j in pairs:
        s = score(i, j)
        if s >= threshold - NUMERIC_SLACK and (i, j) not in listed:
            c = conflict_of(i, j)
            if c is not None and c.kind == "numeric":
                found.append((c.kind, i, j, c.detail))
    return found


def _restatements(
    groups: Sequence[Sequence[int]],
    units: Sequence[Unit],
    pairs: Sequence[tuple[int, int]],
    score: PairScorer | FittedScorer,
    threshold: float,
    conflict_of: Callable[[int, int], Conflict | None],
) -> dict[int, list[int]]:
    """Sentences that restate a multi-article claim of their own article: claim's first member -> them.

    A sentence whose article already supports a claim, by another sentence,
    restates that claim when its mean score against the claim's sentences
    from the other articles reaches the threshold, without a conflict with
    any of them; the best such claim takes it. The sentence may support a
    claim of its own too (one sentence can state two facts); one that stood
    alone is no single-source claim any more.
    """
    group_of: dict[int, Sequence[int]] = {}
    for g in groups:
        for i in g:
            group_of[i] = g
    articles_of = {g[0]: {units[m].article for m in g} for g in groups if len(g) > 1}
    best: dict[int, tuple[float, int]] = {}
    tried: set[tuple[int, int]] = set()  # (sentence, claim) pairs already weighed: the answer is the same
    for i, j in pairs:
        for r, x in ((i, j), (j, i)):
            group, own = group_of[x], group_of[r]
            if own is group or len(group) < 2 or (r, group[0]) in tried or score(r, x) < threshold:
                continue
            tried.add((r, group[0]))
            article = units[r].article
            if article not in articles_of[group[0]]:
                continue
            others = [m for m in group if units[m].article != article]
            mean = sum(score(r, m) for m in others) / len(others)
            if mean < threshold or mean <= best.get(r, (-1.0, 0))[0]:
                continue
            if any(conflict_of(r, m) is not None for m in group):
                continue
            best[r] = (mean, group[0])
    out: dict[int, list[int]] = {}
    for r, (_, first) in sorted(best.items()):
        out.setdefault(first, []).append(r)
    return out


def _claims(
    groups: Sequence[Sequence[int]],
    units: Sequence[Unit],
    score: PairScorer | FittedScorer,
    outlets: Mapping[str, str],
    story_id: str,
    restated: Mapping[int, Sequence[int]],
) -> tuple[tuple[Claim, ...], dict[int, Claim]]:
    """Claims from unit groups, ordered by independent outlets then first appearance.

    ``restated`` maps a group's first member to the sentences that restate it.
    """
    off = off_topic_units(units, groups, outlets)
    ranked = sorted(
        groups,
        key=lambda g: (
            -len({outlets[units[i].article] for i in g}),
            min((units[i].article_order, units[i].position) for i in g),
        ),
    )
    claims: list[Claim] = []
    claim_of: dict[int, Claim] = {}
    for n, group in enumerate(ranked, start=1):
        members = sorted(group, key=lambda i: (units[i].article_order, units[i].position))
        if len(members) == 1:
            rep = members[0]
        else:
            rep = max(members, key=lambda i: (sum(score(i, j) for j in members if j != i), -i))
        claim = Claim(
            id=f"{story_id}-c{n}",
            text=units[rep].text,
            support=tuple(units[i].span for i in members),
            stance={units[i].article: units[i].stance for i in members},
            off_topic=all(i in off for i in members),
            restated=tuple(units[i].span for i in restated.get(group[0], ())),
        )
        claims.append(claim)
        for i in members:
            claim_of[i] = claim
    for claim, group in zip(claims, ranked, strict=True):
        for i in restated.get(group[0], ()):
            claim_of.setdefault(i, claim)  # the claim a sentence supports comes first
    return tuple(claims), claim_of
