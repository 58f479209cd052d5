"""Story grouping: which articles report the same event.

Two articles belong to one story when a combined similarity reaches
``settings.story_threshold``:

    W_EMBED * e + W_LEXICAL * l + W_ENTITY * n

where each signal is first put on one scale, 0 for "unrelated" and 1 for
"plainly the same event" (:data:`EMBED_SCALE` and its siblings), so the
threshold reads the same whatever signal carries the evidence:

* the lead embedding is one MiniLM vector per article for its title and
  opening (:data:`LEAD_WORDS` words), computed only for articles that have a
  candidate partner at all: it tells what the article is about, whatever the
  wording;
* the tf-idf cosine is over the names the article mentions and the content
  words of its whole text (title and lead count double): follow-ups with a
  new angle still share the event's specific vocabulary;
* the name overlap is over the words of each article's most mentioned
  PERSON / ORG / GPE / ... names (``Apex Hidro`` and ``Hidro`` share a word),
  divided by the smaller set (at least :data:`MIN_NAME_WORDS`), so a short
  follow-up is not penalised for naming fewer people.

Candidates come from an inverted-index join on each article's most
informative features (see :mod:`.candidates`), so the cost grows with the
input, not its square. Articles further apart than
``settings.story_window_days`` (both dates known) never share a story.
Clusters are built by average link within the candidate graph, so a chain of
loosely related articles does not snowball into one story. A reprint joins
its original's story; a lone article is its own story.

Tuning: on 1,000 AllSides articles (170 same-topic, same-day groups of 2-5
from different outlets, among unrelated articles), the default threshold of
0.55 gives clusters 98% pure against (topic, day) labels, with a pair
precision of 0.84 against those labels (most 'errors' are the same event on
adjacent days); the fixtures' stories score 0.45-0.99 within and below 0.1
across.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from ..config import Settings
from ..model import Annotations, Article
from ..nlp.aliases import name_form
from ..nlp.models import Models
from .anchors import parse_day
from .candidates import average_link, candidate_pairs, tfidf_matrix, top_features
from .logistic import LogisticModel, read_model
from .story_evidence import WORD as _WORD
from .story_evidence import Evidence, article_evidence, shared_counts, story_text

__all__ = [
    "PAIR_FEATURES",
    "article_date",
    "content_words",
    "entity_keys",
    "group_stories",
    "stated_days",
    "story_pair_features",
    "story_model",
    "story_similarities",
]

W_EMBED = 0.5
W_LEXICAL = 0.3
W_ENTITY = 0.2
#: Where each signal reads "unrelated" (0) and "plainly the same event" (1): values typical of
#: news articles on different subjects and of two outlets' reports of one event.
EMBED_SCALE = (0.12, 0.75)
LEXICAL_SCALE = (0.0, 0.5)
NAMES_SCALE = (0.0, 0.8)
#: Words of title and opening embedded per article.
LEAD_WORDS = 40
#: Sentences of the opening that count double in the lexical features.
LEAD_SENTENCES = 3
#: Candidate pairs: join-feature cosine floor, features joined per article, best partners kept.
CANDIDATE_FLOOR = 0.05
JOIN_FEATURES = 16
CANDIDATE_TOP_K = 30
#: A cluster's articles must on average be this close to each other (x threshold).
AVERAGE_LINK_FACTOR = 0.85
#: Names per article compared by the name overlap, and the smallest denominator.
SALIENT_ENTITIES = 15
MIN_NAME_WORDS = 6
#: Entity types that identify what a story is about.
STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})



def article_date(article: Article, ann: Annotations | None) -> date | None:
    """The article's publication day: metadata, else a date read from its text (not guessed)."""
    for value in (article.published, None if ann is None or ann.reference_inferred else ann.reference_date):
        day = parse_day(value)
        if day is not None:
            return day
    return None


