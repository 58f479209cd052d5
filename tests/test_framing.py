"""Framing: naming variants, reporting-verb profiles, loaded terms, voices."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest

from newsprism.compare.framing import (
    build_framing,
    find_loaded_terms,
    verb_profile,
)
from newsprism.model import Annotations, Article, FramingItem, Quote, Sentence, Span, StoryQuote
from newsprism.nlp.posts import post_quotes


def span(article: Article, needle: str, nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(needle), article.text)]
    return Span.of(article, starts[nth], starts[nth] + len(needle))


#: The reporting verbs of the hand-made texts below, as written, by lemma.
FORMS = {"claim": "claimed", "say": "said", "tell": "told"}


def sentences(article: Article, verbs: Mapping[int, str] = {}) -> tuple[Sentence, ...]:
    """Split on '. ' (hand-made texts only), with a report verb (lemma) per sentence index, found as written."""
    out, start = [], 0
    for n, m in enumerate(re.finditer(r"[^.]+\.\s*", article.text)):
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        verb = verbs.get(n)
        at = m.start() + m.group().index(FORMS[verb]) if verb else None
        word = Span.of(article, at, at + len(FORMS[verb])) if verb and at is not None else None
        out.append(Sentence(Span.of(article, m.start(), end), report_verb=verb, report_verb_span=word))
        start = m.end()
    assert start == len(article.text)
    return tuple(out)


class FakeIndex:
    def __init__(self, variants: object) -> None:
        self.variants = variants

    def spelling_variants(self) -> object:
        return self.variants


def by_kind(items: tuple[FramingItem, ...], kind: str) -> list[FramingItem]:
    return [i for i in items if i.kind == kind]


# --- loaded terms -------------------------------------------------------------


def test_loaded_terms_match_words_not_parts() -> None:
    text = "The regime slammed the so-called deal. A regimented war torn town. Sanctions regime talks."
    hits = [(text[h.start : h.end], h.term, h.category) for h in find_loaded_terms(text)]
    assert hits == [
        ("regime", "regime", "label"),
        ("slammed", "slam", "charged_verb"),
        ("so-called", "so-called", "distancing"),
        ("war torn", "war-torn", "dramatic"),
    ]


def test_loaded_terms_skip_ranges() -> None:
    text = "He called it “a brutal regime” while critics clamoured."
    quote = (text.index("a brutal"), text.index("”"))
    assert [h.term for h in find_loaded_terms(text)] == ["brutal", "regime", "clamor"]
    assert [h.term for h in find_loaded_terms(text, skip=[quote])] == ["clamor"]


# --- a hand-made story --------------------------------------------------------


@pytest.fixture()
def story() -> tuple[list[Article], list[Annotations], list[StoryQuote]]:
    a = Article(
        "a",
        "Officials in Kiev claimed the strike failed. The regime claimed victory. "
        "Mr Ivanov claimed it was “a brutal regime”. Ivanov said talks would go on.",
        outlet="Outlet A",
    )
    b = Article(
        "b",
        "Officials in Kyiv said the strike failed. The government said it won. "
        "Petrov said talks would go on. Ivanov said it was fine. Nobody else said much.",
        outlet="Outlet B",
    )
    c = Article(
        "c", "In kyiv, Petrov said the strike failed. Ivanov told reporters talks would go on.", outlet="Outlet C"
    )
    anns = [
        Annotations(
            "a",
            sentences=sentences(a, {0: "claim", 1: "claim", 2: "claim", 3: "say"}),
            quotes=(
                Quote(
                    span(a, "a brutal regime"),
                    "Ivanov",
                    verb="claimed",
                    verb_span=span(a, "claimed", 2),
                    verb_lemma="claim",
                    speaker_kind="name",
                ),
            ),
        ),
        Annotations(
            "b",
            sentences=sentences(b, {0: "say", 1: "say", 2: "say", 3: "say", 4: "say"}),
            quotes=(Quote(Span.of(b, 0, 10), "Petrov", speaker_kind="name"),),
        ),
        Annotations(
            "c",
            sentences=sentences(c, {0: "say", 1: "tell"}),
            quotes=(Quote(Span.of(c, 0, 5), "Petrov", speaker_kind="name"),),
        ),
    ]
    quotes = [
        StoryQuote("s1-q1", span(a, "a brutal regime"), "Ivan Ivanov"),
        StoryQuote("s1-q2", Span.of(b, 0, 10), "Petr Petrov"),
        StoryQuote("s1-q3", Span.of(c, 0, 5), "Petr Petrov"),
    ]
    return [a, b, c], anns, quotes


def test_naming_variants_fold_case_and_cite_spans(story) -> None:
    articles, anns, quotes = story
    index = FakeIndex(
        {"Kyiv": {"Kiev": ("a",), "Kyiv": ("b",), "kyiv": ("c",)}, "Ivan Ivanov": {"Ivanov": ("a", "b", "c")}}
    )
    naming = by_kind(build_framing(articles, anns, index, quotes), "naming")
    assert len(naming) == 1
    item = naming[0]
    assert item.referent == "Kyiv"
    assert dict(item.variants) == {"Kiev": ("a",), "Kyiv": ("b", "c")}
    assert {(s.article, s.text) for s in item.spans} == {("a", "Kiev"), ("b", "Kyiv"), ("c", "kyiv")}


def test_naming_accepts_pairs(story) -> None:
    articles, anns, quotes = story
    index = FakeIndex([("Kyiv", {"Kiev": ["a"], "Kyiv": ["b", "c"]})])
    (item,) = by_kind(build_framing(articles, anns, index, quotes), "naming")
    assert dict(item.variants) == {"Kiev": ("a",), "Kyiv": ("b", "c")}


def test_verb_profile_flags_the_outlet_that_claims(story) -> None:
    articles, anns, quotes = story
    (item,) = by_kind(build_framing(articles, anns, FakeIndex({}), quotes), "attribution_verb")
    profile = verb_profile(item)
    # The quote's verb and its sentence's verb are one attribution.
    assert profile["a"] == {"claim": 3, "say": 1}
    assert profile["b"] == {"say": 5}
    assert profile["c"] == {"say": 1, "tell": 1}
    assert item.variants["claim"] == ("a",)
    assert item.variants["say"] == ("a", "b", "c")
    assert item.note is not None and "Outlet A uses 'claim' 3 times" in item.note
    assert "non-neutral verbs (claim ×3)" in item.note  # the share note names the verbs behind it
    assert "Outlet B" not in item.note and "Outlet C" not in item.note
    assert sorted(s.text for s in item.spans) == ["claimed"] * 3 + ["said"] * 7 + ["told"]


def test_loaded_terms_in_the_outlets_own_voice(story) -> None:
    articles, anns, quotes = story
    loaded = by_kind(build_framing(articles, anns, FakeIndex({}), quotes), "loaded_term")
    assert [(i.referent, dict(i.variants)) for i in loaded] == [("regime", {"regime": ("a",)})]
    (regime,) = loaded
    # The one outside the quote; "a brutal regime" is Ivanov's wording.
    assert [(s.article, s.start) for s in regime.spans] == [("a", articles[0].text.index("regime"))]
    assert regime.note is not None and regime.note.startswith("label; used by 1 of 3 outlets")


def test_voices(story) -> None:
    articles, anns, quotes = story
    (voices,) = by_kind(build_framing(articles, anns, FakeIndex({}), quotes), "voices")
    assert dict(voices.variants) == {"Petr Petrov": ("b", "c"), "Ivan Ivanov": ("a",)}
    assert voices.note == "only Outlet A quotes Ivan Ivanov"


def test_every_span_points_into_its_article(story) -> None:
    articles, anns, quotes = story
    texts = {a.id: a.text for a in articles}
    index = FakeIndex({"Kyiv": {"Kiev": ("a",), "Kyiv": ("b", "c")}})
    for item in build_framing(articles, anns, index, quotes):
        for s in item.spans:
            assert texts[s.article][s.start : s.end] == s.text


# --- the seeds ----------------------------------------------------------------


def _seed_story(seed_report):
    return next(s for s in seed_report.stories if len(s.article_ids) == 5)


@pytest.mark.slow
def test_seed_naming_split(seed_report) -> None:
    naming = by_kind(_seed_story(seed_report).framing, "naming")
    splits = [{k: {i[:3] for i in v} for k, v in item.variants.items()} for item in naming]
    kiev = next(s for s in splits if "Kiev" in s and "Kyiv" in s)
    assert kiev["Kiev"] == {"000", "004"}
    assert kiev["Kyiv"] == {"001", "002", "003"}
    zel = next(s for s in splits if any(k.endswith("Zelenskyy") for k in s))
    spelled = {k.split()[-1]: v for k, v in zel.items()}
    assert spelled["Zelenskyy"] == {"002"}
    assert {"000", "003", "004"} <= spelled["Zelensky"]


@pytest.mark.slow
def test_seed_claimed_stands_out(seed_report) -> None:
    story = _seed_story(seed_report)
    (item,) = by_kind(story.framing, "attribution_verb")
    profile = verb_profile(item)
    rt = next(aid for aid in profile if aid.startswith("000"))
    assert profile[rt]["claim"] >= 3
    assert item.note is not None
    rt_label = seed_report.article(rt).outlet or rt
    assert f"{rt_label} uses 'claim'" in item.note
    for other in (aid for aid in profile if aid != rt):
        label = seed_report.article(other).outlet or other
        assert f"{label} uses 'claim'" not in item.note


@pytest.mark.slow
def test_seed_loaded_terms(seed_report) -> None:
    loaded = {
        i.referent: {s.article[:3] for s in i.spans} for i in by_kind(_seed_story(seed_report).framing, "loaded_term")
    }
    assert loaded["clamor"] == {"000"}
    assert loaded["ostensibly"] == {"000"}
    assert loaded["war-torn"] == {"003"}
    # "Iran is behind the chaos" is a quote: the speaker's word, not the outlet's.
    assert "chaos" not in loaded


def test_lexicon_catches_charged_verbs_and_spares_neutral_uses() -> None:
    text = (
        "Rep. Jason Chaffetz pounced on the staff change, and Rice came under withering criticism. "
        "The truce is supposed to last three days; police found an explosive device. "
        "A lightning rod for critics, she was lambasted by strident opponents."
    )
    terms = [t.term for t in find_loaded_terms(text)]
    assert terms == ["pounce on", "withering", "lightning rod", "lambast", "strident"]


def test_embedded_posts_are_their_authors_words() -> None:
    text = (
        "The president kept tweeting on Saturday.\n\n"
        "Fake News CNN and NBC are going out of their way to disparage our great First Responders. "
        "Not fair! — Donald J. Trump (@realDonaldTrump) September 30, 2017\n\n"
        "He slammed the mayor again on Sunday."
    )
    article = Article("a", text, outlet="Outlet A")
    ann = Annotations("a", sentences=sentences(article), quotes=tuple(post_quotes(article)))  # as the NLP pass gives
    loaded = by_kind(build_framing([article], [ann], FakeIndex({}), []), "loaded_term")
    assert [i.referent for i in loaded] == ["slam"]  # 'fake' inside the post is not the outlet's word


def test_voices_are_the_speakers_the_nlp_pass_names_or_describes(story) -> None:
    """A quote whose speaker the NLP pass found to be no one ('the report') is in no voice."""
    articles, anns, quotes = story
    b = anns[1]
    anns[1] = Annotations("b", sentences=b.sentences, quotes=(Quote(Span.of(articles[1], 0, 10), "the report"),))
    (voices,) = by_kind(build_framing(articles, anns, FakeIndex({}), quotes), "voices")
    assert dict(voices.variants) == {"Ivan Ivanov": ("a",), "Petr Petrov": ("c",)}


def test_naming_needs_two_articles() -> None:
    """Real case: one CNN article writes both 'Haniyeh' and 'Haniya'; no other outlet names him."""
    a = Article("a", "Ismail Haniyeh spoke. Later Haniya said more.", outlet="CNN")
    b = Article("b", "Hamas officials spoke.", outlet="Fox")
    anns = [Annotations("a", sentences=sentences(a)), Annotations("b", sentences=sentences(b))]
    index = FakeIndex({"Ismail Haniyeh": {"Haniyeh": ("a",), "Haniya": ("a",)}})
    assert by_kind(build_framing([a, b], anns, index, []), "naming") == []
    index = FakeIndex({"Ismail Haniyeh": {"Haniyeh": ("a",), "Haniya": ("b",)}})
    assert len(by_kind(build_framing([a, b], anns, index, []), "naming")) == 1


def test_an_outlet_with_two_articles_is_one_voice(story) -> None:
    """Outlet B's second article neither makes B a second outlet nor sets B against itself."""
    articles, anns, quotes = story
    b2 = Article("b2", "In Kiev, Petrov said talks would go on. The regime said more.", outlet="outlet  b")
    marsh = Quote(Span.of(b2, 0, 7), "Anna Marsh", speaker_kind="name")
    b2_ann = Annotations("b2", sentences=sentences(b2, {0: "say", 1: "say"}), quotes=(marsh,))
    both = [*articles, b2]
    items = build_framing(both, [*anns, b2_ann], FakeIndex({"Kyiv": {"Kyiv": ("b",), "Kiev": ("b2",)}}), quotes)
    # one outlet writing a name two ways is a slip, not a naming contrast between outlets
    assert by_kind(items, "naming") == []
    (regime,) = by_kind(items, "loaded_term")
    assert regime.note is not None and regime.note.startswith("label; used by 2 of 3 outlets (Outlet A, outlet  b)")
    # a voice quoted in both of B's articles, and nowhere else, is quoted by one outlet only
    quotes_b = [StoryQuote("s1-q4", Span.of(articles[1], 0, 7), "Anna Marsh"), StoryQuote("s1-q5", Span.of(b2, 0, 7), "Anna Marsh")]
    b = anns[1]
    b_marsh = Quote(Span.of(articles[1], 0, 7), "Anna Marsh", speaker_kind="name")
    b_ann = Annotations("b", sentences=b.sentences, quotes=(*b.quotes, b_marsh))
    with_b = [anns[0], b_ann, *anns[2:], b2_ann]
    (voices,) = by_kind(build_framing(both, with_b, FakeIndex({}), [*quotes, *quotes_b]), "voices")
    assert voices.variants["Anna Marsh"] == ("b", "b2")
    assert "only Outlet B quotes Anna Marsh" in (voices.note or "")


