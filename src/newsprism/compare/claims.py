"""Claim alignment: which sentences of which outlets state the same fact.

The coverage matrix of a story is built in four steps:

1. **Units.** Each article's claim-bearing sentences (:mod:`.features`),
   without captions, promos, headline fragments and repeats of a sentence
   the same article already made.
2. **Candidates.** An inverted-index join over content words, entity ids,
   counted nouns and dates proposes the cross-article pairs worth scoring
   (:func:`.candidates.candidate_pairs`): no all-pairs step, and only the
   sentences that take part in a pair are embedded.
3. **Scores.** A pair's similarity mixes the MiniLM cosine of the two
   sentences *without their attribution frames* ('X said Y' is compared as
   'Y') with the TF-IDF overlap of words, entities, figures and dates.
4. **Clusters.** Greedy average-link clustering joins sentences into claims
   with at most one sentence per article, and never across a conflict
   (:func:`.disagreements.conflict`): a different figure or day, a negation
   flip, a denial, another named speaker. The pairs kept apart only by a
   conflict become the story's disagreements. Figures of different sets
   ('70 people' / '48 other people') and a negation of something the other
   side never states keep sentences apart without being a dispute.

Claims carried by one outlet are the single-source claims. Passages that
share little with what the other outlets (and the article's own lead) write
about are marked ``off_topic``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from ..config import Settings
from ..model import Annotations, Article, Claim, Disagreement
from ..nlp.models import Models
from .candidates import average_link, candidate_pairs, tfidf_matrix
from .disagreements import Conflict, collect, conflict, denial_target, shared_figure, shared_tally
from .features import NEGATIVE_VERBS, EntityLookup, Unit, build_units, content_words, negated_clause, stems

__all__ = ["compare_claims", "outlet_keys"]

#: Weight of the embedding cosine in a pair's similarity (the rest is TF-IDF overlap).
COSINE_WEIGHT = 0.75
#: Added to a pair's score for its share of shared entities (of the sentence naming fewer).
ENTITY_BONUS = 0.06
#: Added when both sentences give the same figure for the same thing.
FIGURE_BONUS = 0.05
#: Added instead when that figure is specific (money, a percentage, a fraction, 100 or more).
SPECIFIC_FIGURE_BONUS = 0.12
#: Added when both sentences name the same day.
DATE_BONUS = 0.04
#: Stories with at most this many sentences get their TF-IDF cosines in one dense product.
DENSE_LEX_MAX = 3000
#: Join-feature cosine below which a pair is not even scored.
JOIN_FLOOR = 0.1
#: Best partners each sentence keeps from the join.
TOP_K = 24
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
#: Share of a sentence's terms that the rest of the story must use for it to be on topic.
ON_TOPIC_SHARE = 0.34
#: Below this share a sentence is off topic even on its own (no neighbouring off-topic sentence).
OFF_TOPIC_ALONE = 0.15
#: Leading sentences of an article, and leading share of its sentences, that define its topic along with the
#: other outlets: a story's later details (a flight, a state-by-state breakdown) are often reported by one outlet
#: only, yet stay on what the article opened with.
LEAD_SENTENCES = 3
LEAD_SHARE = 0.4

#: Terms used by more than this share of a story's sentences (or by MIN_COMMON of them in a short story)
#: say nothing about which fact a sentence states.
UBIQUITY = 0.1
MIN_COMMON = 4
#: Weight of the shared-salient-content share in a pair's score, and the share at which it adds nothing.
SALIENCE_WEIGHT = 0.12
SALIENCE_PIVOT = 0.3
#: Shared names count this much against shared words: names say who, words say what happened.
NAME_WEIGHT = 0.5
#: Weight of shared words of what happened that counts as evidence (about one word used by a tenth of the story).
WHAT_FLOOR = 0.5
#: Share of the cross pairs of two groups that must show evidence for the groups to merge.
EVIDENT_SHARE = 0.5
#: A cosine this high aligns two sentences without shared salient words (a paraphrase).
SURE_COSINE = 0.88
#: Without that much shared content, a pair aligns on one shared salient word when its score is this far above
#: the threshold or its TF-IDF cosine reaches SURE_LEX.
SURE_MARGIN = 0.05
SURE_LEX = 0.5
#: Added when both sentences open their articles: news leads state the event itself, at length and in
#: different words ('released the full report early Monday ...' / 'released a 658-page report ... early Monday').
LEAD_PAIR = 2
LEAD_BONUS = 0.05
#: Added when both sentences give the same vote or score ('a 7-2 decision'): the outcome of the event itself.
TALLY_BONUS = 0.2
#: Content words a frame must remove before the sentence is embedded both with and without it.
FRAME_WORDS = 3

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
        out[a.id] = (root.outlet or root.id).casefold()
    return out


def _without_repeats(units: list[Unit]) -> list[Unit]:
    """Units minus those repeating an earlier sentence of the same article."""
    kept: list[Unit] = []
    seen: dict[str, list[Unit]] = {}
    for u in units:
        earlier = seen.setdefault(u.article, [])
        key = _NORMALISE.sub(" ", u.text.casefold()).strip()
        if any(
            key == _NORMALISE.sub(" ", e.text.casefold()).strip()
            or (u.words and len(u.words & e.words) / len(u.words | e.words) >= REPEAT_JACCARD)
            for e in earlier
        ):
            continue
        earlier.append(u)
        kept.append(u)
    return [_renumber(u, n) for n, u in enumerate(kept)]


def _renumber(u: Unit, index: int) -> Unit:
    from dataclasses import replace

    return u if u.index == index else replace(u, index=index)


def _features(u: Unit) -> dict[str, float]:
    feats: dict[str, float] = {f"w:{w}": 1.0 for w in content_words(u.core or u.text)}
    feats.update({f"e:{e}": 2.0 for e in u.entities})
    feats.update({f"q:{q.unit}": 1.0 for q in u.quantities})
    feats.update({f"d:{d}": 1.0 for d in u.dates.values()})
    return feats


@dataclass
class _Scorer:
    """Pair similarity over the story's units, computed on demand and cached.

    The cosine is the better of the two sentences as written and the two
    without their attribution frames, so 'X said Y' meets 'Y' at full
    strength while two framed sentences keep their context. Shared entities,
    figures and days add a little: they anchor a fact better than wording.
    """

    units: Sequence[Unit]
    weighted: sparse.csr_matrix  # TF-IDF rows, L2-normalised
    full: Mapping[int, np.ndarray]
    core: Mapping[int, np.ndarray]
    cache: dict[tuple[int, int], float]
    salience: _Salience
    threshold: float
    lex: np.ndarray | None = None  # all pairs' TF-IDF cosines, when the story is small enough to hold them
    cosines: dict[tuple[int, int], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = self.weighted.shape[0]
        if self.lex is None and n <= DENSE_LEX_MAX:
            self.lex = np.asarray((self.weighted @ self.weighted.T).todense(), dtype=np.float32)

    def _lex(self, i: int, j: int) -> float:
        if self.lex is not None:
            return float(self.lex[i, j])
        return float(self.weighted[i].multiply(self.weighted[j]).sum())

    def __call__(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        lex = self._lex(i, j)
        fi, fj = self.full.get(i), self.full.get(j)
        if fi is None or fj is None:
            cos = lex
        else:
            ci, cj = self.core.get(i, fi), self.core.get(j, fj)
            cos = max(float(fi @ fj), float(ci @ cj))
        self.cosines[key] = cos
        ui, uj = self.units[i], self.units[j]
        anchors = 0.0
        if ui.entities and uj.entities:
            anchors += ENTITY_BONUS * len(ui.entities & uj.entities) / min(len(ui.entities), len(uj.entities))
        _, share = self.salience.evidence(i, j)
        if shared_tally(ui, uj):
            anchors += TALLY_BONUS
            share = max(share, SALIENCE_PIVOT)
        elif shared_figure(ui, uj, specific=True):
            # '2.1 million' on both sides says more than any wording: the story's
            # common words may be all else the two sentences share.
            anchors += SPECIFIC_FIGURE_BONUS
            share = max(share, SALIENCE_PIVOT)
        elif shared_figure(ui, uj):
            anchors += FIGURE_BONUS
        if set(ui.dates.values()) & set(uj.dates.values()):
            anchors += DATE_BONUS
        if ui.position < LEAD_PAIR and uj.position < LEAD_PAIR:
            anchors += LEAD_BONUS
        score = COSINE_WEIGHT * cos + (1 - COSINE_WEIGHT) * lex + anchors + SALIENCE_WEIGHT * (share - SALIENCE_PIVOT)
        self.cache[key] = score
        return score

    def evident(self, i: int, j: int) -> bool:
        """Whether two sentences share enough specific content to state one fact.

        Within one story every sentence shares the story's names and words,
        and the cosines of different facts overlap those of one fact. An
        alignment needs a shared word of what happened that the story does
        not use everywhere, or the same figure for the same thing, unless the
        cosine is that of a paraphrase; two denials by one party need only the
        party.
        """
        score = self(i, j)
        key = (i, j) if i < j else (j, i)
        what, _ = self.salience.evidence(i, j)
        if what >= WHAT_FLOOR or self.cosines.get(key, 0.0) >= SURE_COSINE:
            return True
        if what > 0 and (score >= self.threshold + SURE_MARGIN or self._lex(i, j) >= SURE_LEX):
            # a word of what happened beyond the story's common ones, and the
            # pair is clearly alike overall or in its weighted terms
            return True
        if shared_figure(self.units[i], self.units[j]):
            return True  # one figure for one thing: the story's common words may be all they share
        ui, uj = self.units[i], self.units[j]
        return ui.denial and uj.denial and _same_party(ui, uj)


@dataclass(frozen=True)
class _Salience:
    """Terms of each sentence weighted by how rare they are within the story.

    ``what`` holds the stems of a sentence's words outside names (its
    predicate: what happened), ``who`` the entity ids it names. A term that a
    tenth or more of the story's sentences use weighs nothing.
    """

    what: Sequence[frozenset[str]]
    who: Sequence[frozenset[str]]
    weight: Mapping[str, float]

    @classmethod
    def of(cls, units: Sequence[Unit]) -> _Salience:
        what = [stems(u.core or u.text, u.name_stems) for u in units]
        who = [frozenset(u.entities) for u in units]
        df: dict[str, int] = {}
        for terms in (*what, *who):
            for t in terms:
                df[t] = df.get(t, 0) + 1
        common = max(MIN_COMMON, UBIQUITY * len(units))
        return cls(what, who, {t: max(0.0, math.log(common / c)) for t, c in df.items()})

    def mass(self, terms: frozenset[str]) -> float:
        return sum(self.weight.get(t, 0.0) for t in terms)

    def evidence(self, i: int, j: int) -> tuple[float, float]:
        """(weight of the shared words of what happened, share of the salient content shared)."""
        what = self.mass(self.what[i] & self.what[j])
        who = self.mass(self.who[i] & self.who[j])
        side = min(
            self.mass(self.what[i]) + NAME_WEIGHT * self.mass(self.who[i]),
            self.mass(self.what[j]) + NAME_WEIGHT * self.mass(self.who[j]),
        )
        return what, (what + NAME_WEIGHT * who) / side if side > 0 else 0.0


def _same_party(a: Unit, b: Unit) -> bool:
    """Whether two sentences speak for one party: one speaker entity, or names sharing a word."""
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker == b.speaker:
        return True
    return bool(stems(a.speaker_name or "") & stems(b.speaker_name or ""))


def _negative(text: str) -> bool:
    """Whether ``text`` states a negative: a negation cue, or a verb like 'failed' or 'refused'."""
    return negated_clause(text) is not None or bool(stems(text) & NEGATIVE_VERBS)


def _object(denial: Unit) -> str:
    """What a denial denies: its text without the frame, up to the first clause break."""
    core = denial.core or denial.text
    return re.split(r"[,;:—–]", core, maxsplit=1)[0]


def _denies(denial: Unit, target: Unit, salience: _Salience) -> bool:
    """Whether ``denial`` can deny what ``target`` states.

    The target must share a salient word with what is denied (not only the
    denier's name) and have the same polarity: denying that the sirens 'had
    not worked' asserts that they worked, so it disputes 'no siren sounded',
    not 'the sirens did work'. A party does not deny its own statement.
    """
    if _same_party(denial, target):
        return False
    obj = _object(denial)
    words = stems(obj, denial.name_stems | stems(denial.speaker_name or ""))
    if salience.mass(words & salience.what[target.index]) < WHAT_FLOOR:
        return False
    return _negative(obj) == _negative(target.core or target.text)


#: Verbs that reject a stance as often as a fact ('rejected the indictment as political'): they deny a fact only
#: with a statement as their object ('rejected the allegations', 'dismissed reports that ...').
_EVALUATIVE_DENIALS = frozenset({"reject", "dismiss"})
_STATEMENT_OBJECT = re.compile(
    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|suggestions?|assertions?|notion|idea|"
    r"stor(?:y|ies)|accounts?|findings?|rumou?rs?|speculation)\b|\bthat\b",
    re.I,
)


def _denies_a_statement(denial: Unit) -> bool:
    """Whether a denial disputes something stated, not merely rejects a decision or an action."""
    if (denial.report_verb or "") not in _EVALUATIVE_DENIALS:
        return True
    return bool(_STATEMENT_OBJECT.search(_object(denial)[:80]))


def _different_places(a: Unit, b: Unit) -> bool:
    """Both sentences set their event in a place, and neither names the other's: two events."""
    return bool(a.places and b.places and not a.places & b.entities and not b.places & a.entities)


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
    units = _without_repeats(build_units(articles, annotations, entity_index))
    if not units:
        return (), ()
    outlets = outlet_keys(articles)
    labels = {a.id: a.outlet or a.id for a in articles}
    weighted, joinable = tfidf_matrix([_features(u) for u in units], max_df=max(40, len(units) // 6))
    pairs = candidate_pairs(
        joinable,
        floor=JOIN_FLOOR,
        top_k=TOP_K,
        allowed=lambda i, j: units[i].article != units[j].article,
    )
    salience = _Salience.of(units)
    threshold = settings.claim_threshold
    embedded = _embed(units, sorted({i for pair in pairs for i in pair}), models)
    score = _Scorer(units, weighted, *embedded, {}, salience, threshold)

    conflicts: dict[tuple[int, int], Conflict | None] = {}

    def conflict_of(i: int, j: int) -> Conflict | None:
        key = (i, j) if i < j else (j, i)
        if key not in conflicts:
            conflicts[key] = conflict(units[key[0]], units[key[1]])
        return conflicts[key]

    # each sentence's best score in each other article: an edge must be (close to) mutual best
    best: dict[tuple[int, str], float] = {}
    for i, j in pairs:
        s = score(i, j)
        for a, b in ((i, j), (j, i)):
            key = (a, units[b].article)
            if s > best.get(key, -1.0):
                best[key] = s
    edges: list[tuple[float, int, int]] = []
    found: list[tuple[str, int, int, tuple[str, str]]] = []
    for i, j in pairs:
        s = score(i, j)
        if s < threshold:
            continue
        c = conflict_of(i, j)
        mutual = s >= best[(i, units[j].article)] - MUTUAL_SLACK and s >= best[(j, units[i].article)] - MUTUAL_SLACK
        if c is None:
            if (
                (mutual or s >= threshold + CLEAR_MARGIN)
                and score.evident(i, j)
                and not _different_places(units[i], units[j])
            ):
                edges.append((s, i, j))
        elif c.kind not in ("denial", "distinct") and (mutual or s >= threshold + CLEAR_MARGIN):
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

    def can_join(a: Sequence[int], b: Sequence[int]) -> bool:
        if {units[x].article for x in a} & {units[y].article for y in b}:
            return False
        if not all(conflict_of(x, y) is None and not _different_places(units[x], units[y]) for x in a for y in b):
            return False
        return sum(score.evident(x, y) for x in a for y in b) >= EVIDENT_SHARE * len(a) * len(b)

    groups = average_link(len(units), edges, score, threshold=threshold, can_join=can_join)
    claims, claim_of = _claims(groups, units, score, outlets, story_id)

    # denials: against the sentence they point back at, else the most similar asserted one
    previous: dict[int, Unit] = {}
    for before, after in zip(units, units[1:], strict=False):
        if before.article == after.article:
            previous[after.index] = before
    for u in units:
        if not u.denial or not _denies_a_statement(u):
            continue
        target = denial_target(u, previous.get(u.index))
        if target is None:
            partners = [
                (score(i, j), other)
                for i, j in pairs
                if u.index in (i, j)
                and not units[other := j if i == u.index else i].denial
                and _denies(u, units[other], salience)
            ]
            best_partner = max(partners, default=None)
            if best_partner is not None and best_partner[0] >= threshold - DENIAL_SLACK:
                target = units[best_partner[1]]
        if target is not None:
            found.append(("denial", target.index, u.index, ("", "")))
    found.sort(key=lambda f: ({"denial": 0}.get(f[0], 1), -score(f[1], f[2]) if f[0] != "denial" else 0.0))
    disagreements = collect(found, claim_of, units, lambda aid: labels.get(aid, aid))
    return claims, disagreements


def _embed(
    units: Sequence[Unit], wanted: Sequence[int], models: Models
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Embeddings of the ``wanted`` units as written and without their frames (one batch, each text once).

    A frame that removes only a few words ('..., officials said on Tuesday')
    changes the embedding little: such a sentence is embedded once, as
    written (the speaker it names still helps to match 'X said' with 'X
    claimed'). Only a sentence whose frame carries content (a quote cut from its
    context) is embedded both ways.
    """
    row: dict[str, int] = {}
    full_text: dict[int, str] = {}
    core_text: dict[int, str] = {}
    for i in wanted:
        u = units[i]
        bare = u.core or u.text
        full_text[i] = u.text
        if bare != u.text and len(stems(u.text) - stems(bare)) > FRAME_WORDS:
            core_text[i] = bare
        for text in (full_text[i], core_text.get(i)):
            if text is not None and text not in row:
                row[text] = len(row)
    if not row:
        return {}, {}
    matrix = models.encoder.encode(list(row))
    full = {i: matrix[row[t]] for i, t in full_text.items()}
    core = {i: matrix[row[t]] for i, t in core_text.items()}
    return full, core


def _claims(
    groups: Sequence[Sequence[int]],
    units: Sequence[Unit],
    score: _Scorer,
    outlets: Mapping[str, str],
    story_id: str,
) -> tuple[tuple[Claim, ...], dict[int, Claim]]:
    """Claims from unit groups, ordered by independent outlets then first appearance."""
    off = _off_topic(units, groups, outlets)
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
        )
        claims.append(claim)
        for i in members:
            claim_of[i] = claim
    return tuple(claims), claim_of


def _terms(u: Unit) -> set[str]:
    return {f"w:{w}" for w in u.words} | {f"e:{e}" for e in u.entities}


def _off_topic(units: Sequence[Unit], groups: Sequence[Sequence[int]], outlets: Mapping[str, str]) -> set[int]:
    """Units of single-outlet claims whose words and entities the rest of the story hardly uses.

    A sentence's topicality is the share of its terms that other outlets use,
    or that its own article's lead uses. A sentence is off topic when that
    share is very low, or low along with a neighbour's (a passage, such as a
    tail about another conflict).
    """
    shared = {i for g in groups if len({outlets[units[x].article] for x in g}) > 1 for i in g}
    term_outlets: dict[str, set[str]] = {}
    lead: dict[str, set[str]] = {}
    for u in units:
        terms = _terms(u)
        for t in terms:
            term_outlets.setdefault(t, set()).add(outlets[u.article])
        if u.position < LEAD_SENTENCES or u.relative < LEAD_SHARE or len(lead.get(u.article, ())) == 0:
            lead.setdefault(u.article, set()).update(terms)
    low: dict[int, float] = {}
    for u in units:
        if u.index in shared or u.position < LEAD_SENTENCES or u.relative < LEAD_SHARE:
            continue
        terms = _terms(u)
        if not terms:
            continue
        own = outlets[u.article]
        unused = {t for t in terms if not (term_outlets[t] - {own} or t in lead.get(u.article, ()))}
        foreign = any(t.startswith("e:") for t in unused)
        if not foreign:
            # Another subject has its own names; a sentence without any (commentary,
            # a detail put in the story's own words) stays on the story.
            continue
        share = 1 - len(unused) / len(terms)
        if share < ON_TOPIC_SHARE:
            low[u.index] = share
    off: set[int] = set()
    for i, share in low.items():
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j].article == units[i].article]
        if share < OFF_TOPIC_ALONE or any(j in low for j in neighbours):
            off.add(i)
    # a tail: from the first off-topic passage on, an article that stays mostly off topic
    # and never comes back to what other outlets report is off topic to its end
    by_article: dict[str, list[int]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u.index)
    for members in by_article.values():
        for k, i in enumerate(members):
            if i not in off:
                continue
            tail = members[k:]
            if not any(t in shared for t in tail) and sum(t in low for t in tail) * 2 >= len(tail):
                off.update(tail)
            break
    return off
