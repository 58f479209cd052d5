"""The cited brief: neutral, multi-outlet, and every citation backed by a support span."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from newsprism.compare.brief import MIN_QUALITY, build_brief, score_wording
from newsprism.compare.claims.support import pair_key
from newsprism.config import Settings
from newsprism.model import (
    Annotations,
    Article,
    BriefSentence,
    Claim,
    DateMention,
    Disagreement,
    Genre,
    Quote,
    Sentence,
    Span,
)
from newsprism.nlp import annotate
from newsprism.nlp.debris import is_debris, is_ended
from newsprism.nlp.models import Models
from newsprism.nlp.posts import post_quotes

from .conftest import covered

TEXTS = {
    "a": [
        "Floodwaters forced 2,000 residents of Riverton to leave their homes on Monday, officials said.",
        "The mayor claimed the levee had been inspected in March.",
        "Emergency crews rescued 40 people from rooftops overnight.",
        "The river crested at 9 metres on Tuesday morning.",
        "Engineers said the dam upstream was holding.",
        "The brutal regime of rain has left the town devastated.",
        "Meanwhile, a separate election dispute continued in the capital on Sunday.",
    ],
    "b": [
        "About 2,000 Riverton residents were forced from their homes by floodwaters on Monday, according to officials.",
        "The mayor said the levee had been inspected in March.",
        "Rescue crews pulled 40 people from rooftops during the night.",
        "Riverton (pictured) flooded after days of heavy rain",
        "The state governor will visit Riverton on Friday to assess the damage.",
        "The election dispute in the capital continued on Sunday.",
        "Read more: Storms batter the coast",
        "Volunteers filled 5,000 sandbags at the school gym.",
    ],
    "c": [
        "Officials said about 2,000 people left their homes in Riverton on Monday as the river rose.",
        "The river peaked at 9 metres on Tuesday, forecasters said.",
        "The governor is expected to visit the town on Friday.",
        "The utility denied that the dam upstream was holding.",
        "Insurers estimate the damage at $120 million, the largest in the region's history.",
        "“We have never seen anything like it,” said one resident.",
        "Riverton lies in a quiet river valley.",
    ],
    "d": [
        "Volunteers filled 5,000 sandbags at the school gym.",
        "Riverton (pictured) flooded after days of heavy rain",
    ],
}
OUTLETS = {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C", "d": "Outlet B Syndication"}
# claim id -> {article: sentence index}, off-topic flag, stance overrides
CLAIMS: dict[str, tuple[dict[str, int], bool, dict[str, str]]] = {
    "s1-c1": ({"a": 0, "b": 0, "c": 0}, False, {}),
    "s1-c2": ({"a": 1, "b": 1}, False, {}),
    "s1-c3": ({"a": 2, "b": 2}, False, {}),
    "s1-c4": ({"a": 3, "c": 1}, False, {}),
    "s1-c5": ({"b": 3, "d": 1}, False, {}),
    "s1-c6": ({"a": 4, "c": 3}, False, {"c": "denied"}),
    "s1-c7": ({"b": 4, "c": 2}, False, {}),
    "s1-c8": ({"b": 6}, False, {}),
    "s1-c9": ({"c": 4}, False, {}),
    "s1-c10": ({"a": 5}, False, {}),
    "s1-c11": ({"a": 6, "b": 5}, True, {}),
    "s1-c12": ({"c": 5}, False, {}),
    "s1-c13": ({"b": 7, "d": 0}, False, {}),
    "s1-c14": ({"c": 6}, False, {}),
}
DATES = {
    "March": "2024-03",
    "Monday": "2024-09-09",
    "Tuesday": "2024-09-10",
    "Friday": "2024-09-13",
    "Sunday": "2024-09-08",
}


#: The verbs of the texts above whose lemma differs from the word (the NLP pass's lemmas, for hand-made sentences).
LEMMAS = {"claimed": "claim", "said": "say", "denied": "deny", "forced": "force", "rescued": "rescue"}


def _sentence(span: Span) -> Sentence:
    """A hand-made sentence with the content words the NLP pass would give it: words of three or more
    characters, numbers, no stop words; each word as written, its lemma from :data:`LEMMAS`; whether it is page
    furniture and whether it ends, by the NLP pass's own rules."""
    words = [
        (span.start + m.start(), m.group().lower())
        for m in re.finditer(r"[\w,$]*\w", span.text)
        if (len(m.group()) > 2 or m.group()[0].isdigit()) and m.group().lower() not in STOP_WORDS
    ]
    return Sentence(
        span,
        lemmas=tuple((offset, LEMMAS.get(word, word)) for offset, word in words),
        forms=tuple(word for _, word in words),
        debris=is_debris(span.text),
        ended=is_ended(span.text),
    )