def test_judgements_reported_without_quote_marks_are_the_subjects(models) -> None:
    """Real shapes: CNN on Perry ('call the charges outrageous'), Fox on Bannon ('their infamous ... meeting').
    The NLP pass marks the judgement (Sentence.judged); the outlet's own words around it stay loaded."""
    from newsprism.nlp.sentences import split_sentences

    def loaded(text: str) -> list[str]:
        sents = split_sentences(models.nlp(text), Article(id="t", text=text))
        return [t.term for t in find_loaded_terms(text, skip=[(j.start, j.end) for s in sents for j in s.judged])]

    assert loaded("Perry and his lawyers call the charges outrageous and vow to fight them in court.") == []
    assert loaded("Bannon called their infamous June 2016 meeting in Trump Tower treasonous.") == ["infamously"]
    assert loaded("The outrageous plan was called off.") == ["outrageous"]
    assert loaded("Critics described the plan as outrageous.") == []
    # without the NLP pass's judgements, the judgement counts as the outlet's word
    assert [t.term for t in find_loaded_terms("His lawyers call the charges outrageous.")] == ["outrageous"]


def test_labels_for_governments_and_stock_drama() -> None:
    """Real Fox wording on North Korea ('the rogue regime', 'the communist dictatorship') and a Bannon 'feud'."""
    text = (
        "Sanctions could cost the communist dictatorship $1 billion after a launch from the rogue regime amid a feud."
    )
    assert [t.term for t in find_loaded_terms(text)] == ["dictator", "rogue", "feud"]  # "rogue regime" is one phrase
    assert find_loaded_terms("The sanctions regime was tightened.") == []


