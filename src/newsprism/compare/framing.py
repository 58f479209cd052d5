"""Framing: how each outlet words the story, beyond what it reports.

Four contrasts, each a :class:`~newsprism.model.FramingItem` whose
``variants`` map a wording to the ids of the articles that use it:

* ``naming``: spellings of one referent (Kiev / Kyiv), from the alias merging;
* ``attribution_verb``: each outlet's reporting verbs (said, claimed, insisted),
  with what stands out against the other outlets;
* ``loaded_term``: subjective words from the curated lexicon
  ``data/loaded_terms.txt``, found in the outlet's own voice (not inside a
  direct quote);
* ``voices``: who each outlet quotes.

Every item carries example spans so a reader can audit it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from ..lexicon import loaded_term_exceptions, loaded_term_rows, reporting_verbs
from ..model import Annotations, Article, FramingItem, Span, StoryQuote

__all__ = [
    "LoadedTerm",
    "build_framing",
    "find_loaded_terms",
    "loaded_terms",
    "verb_profile",
]

VERB_REFERENT = "reporting verbs"
VOICES_REFERENT = "quoted voices"
# An outlet's verbs stand out when their non-neutral share exceeds the other
# outlets' by this much (and it has enough attributions to judge).
STANDOUT_SHARE = 0.15
STANDOUT_MIN_VERBS = 4
# A single non-neutral verb stands out when an outlet uses it this often and at
# least twice the rate of the others.
STANDOUT_LEMMA_COUNT = 2
SPANS_PER_VARIANT = 3
#: Reporting-verb categories that are not neutral: they assert or concede.
NON_NEUTRAL_VERBS = ("assertive", "concession")


class SpellingSource(Protocol):
    """What framing needs from :class:`newsprism.nlp.aliases.EntityIndex`."""

    def spelling_variants(self) -> object: ...


# --- the loaded-term lexicon ------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    """One occurrence of a lexicon term in a text."""

    start: int
    end: int
    term: str
    category: str


def _key(text: str) -> str:
    return re.sub(r"[\s\-‐–]+", " ", text.replace("’", "'").lower()).strip()


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    alternatives = []
    for form in sorted(set(forms), key=len, reverse=True):
        parts = [re.escape(p) for p in re.split(r"([\s\-]+)", form.strip()) if p]
        alternatives.append("".join(r"[\s\-‐–]+" if p.strip(r"\ -") == "" else p for p in parts))
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w\-])", re.IGNORECASE)


@cache
def loaded_terms() -> tuple[Mapping[str, tuple[str, str]], re.Pattern[str], re.Pattern[str] | None]:
    """The lexicon: form key -> (term, category), the term pattern, the exception pattern."""
    forms: dict[str, tuple[str, str]] = {}
    for variants, category in loaded_term_rows():
        for v in variants:
            forms.setdefault(_key(v), (variants[0], category))
    exceptions = loaded_term_exceptions()
    exception_pattern = _pattern(exceptions) if exceptions else None
    return forms, _pattern(forms), exception_pattern


_TOKEN = re.compile(r"[\w']+")


@cache
def _lead_words() -> Mapping[str, tuple[frozenset[str], ...]]:
    """First word of each lexicon form -> the word sets of the forms it starts.

    A text that does not hold every word of some form holds no term.
    """
    forms, _, _ = loaded_terms()
    out: dict[str, list[frozenset[str]]] = {}
    for key in forms:
        words = _TOKEN.findall(key)
        if words:
            out.setdefault(words[0], []).append(frozenset(words))
    return {lead: tuple(sets) for lead, sets in out.items()}


def find_loaded_terms(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[LoadedTerm]:
    """Lexicon terms in ``text``, leaving out those inside the ``skip`` ranges.

    Terms inside a lexicon exception phrase ("sanctions regime") are not loaded.
    ``skip`` holds what is not the outlet's own wording: quotes, and the
    judgements it reports someone passing without quote marks ("his lawyers
    call the charges outrageous": :attr:`~newsprism.model.Sentence.judged`).
    """
    forms, pattern, exceptions = loaded_terms()
    leads = _lead_words()
    tokens = set(_TOKEN.findall(text.lower().replace("’", "'")))
    if not any(words <= tokens for lead in tokens & leads.keys() for words in leads[lead]):
        return []  # no term has all its words here (most sentences)
    blocked = list(skip)
    if exceptions is not None:
        blocked.extend(m.span() for m in exceptions.finditer(text))
    out = []
    for m in _matches(text, pattern, leads):
        if any(s <= m.start() and m.end() <= e for s, e in blocked):
            continue
        found = forms.get(_key(m.group()))
        if found is not None:
            out.append(LoadedTerm(m.start(), m.end(), found[0], found[1]))
    return out


def _matches(text: str, pattern: re.Pattern[str], leads: Mapping[str, object]) -> Iterator[re.Match[str]]:
    """The pattern's non-overlapping matches, tried only where a lexicon form's first word stands.

    Scanning a long article with the whole alternation at every position is
    slow; the words that can open a term are few.
    """
    end = 0
    for token in _TOKEN.finditer(text):
        if token.start() < end or token.group().lower() not in leads:
            continue
        m = pattern.match(text, token.start())
        if m is not None:
            end = m.end()
            yield m


# --- reporting verbs --------------------------------------------------------


def _category(lemma: str) -> str:
    return reporting_verbs().get(lemma, "neutral")


def _inside(spans: Sequence[Span], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _verb_occurrences(ann: Annotations) -> list[tuple[str, Span]]:
    """Each attribution in the article: (lemma, span of the verb word), in order.

    A quote's verb and its sentence's reporting verb are one attribution; a
    verb inside a direct quote is the speaker's, not the outlet's.
    """
    lexicon = reporting_verbs()
    quote_spans = [q.span for q in ann.quotes]
    found: dict[int, tuple[str, Span]] = {}
    for q in ann.quotes:
        if q.verb_span is not None and q.verb_lemma is not None and q.verb_lemma in lexicon:
            found[q.verb_span.start] = (q.verb_lemma, q.verb_span)
    for sent in ann.sentences:
        verb, said = sent.report_verb_span, sent.report_verb
        if verb is None or said is None or said not in lexicon or _inside(quote_spans, verb.start, verb.end):
            continue
        if verb.text[:1].isupper() and verb.start > sent.span.start:
            continue  # a capital inside the sentence: 'Editor's Note:', a title-cased headline, not a frame
        lo, hi = sent.span.start, sent.span.end
        if not any(lo <= pos < hi and lemma == said for pos, (lemma, _) in found.items()):
            found[verb.start] = (said, verb)
    return [found[k] for k in sorted(found)]


def verb_profile(item: FramingItem) -> dict[str, Counter[str]]:
    """Article id -> reporting-verb lemma counts of an ``attribution_verb`` item."""
    return {aid: Counter(counts) for aid, counts in item.counts.items()}


def _non_neutral(counts: Counter[str]) -> int:
    return sum(n for lemma, n in counts.items() if _category(lemma) in NON_NEUTRAL_VERBS)


def _verb_notes(
    profiles: Mapping[str, Counter[str]], names: Mapping[str, str], voices: Mapping[str, str]
) -> list[str]:
    """What stands out in each outlet's verbs (all its articles) against the other outlets' pooled."""
    outlets: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    for aid, counts in profiles.items():
        first.setdefault(voices[aid], aid)
        outlets.setdefault(voices[aid], Counter()).update(counts)
    notes = []
    for outlet, counts in outlets.items():
        aid = first[outlet]
        total = sum(counts.values())
        others: Counter[str] = Counter()
        for other, c in outlets.items():
            if other != outlet:
                others.update(c)
        others_total = sum(others.values())
        if total < STANDOUT_MIN_VERBS or others_total == 0:
            continue
        for lemma, n in counts.most_common():
            if _category(lemma) == "neutral" or _category(lemma) == "denial" or n < STANDOUT_LEMMA_COUNT:
                continue
            rate, other_rate = n / total, others[lemma] / others_total
            if rate >= 2 * other_rate and rate - other_rate >= 0.1:
                notes.append(
                    f"{names[aid]} uses '{lemma}' {n} times ({rate:.0%} of its attributions) "
                    f"against {other_rate:.0%} in the other outlets"
                )
        share, other_share = _non_neutral(counts) / total, _non_neutral(others) / others_total
        if share - other_share >= STANDOUT_SHARE:
            used = ", ".join(
                f"{lemma} ×{n}" if n > 1 else lemma
                for lemma, n in counts.most_common()
                if _category(lemma) in NON_NEUTRAL_VERBS
            )
            notes.append(
                f"{names[aid]}: {share:.0%} of attributions use non-neutral verbs ({used}), "
                f"against {other_share:.0%} elsewhere"
            )
    return notes


def _attribution_item(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], names: Mapping[str, str]
) -> FramingItem | None:
    profiles: dict[str, Counter[str]] = {}
    spans: list[Span] = []
    variants: dict[str, list[str]] = {}
    for a in articles:
        ann = annotations.get(a.id)
        if ann is None:
            continue
        occurrences = _verb_occurrences(ann)
        if not occurrences:
            continue
        profiles[a.id] = Counter(lemma for lemma, _ in occurrences)
        for lemma, span in occurrences:
            spans.append(span)
            ids = variants.setdefault(lemma, [])
            if a.id not in ids:
                ids.append(a.id)
    if not profiles:
        return None
    order = sorted(variants, key=lambda lem: (-sum(p[lem] for p in profiles.values()), lem))
    notes = _verb_notes(profiles, names, {a.id: a.voice for a in articles})
    return FramingItem(
        referent=VERB_REFERENT,
        kind="attribution_verb",
        variants={lem: tuple(variants[lem]) for lem in order},
        note="; ".join(notes) if notes else None,
        spans=tuple(spans),
        counts={aid: dict(p.most_common()) for aid, p in profiles.items()},
        loaded=frozenset(lem for lem in order if _category(lem) in NON_NEUTRAL_VERBS),
    )


# --- naming -----------------------------------------------------------------


def _naming_groups(raw: object) -> list[tuple[str, dict[str, list[str]]]]:
    """Accept the index's spelling variants as referent -> spelling -> ids, or as pairs."""
    items: Iterable[tuple[object, object]]
    if isinstance(raw, Mapping):
        items = raw.items()
    elif isinstance(raw, Iterable):
        items = (x for x in raw if isinstance(x, tuple) and len(x) == 2)
    else:
        return []
    out = []
    for referent, spellings in items:
        name = str(getattr(referent, "name", referent))
        if not isinstance(spellings, Mapping):
            continue
        out.append((name, {str(k): [str(i) for i in v] for k, v in spellings.items()}))
    return out


def _naming_items(entity_index: SpellingSource, articles: Sequence[Article]) -> list[FramingItem]:
    by_id = {a.id: a for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    items = []
    for referent, spellings in _naming_groups(entity_index.spelling_variants()):
        # Case alone is not a naming choice (Kyiv / kyiv): fold, keep the commonest casing.
        folded: dict[str, dict[str, list[str]]] = {}
        for spelling, ids in spellings.items():
            folded.setdefault(_key(spelling), {})[spelling] = ids
        variants: dict[str, tuple[str, ...]] = {}
        for forms in folded.values():
            shown = max(forms, key=lambda f: (len(forms[f]), f[:1].isupper()))
            users = {i for v in forms.values() for i in v if i in by_id}
            if users:
                variants[shown] = tuple(sorted(users, key=order.__getitem__))
        if len(variants) < 2 or len({by_id[aid].voice for ids in variants.values() for aid in ids}) < 2:
            continue  # one outlet spelling a name two ways is a slip, not an outlets' naming contrast
        spans: list[Span] = []
        for shown, used_by in variants.items():
            pattern = re.compile(r"(?<!\w)" + re.escape(shown) + r"(?!\w)", re.IGNORECASE)
            for aid in used_by:
                spans.extend(Span.of(by_id[aid], *m.span()) for m in list(pattern.finditer(by_id[aid].text))[:1])
        items.append(FramingItem(referent=referent, kind="naming", variants=variants, spans=tuple(spans)))
    return items


# --- loaded terms and voices ------------------------------------------------


def _loaded_items(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], names: Mapping[str, str]
) -> list[FramingItem]:
    voices = {a.id: a.voice for a in articles}
    found: dict[str, dict[str, list[Span]]] = {}
    categories: dict[str, str] = {}
    for a in articles:
        ann = annotations.get(a.id)
        skip = [(q.span.start, q.span.end) for q in ann.quotes] if ann else []
        skip += [(j.start, j.end) for s in ann.sentences for j in s.judged] if ann else []
        for hit in find_loaded_terms(a.text, skip=skip):
            categories[hit.term] = hit.category
            found.setdefault(hit.term, {}).setdefault(a.id, []).append(Span.of(a, hit.start, hit.end))
    items = []
    for term, per_article in found.items():
        variants: dict[str, list[str]] = {}
        spans: list[Span] = []
        for aid, occurrences in per_article.items():
            for span in occurrences:
                ids = variants.setdefault(span.text.lower(), [])
                if aid not in ids:
                    ids.append(aid)
            spans.extend(occurrences)
        users = ", ".join(dict.fromkeys(names[aid] for aid in per_article))
        using = len({voices[aid] for aid in per_article})
        note = f"{categories[term]}; used by {using} of {len(set(voices.values()))} outlets ({users})"
        items.append(
            FramingItem(
                referent=term,
                kind="loaded_term",
                variants={k: tuple(v) for k, v in variants.items()},
                note=note,
                spans=tuple(spans),
            )
        )
    items.sort(key=lambda it: (-len({voices[s.article] for s in it.spans}), it.spans[0].article, it.spans[0].start))
    return items


def _voices_item(
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    quotes: Sequence[StoryQuote],
    names: Mapping[str, str],
) -> FramingItem | None:
    """Who speaks in the story's quotes, by outlet: speakers that name or describe someone who speaks (the NLP
    pass's :attr:`~newsprism.model.Quote.speaker_kind`), not a document or a fragment taken for a speaker."""
    order = {a.id: n for n, a in enumerate(articles)}
    speaking = {(q.span.article, q.span.start, q.span.end) for ann in annotations for q in ann.quotes if q.speaker_kind}
    variants: dict[str, list[str]] = {}
    spans: list[Span] = []
    for q in sorted(quotes, key=lambda q: (order.get(q.span.article, len(order)), q.span.start)):
        if not q.speaker or q.span.article not in order or (q.span.article, q.span.start, q.span.end) not in speaking:
            continue
        ids = variants.setdefault(q.speaker, [])
        if q.span.article not in ids:
            ids.append(q.span.article)
            spans.append(q.span)
    if not variants:
        return None
    voice = {a.id: a.voice for a in articles}
    outlets = {s: {voice[aid] for aid in ids} for s, ids in variants.items()}
    ranked = sorted(variants, key=lambda s: (-len(outlets[s]), order[variants[s][0]]))
    notes = []
    first: dict[str, str] = {}  # each quoting outlet by its first article
    for aid in sorted({aid for ids in variants.values() for aid in ids}, key=order.__getitem__):
        first.setdefault(voice[aid], aid)
    if len(first) > 1:
        for outlet, aid in first.items():
            only = [s for s in ranked if outlets[s] == {outlet}]
            if only:
                notes.append(f"only {names[aid]} quotes {', '.join(only)}")
    return FramingItem(
        referent=VOICES_REFERENT,
        kind="voices",
        variants={s: tuple(variants[s]) for s in ranked},
        note="; ".join(notes) if notes else None,
        spans=tuple(spans),
    )


def _names(articles: Sequence[Article]) -> dict[str, str]:
    return {a.id: a.outlet or a.id for a in articles}


def build_framing(
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    entity_index: SpellingSource,
    quotes: Sequence[StoryQuote],
) -> tuple[FramingItem, ...]:
    """The story's framing contrasts: naming, reporting verbs, loaded terms, voices."""
    by_article = {ann.article_id: ann for ann in annotations}
    names = _names(articles)
    items: list[FramingItem] = _naming_items(entity_index, articles)
    verbs = _attribution_item(articles, by_article, names)
    if verbs is not None:
        items.append(verbs)
    items.extend(_loaded_items(articles, by_article, names))
    voices = _voices_item(articles, annotations, quotes, names)
    if voices is not None:
        items.append(voices)
    return tuple(items)