def build() -> tuple[list[Article], list[Annotations], list[Claim], list[Disagreement]]:
    articles, annotations, spans = [], [], {}
    for aid, sents in TEXTS.items():
        article = Article(aid, " ".join(sents), outlet=OUTLETS[aid], duplicate_of="b" if aid == "d" else None)
        articles.append(article)
        sentence_spans, start = [], 0
        for text in sents:
            sentence_spans.append(Span.of(article, start, start + len(text)))
            start += len(text) + 1
        spans[aid] = sentence_spans
        dates, quotes = [], []
        for s in sentence_spans:
            for word, date in DATES.items():
                if word in s.text:
                    at = s.start + s.text.index(word)
                    dates.append(DateMention.of(Span.of(article, at, at + len(word)), date, "day"))
            if s.text.startswith("“"):
                end = s.text.index("”")
                quotes.append(Quote(Span.of(article, s.start + 1, s.start + end - 1), "one resident"))
        annotations.append(
            Annotations(
                aid, sentences=tuple(_sentence(s) for s in sentence_spans), dates=tuple(dates), quotes=tuple(quotes)
            )
        )
    kinds = {"denied": ("denies", "the utility")}
    claims = [
        covered(
            cid,
            spans[next(iter(where))][next(iter(where.values()))].text,
            tuple(spans[aid][i] for aid, i in where.items()),
            {aid: kinds[how] for aid, how in stance.items()},
            off_topic=off,
        )
        for cid, (where, off, stance) in CLAIMS.items()
    ]
    disagreements = [
        Disagreement(
            "denial",
            ("s1-c6",),
            "The utility denies that the dam is holding, as engineers said.",
            (spans["a"][4], spans["c"][3]),
        )
    ]
    return articles, annotations, claims, disagreements


def assert_support_is_real(brief: Sequence[BriefSentence], claims: Sequence[Claim]) -> None:
    by_id = {c.id: c for c in claims}
    for sentence in brief:
        assert sentence.claims and sentence.articles
        for aid in sentence.articles:
            assert any(s.article == aid for cid in sentence.claims for s in by_id[cid].support), (sentence, aid)


@pytest.fixture()
def brief() -> tuple[tuple[BriefSentence, ...], list[Claim]]:
    articles, annotations, claims, disagreements = build()
    return build_brief(claims, disagreements, articles, annotations, settings=Settings()), claims


def section(brief: Sequence[BriefSentence], name: str) -> list[BriefSentence]:
    return [b for b in brief if b.section == name]


def test_every_citation_has_a_support_span(brief) -> None:
    sentences, claims = brief
    assert_support_is_real(sentences, claims)


def test_each_worded_sentence_points_at_the_span_it_gives(brief) -> None:
    sentences, claims = brief
    by_id = {c.id: c for c in claims}
    for b in sentences:
        if b.section == "disputed":
            assert b.span is None  # worded by the brief from both sides
            continue
        assert b.span is not None and b.span in by_id[b.claims[0]].support
        assert b.span.article in b.articles
        assert b.text.endswith(" ".join(b.span.text.split())), b


def test_main_brief_is_shared_neutral_and_ordered(brief) -> None:
    sentences, _ = brief
    main = section(sentences, "brief")
    # The lead, the news in date order (Tuesday's crest, Friday's visit), undated facts, then background (March).
    assert [b.claims for b in main] == [("s1-c1",), ("s1-c4",), ("s1-c7",), ("s1-c3",), ("s1-c2",)]
    # The lead is the claim all three outlets carry, cited to all three.
    assert main[0].articles == ("a", "b", "c")
    # 'said' rather than 'claimed': the neutral wording of the same claim.
    assert main[-1].text == "The mayor said the levee had been inspected in March."
    assert main[-1].articles == ("a", "b")
    text = " ".join(b.text for b in sentences)
    for debris in ("(pictured)", "Read more", "election dispute", "brutal", "never seen"):
        assert debris not in text