def test_attribution_verbs_come_from_the_parse_once_each() -> None:
    """A sentence's frame verb and its quote's verb at one place are one attribution; the same verb twice in a
    sentence is counted once; a capitalised word inside a sentence ('Editor's Note:') is no frame."""
    a = Article("a", "Editor's Note: the vote was delayed. Ivanov said the talks, he said, “would go on”.", outlet="A")
    b = Article("b", "Petrov said talks would go on.", outlet="B")
    first, second = (
        span(a, "Editor's Note: the vote was delayed."),
        span(a, "Ivanov said the talks, he said, “would go on”."),
    )
    anns = [
        Annotations(
            "a",
            sentences=(
                Sentence(first, report_verb="note", report_verb_span=span(a, "Note")),
                Sentence(second, report_verb="say", report_verb_span=span(a, "said", 0)),
            ),
            quotes=(
                Quote(span(a, "would go on"), "Ivanov", verb="said", verb_span=span(a, "said", 1), verb_lemma="say"),
            ),
        ),
        Annotations("b", sentences=sentences(b, {0: "say"})),
    ]
    (item,) = by_kind(build_framing([a, b], anns, FakeIndex({}), []), "attribution_verb")
    assert verb_profile(item) == {"a": {"say": 1}, "b": {"say": 1}}
    assert [(s.article, s.start) for s in item.spans] == [("a", a.text.index("he said") + 3), ("b", 7)]  # the quote's