def entity_keys(ann: Annotations | None, cache: dict[tuple[str, bool], str | None] | None = None) -> Counter[str]:
    """Normalised names of the entities an article mentions, with counts (page matter left out: the name in a
    note on the writer is not what the article is about).

    A person is keyed by surname, so ``Sam Porter`` and ``Porter`` count as one.
    ``cache`` (mention text, is person) -> key spares re-reading names that
    recur across articles.
    """
    out: Counter[str] = Counter()
    if ann is None:
        return out
    cache = {} if cache is None else cache
    for m in ann.mentions:
        if m.label not in STORY_LABELS or ann.page_matter_at(m.span.start):
            continue
        person = m.label == "PERSON"
        lookup = (m.span.text, person)
        if lookup not in cache:
            cache[lookup] = _entity_key(m.span.text, person)
        key = cache[lookup]
        if key:
            out[key] += 1
    return out


def _entity_key(text: str, person: bool) -> str | None:
    form = name_form(text, person=person)
    if form is None or not form.key:
        return None
    return form.key[-1] if person else " ".join(form.key)


def salient_entities(counts: Counter[str], limit: int = SALIENT_ENTITIES) -> set[str]:
    """The ``limit`` most mentioned names (first mentioned first among equals)."""
    ranked = sorted(enumerate(counts.items()), key=lambda x: (-x[1][1], x[0]))
    return {name for _, (name, _count) in ranked[:limit]}


def name_words(names: set[str]) -> frozenset[str]:
    """The words of ``names`` longer than two letters (``apex hidro`` -> apex, hidro)."""
    return frozenset(w for name in names for w in name.split() if len(w) > 2)