def test_single_source_section(brief) -> None:
    sentences, _ = brief
    single = section(sentences, "single_source")
    by_claim = {b.claims: b for b in single}
    assert by_claim[("s1-c9",)].text == (
        "Reported only by Outlet C: Insurers estimate the damage at $120 million, the largest in the region's history."
    )
    # A reprint is not a second source: reported only by Outlet B, citing the reprint too.
    assert by_claim[("s1-c13",)].text.startswith("Reported only by Outlet B: Volunteers filled")
    assert by_claim[("s1-c13",)].articles == ("b", "d")
    # Loaded or quote-only wordings are not salient single-source facts.
    assert ("s1-c10",) not in by_claim and ("s1-c12",) not in by_claim
    assert 2 <= len(single) <= 4


def test_disputed_section_cites_both_sides(brief) -> None:
    sentences, _ = brief
    (disputed,) = section(sentences, "disputed")
    assert disputed.claims == ("s1-c6",)
    assert disputed.articles == ("a", "c")
    assert "denies" in disputed.text


def test_denying_article_is_not_cited_as_support() -> None:
    articles, annotations, claims, _ = build()
    out = build_brief(claims, [], articles, annotations, settings=Settings())
    for b in out:
        if "s1-c6" in b.claims:
            assert b.articles == ("a",)


def test_opinion_articles_neither_word_nor_back_the_brief() -> None:
    from dataclasses import replace as with_

    articles, annotations, claims, disagreements = build()
    column = Genre("opinion", "URL path /opinion/", 0.9)
    articles = [with_(a, genre=column) if a.id == "b" else a for a in articles]
    out = build_brief(claims, disagreements, articles, annotations, settings=Settings())
    elsewhere = {s.text for c in claims for s in c.support if s.article != "b"}
    texts_of_b = {s.text for c in claims for s in c.support if s.article == "b"} - elsewhere  # b's own wordings
    kept = [b for b in out if b.section in ("brief", "single_source")]
    assert kept and all("b" not in b.articles for b in kept)
    assert not any(b.text in texts_of_b or b.text.endswith(tuple(texts_of_b)) for b in kept)
    # the same story read as all news cites b
    plain = build_brief(claims, disagreements, build()[0], annotations, settings=Settings())
    assert any("b" in b.articles for b in plain if b.section == "brief")


def test_a_speakers_sentence_that_does_not_say_who_speaks_words_nothing() -> None:
    from dataclasses import replace as with_

    articles, annotations, claims, disagreements = build()

    def pronoun_subject(ann: Annotations, index: int) -> Annotations:
        """The sentence reports through 'he said': who speaks is told in another sentence."""
        sentences = list(ann.sentences)
        sentences[index] = with_(sentences[index], report_verb="say", report_subject="He", subject_pronoun=True)
        return with_(ann, sentences=tuple(sentences))

    def worded(anns: list[Annotations]) -> dict[str, BriefSentence]:
        out = build_brief(claims, disagreements, articles, anns, settings=Settings())
        return {b.claims[0]: b for b in out if b.section != "disputed"}

    plain = worded(annotations)["s1-c2"]
    assert plain.span is not None and plain.span.article == "b"  # 'said' reads better than 'claimed'
    flagged = worded([pronoun_subject(a, 1) if a.article_id == "b" else a for a in annotations])["s1-c2"]
    # the other outlet's wording, and b still cited: its sentence states the claim, it just cannot word it
    assert flagged.span is not None and flagged.span.article == "a" and flagged.articles == ("a", "b")
    both = worded([pronoun_subject(a, 1) if a.article_id in ("a", "b") else a for a in annotations])
    assert "s1-c2" not in both


