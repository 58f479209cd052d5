"""Off-topic marking: passages of one outlet that stray from what the story is about.

An article often ends on another subject (a tail about another conflict, a
roundup of unrelated news). Such sentences become single-source claims like
any other, and :func:`.claims.compare_claims` marks them ``off_topic`` so a
reader can tell a detail only one outlet reports from a passage that is not
about the story at all. The test is lexical and cheap: which of a sentence's
words and entities the other outlets, or the article's own lead, also use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .units import Unit

__all__ = ["off_topic_units"]

#: Share of a sentence's terms that the rest of the story must use for it to be on topic.
ON_TOPIC_SHARE = 0.34
#: Below this share a sentence is off topic even on its own (no neighbouring off-topic sentence).
OFF_TOPIC_ALONE = 0.15
#: Leading sentences of an article, and leading share of its sentences, that define its topic along with the
#: other outlets: a story's later details (a flight, a state-by-state breakdown) are often reported by one outlet
#: only, yet stay on what the article opened with.
LEAD_SENTENCES = 3
LEAD_SHARE = 0.4


def _terms(u: Unit) -> set[str]:
    return {f"w:{w}" for w in u.words} | {f"e:{e}" for e in u.entities}


def off_topic_units(units: Sequence[Unit], groups: Sequence[Sequence[int]], outlets: Mapping[str, str]) -> set[int]:
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