def content_words(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """Lower-cased content words, crudely singularised, stop words dropped.

    ``cache`` maps a lower-cased word to its content form ('' for a stop word)
    so each distinct word is looked at once.
    """
    cache = {} if cache is None else cache
    out = []
    for w in _WORD.findall(text.lower()):
        form = cache.get(w)
        if form is None:
            form = cache[w] = _content_form(w)
        if form:
            out.append(form)
    return out


def _content_form(word: str) -> str:
    lw = word.replace("’", "'")
    if lw in STOP_WORDS or len(lw) < 3:
        return ""
    if lw.endswith("'s"):
        lw = lw[:-2]
    if len(lw) > 4 and lw.endswith("s") and not lw.endswith("ss"):
        lw = lw[:-1]
    return lw


def _lead(article: Article, ann: Annotations | None, n_sentences: int) -> str:
    story = [s for s in ann.sentences if not s.page_matter] if ann is not None else []
    body = " ".join(s.span.text for s in story[:n_sentences]) if story else article.text[: 150 * n_sentences]
    title = article.title or ""
    if title and body.startswith(title):
        return body
    return f"{title}. {body}" if title else body


def _features(article: Article, ann: Annotations | None, ents: Counter[str], cache: dict[str, str]) -> dict[str, float]:
    """Sparse lexical features: names, then content words (sublinear counts; the lead counts double)."""
    feats: dict[str, float] = {}
    for key, count in ents.items():
        feats["e:" + key] = 1.0 + math.log(count)
    raw = Counter(_WORD.findall(story_text(article, ann).lower()))
    raw.update(_WORD.findall(_lead(article, ann, LEAD_SENTENCES).lower()))
    words: Counter[str] = Counter()
    for word, count in raw.items():  # each distinct word once
        form = cache.get(word)
        if form is None:
            form = cache[word] = _content_form(word)
        if form:
            words[form] += count
    for word, count in words.items():
        name = "w:" + word
        feats[name] = feats.get(name, 0.0) + 0.5 * (1.0 + math.log(count))
    return feats


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(MIN_NAME_WORDS, min(len(a), len(b)))


def _scaled(value: float, unrelated: float, same: float) -> float:
    return min(1.0, max(0.0, (value - unrelated) / (same - unrelated)))


def combine(cosine: float, lexical: float, names: float) -> float:
    """The story similarity: each signal put on one scale (0 unrelated, 1 plainly the same event), weighted."""
    return (
        W_EMBED * _scaled(cosine, *EMBED_SCALE)
        + W_LEXICAL * _scaled(lexical, *LEXICAL_SCALE)
        + W_ENTITY * _scaled(names, *NAMES_SCALE)
    )


def _representation(article: Article, ann: Annotations | None) -> str:
    words = _lead(article, ann, 3).split()
    return " ".join(words[:LEAD_WORDS])


#: The features of a candidate article pair (:meth:`_Scorer.features`), in column order.
PAIR_FEATURES = (
    "cosine",  # lead embedding cosine (title and opening)
    "lexical",  # TF-IDF cosine of names and content words (the lead counts double)
    "names",  # overlap of the most mentioned names
    "day_gap",  # days between the publication days (capped), 0 when either is unknown
    "day_unknown",  # either publication day unknown
    "mention_gap",  # the least gap in days between days the two texts state (capped), 0 when either states none
    "mention_unknown",  # either text states no day
    "year_gap",  # the least gap in years between years the two texts state (capped), 0 when either states none
    "quotes",  # quoted words both give: log(1 + shared 4-word shingles of their direct quotes)
    "passages",  # text both carry: log(1 + shared 6-word shingles)
    "figures",  # log(1 + specific figures both give)
    "opinion",  # either is an opinion or analysis piece
)
#: Gaps in days are capped here: beyond it, one more day says nothing.
GAP_CAP = 30
#: Gaps in years are capped here.
YEAR_CAP = 5


#: The shipped same-story model, in the package's ``data/``.
MODEL_FILE = "story_pairs.json"


@lru_cache(maxsize=8)
def story_model(name: str = "fitted") -> LogisticModel:
    """The same-story model a ``story_model`` setting names: ``fitted`` (shipped) or the path of a model file."""
    return read_model(name, file=MODEL_FILE, features=PAIR_FEATURES, setting="story_model")


def _gap(a: date | None, b: date | None) -> float | None:
    return None if a is None or b is None else float(min(GAP_CAP, abs((a - b).days)))


def _closest(a: Sequence[int], b: Sequence[int], cap: int = GAP_CAP) -> float | None:
    """The least distance between two sorted lists of numbers (day ordinals, years), capped; None when either is empty."""
    if not a or not b:
        return None
    i = j = 0
    best = cap
    while i < len(a) and j < len(b):
        best = min(best, abs(a[i] - b[j]))
        if a[i] < b[j]:
            i += 1
        else:
            j += 1
    return float(best)


def stated_days(ann: Annotations | None) -> tuple[int, ...]:
    """Ordinals of the calendar days an article's text states (resolved from its own metadata, not guessed; page
    matter left out)."""
    if ann is None:
        return ()
    days = {
        d.day.toordinal()
        for d in ann.dates
        if d.granularity == "day" and not d.inferred and not ann.page_matter_at(d.span.start)
    }
    return tuple(sorted(days))


def stated_years(ann: Annotations | None) -> tuple[int, ...]:
    """The years an article's text states, in dates of any precision (not guessed from an inferred anchor)."""
    if ann is None:
        return ()
    years = {d.day.year for d in ann.dates if not d.inferred and not ann.page_matter_at(d.span.start)}
    return tuple(sorted(years))


class _Scorer:
    """The combined similarity of two articles (by position), batched for candidate pairs."""

    def __init__(
        self,
        weighted: sparse.csr_matrix,
        names: Sequence[frozenset[str]],
        vectors: np.ndarray,
        row: Mapping[int, int],
        in_window: Callable[[int, int], bool],
        days: Sequence[date | None] = (),
        stated: Sequence[Sequence[int]] = (),
        years: Sequence[Sequence[int]] = (),
        evidence: Callable[[], Sequence[Evidence]] = list,
        model: LogisticModel | None = None,
    ) -> None:
        self.weighted, self.names, self.vectors, self.row, self.in_window = weighted, names, vectors, row, in_window
        self.days, self.stated, self.years = days, stated, years
        #: What each article shares beyond its words, gathered the first time features are read (the
        #: hand-set path never reads them).
        self._gather_evidence = evidence
        self._evidence: Sequence[Evidence] | None = None
        self.cache: dict[tuple[int, int], float] = {}
        #: The fitted same-story model; without it, the hand-set combination scores pairs.
        self.model = model

    def _signals(self, pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """The lead cosines and TF-IDF cosines of ``pairs`` (0 cosine where a lead was not embedded)."""
        left = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        right = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
        lexical = np.asarray(self.weighted[left].multiply(self.weighted[right]).sum(axis=1)).ravel()
        rl = np.fromiter((self.row.get(int(i), -1) for i in left), dtype=np.int64, count=len(pairs))
        rr = np.fromiter((self.row.get(int(j), -1) for j in right), dtype=np.int64, count=len(pairs))
        has = (rl >= 0) & (rr >= 0)
        cosine = np.zeros(len(pairs), dtype=np.float32)
        if has.any():
            cosine[has] = np.einsum("ij,ij->i", self.vectors[rl[has]], self.vectors[rr[has]])
        return cosine, lexical

    def features(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """The :data:`PAIR_FEATURES` rows of ``pairs``."""
        rows = np.zeros((len(pairs), len(PAIR_FEATURES)), dtype=np.float64)
        if not pairs:
            return rows
        cosine, lexical = self._signals(pairs)
        rows[:, 0], rows[:, 1] = cosine, lexical
        if self._evidence is None:
            self._evidence = self._gather_evidence()
        evidence = self._evidence
        for k, (i, j) in enumerate(pairs):
            rows[k, 2] = _overlap(self.names[i], self.names[j])
            gap = _gap(self.days[i], self.days[j]) if self.days else None
            rows[k, 3], rows[k, 4] = (0.0, 1.0) if gap is None else (gap, 0.0)
            stated = _closest(self.stated[i], self.stated[j]) if self.stated else None
            rows[k, 5], rows[k, 6] = (0.0, 1.0) if stated is None else (stated, 0.0)
            year_gap = _closest(self.years[i], self.years[j], YEAR_CAP) if self.years else None
            rows[k, 7] = year_gap or 0.0
            rows[k, 8:12] = shared_counts(evidence[i], evidence[j])
        return rows

    def score_pairs(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """Scores of many pairs at once (vectorised cosines), cached."""
        if not pairs:
            return []
        if self.model is not None:
            probabilities = self.model.probabilities(self.features(pairs)).tolist()
            out = []
            for (i, j), p in zip(pairs, probabilities, strict=True):
                key = (i, j) if i < j else (j, i)
                # a pair outside the window, first met when two groups are averaged, never shares a story
                self.cache[key] = p if self.in_window(*key) else 0.0
                out.append(self.cache[key])
            return out
        cosine, lexical = self._signals(pairs)
        out = []
        for k, (i, j) in enumerate(pairs):
            key = (i, j) if i < j else (j, i)
            if not self.in_window(*key):
                value = 0.0
            else:
                value = combine(float(cosine[k]), float(lexical[k]), _overlap(self.names[i], self.names[j]))
            self.cache[key] = value
            out.append(value)
        return out

    def mean(self, a: Sequence[int], b: Sequence[int]) -> float:
        """The mean score over all pairs across two clusters, scoring the unknown ones in one batch."""
        keys = [(i, j) if i < j else (j, i) for i in a for j in b]
        missing = [k for k in keys if k not in self.cache]
        if missing:
            self.score_pairs(missing)
        return math.fsum(self.cache[k] for k in keys) / len(keys)

    def __call__(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        found = self.cache.get(key)
        if found is None:
            found = self.score_pairs([key])[0]
        return found


def group_stories(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], *, models: Models, settings: Settings
) -> list[tuple[str, ...]]:
    """Group article ids into stories: largest first, then by first article.

    Within a story the ids keep input order.
    """
    if not articles:
        return []
    index = {a.id: i for i, a in enumerate(articles)}
    # Reprints follow their original; only originals are compared.
    roots = [i for i, a in enumerate(articles) if a.duplicate_of not in index]
    groups: list[list[int]] = [[k] for k in range(len(roots))]
    if len(roots) > 1:
        model = None if settings.story_model == "hand" else story_model(settings.story_model)
        window = settings.story_window_days if model is None else GAP_CAP  # fitted: the day gap is a feature
        scorer, pairs = _prepare(articles, roots, annotations, models=models, window=window, model=model)
        threshold = settings.story_threshold
        if model is not None:
            threshold = model.threshold if settings.story_probability is None else settings.story_probability
        keys = sorted(pairs)
        edges = [(s, i, j) for (i, j), s in zip(keys, scorer.score_pairs(keys), strict=True) if s >= threshold]
        groups = average_link(len(roots), edges, scorer, threshold=threshold * AVERAGE_LINK_FACTOR, mean=scorer.mean)
    members: dict[int, list[int]] = {roots[g[0]]: [roots[k] for k in g] for g in groups}
    owner = {i: head for head, ms in members.items() for i in ms}
    # Reprints join their original's story (following chains of copies).
    for i in range(len(articles)):
        if i in owner:  # an original, already placed
            continue
        target, seen = i, set()
        while (copied := articles[target].duplicate_of) in index and target not in seen:
            seen.add(target)
            target = index[str(copied)]
        if target != i and target in owner:
            members[owner[target]].append(i)
        else:  # a cycle of copies: the article stands alone
            members[i] = [i]
            owner[i] = i
    stories = [sorted(ms) for ms in members.values()]
    stories.sort(key=lambda g: (-len(g), g[0]))
    return [tuple(articles[i].id for i in g) for g in stories]


def _prepare(
    articles: Sequence[Article],
    roots: Sequence[int],
    annotations: Mapping[str, Annotations],
    *,
    models: Models,
    window: int,
    model: LogisticModel | None = None,
) -> tuple[_Scorer, dict[tuple[int, int], float]]:
    """Features, candidate pairs and lead embeddings of the original articles (by position in ``roots``).

    Articles whose publication days are more than ``window`` days apart are no candidates and never
    share a story. Pairs are scored by the fitted ``model``, else by the hand-set weights.
    """
    n = len(roots)
    anns = [annotations.get(articles[i].id) for i in roots]
    names_seen: dict[tuple[str, bool], str | None] = {}
    ents = [entity_keys(ann, names_seen) for ann in anns]
    names = [name_words(salient_entities(e)) for e in ents]
    days = [article_date(articles[i], ann) for i, ann in zip(roots, anns, strict=True)]

    def in_window(i: int, j: int) -> bool:
        di, dj = days[i], days[j]
        return di is None or dj is None or abs((di - dj).days) <= window

    words_seen: dict[str, str] = {}
    feats = [_features(articles[i], ann, e, words_seen) for i, ann, e in zip(roots, anns, ents, strict=True)]
    weighted, joinable = tfidf_matrix(feats, max_df=max(20, int(4 * math.sqrt(n))))
    joinable = top_features(joinable, JOIN_FEATURES)
    pairs = candidate_pairs(joinable, floor=CANDIDATE_FLOOR, top_k=CANDIDATE_TOP_K, allowed=in_window)
    involved = sorted({k for pair in pairs for k in pair})
    row = {k: r for r, k in enumerate(involved)}
    if involved:
        vectors = models.embed([_representation(articles[roots[k]], anns[k]) for k in involved])
    else:
        vectors = np.zeros((0, 1), dtype=np.float32)
    stated = [stated_days(ann) for ann in anns]
    years = [stated_years(ann) for ann in anns]

    def evidence() -> list[Evidence]:
        return [article_evidence(articles[i], ann) for i, ann in zip(roots, anns, strict=True)]

    return _Scorer(weighted, names, vectors, row, in_window, days, stated, years, evidence, model), pairs


def story_pair_features(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], *, models: Models
) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The candidate pairs of ``articles`` (by id), as the fitted model sees them, and their feature rows."""
    roots = list(range(len(articles)))
    scorer, pairs = _prepare(articles, roots, annotations, models=models, window=GAP_CAP)
    keys = sorted(pairs)
    return [(articles[i].id, articles[j].id) for i, j in keys], scorer.features(keys)


def story_similarities(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], *, models: Models, settings: Settings
) -> dict[tuple[str, str], float]:
    """The combined similarity of every candidate pair (for tuning and tests), keyed by article ids."""
    roots = list(range(len(articles)))
    scorer, pairs = _prepare(articles, roots, annotations, models=models, window=settings.story_window_days)
    keys = sorted(pairs)
    return {(articles[i].id, articles[j].id): s for (i, j), s in zip(keys, scorer.score_pairs(keys), strict=True)}