def test_max_sentences_setting() -> None:
    articles, annotations, claims, disagreements = build()
    out = build_brief(claims, disagreements, articles, annotations, settings=Settings(brief_max_sentences=3))
    main = section(out, "brief")
    assert len(main) == 3 and main[0].claims == ("s1-c1",)
    assert {b.claims[0] for b in main} <= {"s1-c1", "s1-c2", "s1-c3", "s1-c4", "s1-c7"}


def test_one_outlet_story_fills_brief_without_single_source_section() -> None:
    articles, annotations, claims, _ = build()
    only_c = [a for a in articles if a.id == "c"]
    c_claims = [covered(c.id, c.text, tuple(s for s in c.support if s.article == "c")) for c in claims]
    c_claims = [c for c in c_claims if c.support]
    out = build_brief(c_claims, [], only_c, [a for a in annotations if a.article_id == "c"], settings=Settings())
    assert 3 <= len(out) <= 5
    assert {b.section for b in out} == {"brief"}
    assert_support_is_real(out, c_claims)


def test_empty_story() -> None:
    assert build_brief([], [], [], [], settings=Settings()) == ()


def test_score_wording(models: Models, settings: Settings) -> None:
    parts = [
        "Officials said the bridge reopened on Monday.",
        "The regime claimed the bridge reopened.",
        "Photo: Getty Images.",
        "He said the bridge was safe for traffic.",
        "The mayor's claims about the bridge were rejected.",
        "Residents said the mayor “insisted on reopening the bridge before it was safe”, and he did.",
    ]
    a = Article("x", " ".join(parts))
    (ann,) = annotate([a], models=models, settings=settings)
    clean, loaded, caption, context, claims, quoted = (
        Span.of(a, a.text.index(p), a.text.index(p) + len(p)) for p in parts
    )
    assert score_wording(clean, ann) == 0
    assert score_wording(loaded, ann) < -1.5  # 'regime', and 'claimed' in the writer's voice
    assert score_wording(loaded, ann) < score_wording(loaded) < 0  # the verb is read from the NLP pass
    assert score_wording(caption, ann) <= -4
    assert -1.5 < score_wording(context, ann) < 0
    assert score_wording(claims, ann) == -0.75  # a charged noun of saying is the writer's word too
    assert score_wording(quoted, ann) == -0.5  # half quoted; 'insisted' inside the marks is the speaker's word


@pytest.mark.slow
def test_seed_brief(seed_report) -> None:
    story = next(s for s in seed_report.stories if len(s.article_ids) == 5)
    assert_support_is_real(story.brief, story.claims)
    main = section(story.brief, "brief")
    assert 5 <= len(main) <= Settings().brief_max_sentences
    # Nothing from captions, promos, link lists or the off-topic tail.
    # (A repeated paragraph's first copy is kept: only its repeats are noise.)
    removed = [r.text for a in seed_report.articles for r in a.removed if len(r.text) > 20 and r.reason != "repeated"]
    off_topic = {s.text for c in story.claims if c.off_topic for s in c.support}
    for b in story.brief:
        if b.section == "disputed":
            continue
        assert not any(b.text.endswith(t) for t in off_topic)
        assert not any(r in b.text or b.text in r for r in removed)
        assert "pictured" not in b.text and "Read more" not in b.text
    # The main brief leads with facts several outlets carry (their claims' support ranks them), and cites
    # another outlet only where its sentence states the fact surely enough (brief_cite_probability): some do.
    claims = {c.id: c for c in story.claims}
    multi = [b for b in main if any(len(claims[c].article_ids) >= 2 for c in b.claims)]
    assert len(multi) >= 4
    assert sum(len(b.articles) >= 2 for b in main) >= 2  # measured 2026-12-07: two (the Starmer talks, Politico)
    assert all(set(b.articles) <= {a for c in b.claims for a in claims[c].article_ids} for b in main)


def test_speakers_sentences_are_not_brief_material(models: Models, settings: Settings) -> None:
    """Sentences from inside long quotes read as the outlet's voice unless the NLP pass marks them (first person,
    open quotes: Sentence.voiced)."""
    text = (
        "Clinton told the Hollywood Reporter she would not commit to backing Sanders. "
        "We're still in a very vigorous primary season. "
        "It’s all just baloney, and I feel so bad that people got sucked into it,” Clinton added."
    )
    article = Article(id="a", text=text)
    (ann,) = annotate([article], models=models, settings=settings)
    reported, spoken, tail = (score_wording(s.span, ann) for s in ann.sentences)
    assert [s.voiced for s in ann.sentences] == [False, True, True]
    assert reported > MIN_QUALITY and spoken < MIN_QUALITY and tail < MIN_QUALITY


def test_fragments_and_embedded_posts_are_not_brief_material(models: Models, settings: Settings) -> None:
    text = (
        "As Trump prepares for the trip, Puerto Rico National Guard Maj.\n"
        "...want everything to be done for them when it should be a community effort. "
        "Trump is scheduled to visit the island Tuesday to review rescue efforts."
    )
    article = Article(id="a", text=text)
    (ann,) = annotate([article], models=models, settings=settings)
    cut, tail, plain = (text.index(s) for s in ("As Trump", "...want", "Trump is"))
    assert score_wording(Span.of(article, cut, tail - 1), ann) < MIN_QUALITY  # cut before the major's name
    assert score_wording(Span.of(article, tail, plain - 1)) < score_wording(Span.of(article, plain, len(text))) - 1.5

    post = "10,000 Federal workers now on Island doing a fantastic job. — Donald J. Trump (@realDonaldTrump) September 30, 2017"
    a = Article(id="a", text=f"Officials toured the island.\n{post}\nThe mayor asked for more help.", outlet="Vox")
    b = Article(
        id="b", text="10,000 Federal workers now on Island doing a fantastic job, the president wrote.", outlet="Fox"
    )
    claim = covered(
        "c1", "federal workers", (Span.of(a, a.text.index("10,000"), a.text.index(" —")), Span.of(b, 0, len(b.text)))
    )
    anns = [Annotations("a", quotes=tuple(post_quotes(a))), Annotations("b")]  # the post, as the NLP pass gives it
    (first, *_) = build_brief([claim], [], [a, b], anns, settings=Settings())
    assert first.text.endswith("the president wrote.")  # the outlet's own wording, not the post's


def test_a_sentence_ending_in_a_short_name_is_no_fragment(models: Models, settings: Settings) -> None:
    """Only a title abbreviation before its lost name cuts a sentence: 'Iran.', 'U.S.', 'Inc.' end one."""
    parts = [
        "The senators voted to renew the sanctions on Iran.",
        "The company said the plant would move to the U.S.",
        "The deal was signed with Apple Inc.",
        "The contract went to Roger Stone Jr.",
    ]
    article = Article(id="a", text=" ".join(parts))
    (ann,) = annotate([article], models=models, settings=settings)
    for part in parts:
        start = article.text.index(part)
        assert score_wording(Span.of(article, start, start + len(part)), ann) == 0, part


def test_wire_datelines_are_dropped_from_brief_text(models: Models, settings: Settings) -> None:
    text = "GAZA CITY, Gaza Strip (AP) — Israel and Hamas began observing a temporary cease-fire on Tuesday."
    a = Article(id="a", text=text, outlet="Washington Times")
    b = Article(
        id="b", text="(CNN) - Israel and Hamas began observing a temporary cease-fire on Tuesday.", outlet="CNN"
    )
    claim = covered("c1", "truce", (Span.of(a, 0, len(a.text)), Span.of(b, 0, len(b.text))))
    annotations = list(annotate([a, b], models=models, settings=settings))  # the NLP pass reads the datelines
    (first,) = build_brief([claim], [], [a, b], annotations, settings=Settings())
    assert first.text == "Israel and Hamas began observing a temporary cease-fire on Tuesday."
    assert first.articles == ("a", "b")


def test_the_brief_grows_with_the_story_and_stays_short() -> None:
    articles, annotations, claims, disagreements = build()
    full = build_brief(claims, disagreements, articles, annotations, settings=Settings())
    assert 5 <= len(full) <= 8  # three outlets (the reprint counts once)
    pair = [a for a in articles if a.id in ("a", "c")]
    two = [
        covered(c.id, c.text, kept)
        for c in claims
        if (kept := tuple(s for s in c.support if s.article in ("a", "c")))
    ]
    out = build_brief(two, [], pair, [x for x in annotations if x.article_id in ("a", "c")], settings=Settings())
    assert 2 <= len(out) <= 4


@pytest.mark.slow
def test_seed_brief_has_four_to_ten_sentences(seed_report) -> None:
    (story,) = seed_report.stories
    assert 4 <= len(story.brief) <= 10
    assert all(b.articles for b in story.brief)


def test_a_story_of_opinion_only_gets_no_brief() -> None:
    from dataclasses import replace as with_

    articles, annotations, claims, disagreements = build()
    column = Genre("opinion", "title marker 'Opinion'", 0.8)
    columns = [with_(a, genre=column) for a in articles]
    assert build_brief(claims, disagreements, columns, annotations, settings=Settings()) == ()



def _table(claim: Claim, sure: dict[frozenset[str], float]) -> dict[tuple[Span, Span], float]:
    """A support table for ``claim``: each two of its sentences get the value of their pair of articles."""
    spans = (*claim.support, *claim.restated)
    return {
        pair_key(a, b): sure[frozenset((a.article, b.article))]
        for n, a in enumerate(spans)
        for b in spans[n + 1 :]
        if a.article != b.article
    }


def _worded(brief: Sequence[BriefSentence], claim_id: str) -> BriefSentence:
    (sentence,) = [b for b in brief if b.claims == (claim_id,)]
    assert sentence.span is not None and sentence.span.article in sentence.articles
    return sentence


def test_a_sentence_cites_only_the_articles_whose_sentence_states_it() -> None:
    articles, annotations, claims, disagreements = build()
    # 's1-c1' (2,000 residents leave their homes) is supported by a, b and c; say c's sentence is only close to it
    first = next(c for c in claims if c.id == "s1-c1")
    sure = {frozenset("ab"): 0.99, frozenset("bc"): 0.6, frozenset("ac"): 0.6}
    out = build_brief(claims, disagreements, articles, annotations, settings=Settings(), support=_table(first, sure))
    worded = _worded(out, "s1-c1")
    assert worded.articles == ("a", "b")
    assert worded.span is not None and worded.span.article != "c"  # c's wording no other outlet states
    # the claim keeps its place: it is still ranked by the outlets that support it
    plain = build_brief(claims, disagreements, articles, annotations, settings=Settings())
    assert [b.claims for b in out] == [b.claims for b in plain]
    assert _worded(plain, "s1-c1").articles == ("a", "b", "c")
    # a bar of 0 cites every supporting article, as without a table
    table, every_article = _table(first, sure), Settings(brief_cite_probability=0.0)
    every = build_brief(claims, disagreements, articles, annotations, settings=every_article, support=table)
    assert every == plain


def test_the_wording_is_the_one_other_outlets_state_and_a_restatement_counts() -> None:
    from dataclasses import replace as with_

    articles, annotations, claims, disagreements = build()
    a_text = next(a for a in articles if a.id == "a").text
    again = "Emergency crews rescued 40 people from rooftops overnight."  # stands in for a restatement of a's
    start = a_text.index(again)
    first = with_(next(c for c in claims if c.id == "s1-c1"), restated=(Span("a", start, start + len(again), again),))
    claims = [first if c.id == "s1-c1" else c for c in claims]
    # no two first sentences state one another surely, but a's other sentence states c's
    support = _table(first, {frozenset("ab"): 0.6, frozenset("bc"): 0.6, frozenset("ac"): 0.6})
    (c_first,) = [s for s in first.support if s.article == "c"]
    support[pair_key(first.restated[0], c_first)] = 0.98
    out = build_brief(claims, disagreements, articles, annotations, settings=Settings(), support=support)
    worded = _worded(out, "s1-c1")
    assert worded.span == c_first and worded.articles == ("a", "c")
    # without that restatement, no outlet states another's wording: each cites its own article only
    del support[pair_key(first.restated[0], c_first)]
    out = build_brief(claims, disagreements, articles, annotations, settings=Settings(), support=support)
    assert len(_worded(out, "s1-c1").articles) == 1
