"""Claim alignment on the real seeds, the invented dam story and small hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.compare.claims import compare_claims, outlet_keys
from newsprism.model import Article, Claim, Disagreement
from newsprism.nlp.aliases import EntityIndex
from newsprism.nlp.models import Models

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(articles, annotations, models, settings) -> tuple[tuple[Claim, ...], tuple[Disagreement, ...]]:
    index = EntityIndex.build(articles, [annotations[a.id] for a in articles if a.id in annotations])
    return compare_claims(articles, annotations, index, models=models, settings=settings, story_id="s1")


def supports(claim: Claim) -> list[str]:
    return [s.text for s in claim.support]


def find(claims, *words: str, min_articles: int = 1) -> Claim | None:
    """The first claim every one of whose support sentences holds all ``words`` (any spelling listed with '|')."""
    for c in claims:
        if len(c.support) >= min_articles and all(
            all(any(w.lower() in t.lower() for w in word.split("|")) for word in words) for t in supports(c)
        ):
            return c
    return None


@pytest.fixture(scope="module")
def seed_result(seed_articles, seed_annotations, models, settings):
    return run(seed_articles, seed_annotations, models, settings)


@pytest.mark.slow
def test_seed_claims_shared_by_several_outlets(seed_result) -> None:
    claims, _ = seed_result
    assert find(claims, "Blinken", "Lammy", "Kyiv|Kiev|Ukraine", min_articles=3), "joint visit"
    assert find(claims, "Biden", "working", min_articles=2), "Biden's remark"
    assert find(claims, "Starmer", min_articles=3), "Biden-Starmer meeting"
    iran = find(claims, "Iran", "missile", min_articles=3)
    assert iran is not None, "Iran supplied missiles"
    assert "denied" not in iran.stance.values()


@pytest.mark.slow
def test_seed_claims_are_ordered_and_well_formed(seed_result, seed_articles) -> None:
    claims, _ = seed_result
    by_id = {a.id: a for a in seed_articles}
    outlets = outlet_keys(seed_articles)
    counts = [len({outlets[s.article] for s in c.support}) for c in claims]
    assert counts == sorted(counts, reverse=True)
    assert [c.id for c in claims] == [f"s1-c{n}" for n in range(1, len(claims) + 1)]
    for c in claims:
        arts = [s.article for s in c.support]
        assert len(arts) == len(set(arts)), "one sentence per article"
        assert set(c.stance) == set(arts) and set(c.stance.values()) <= {"asserted", "attributed", "denied"}
        assert c.text in supports(c)
        for s in c.support:
            assert by_id[s.article].text[s.start : s.end] == s.text


@pytest.mark.slow
def test_seed_single_source_claims_and_no_noise(seed_result) -> None:
    claims, _ = seed_result
    single = [c for c in claims if len(c.support) == 1]
    assert find(single, "aid", "$700mn|£600mn"), "aid packages reported by one outlet"
    for c in claims:
        for t in supports(c):
            assert "(pictured" not in t and "©" not in t and "Read more" not in t
            assert "newsletter" not in t.lower() and "Articles You May Like" not in t
            assert len(t.split()) >= 6


@pytest.mark.slow
def test_seed_off_topic_tail_is_not_a_main_claim(seed_result) -> None:
    claims, _ = seed_result
    tail = [c for c in claims if any(w in t for t in supports(c) for w in ("Gallant", "Haniyeh", "Netanyahu"))]
    assert len(tail) >= 3
    assert all(c.off_topic for c in tail)
    assert not any(c.off_topic for c in claims if len(c.support) > 1)


@pytest.mark.slow
def test_seed_iran_denial_disagreement(seed_result) -> None:
    claims, disagreements = seed_result
    by_id = {c.id: c for c in claims}
    denials = [d for d in disagreements if d.kind == "denial"]
    # the accusation and Iran's denials, however each outlet words them, are one dispute
    (d,) = [d for d in denials if d.explanation.endswith("a denial by Iran.")]
    reports, denial = d.sides
    assert reports.value.startswith("reports it (citing ") and denial.value == "reports a denial by Iran"
    assert "Blinken" in reports.value and "Both" not in reports.value  # whom the outlets cite for the supply
    stating = [by_id[c] for c in d.claims if set(by_id[c].support) <= set(reports.spans)]
    denying = [by_id[c] for c in d.claims if set(by_id[c].support) <= set(denial.spans)]
    assert len(stating) + len(denying) == len(d.claims) >= 3
    assert all("Iran" in t or "Tehran" in t for c in denying for t in supports(c))
    assert all(set(c.stance.values()) == {"denied"} for c in denying)
    assert all("denied" not in c.stance.values() for c in stating)
    assert any("missile" in t for c in stating for t in supports(c))
    # each side labelled with the outlets on it: three or more report the supply, two or more Iran's denial
    assert len(reports.articles) >= 3 and len(denial.articles) >= 2
    assert set(reports.articles) == {s.article for c in stating for s in c.support}
    assert set(denial.articles) == {s.article for c in denying for s in c.support}
    assert {s.article for s in d.spans} >= set(reports.articles) | set(denial.articles)
    assert " report that Iran had delivered " in d.explanation  # what the outlets report, after its frame
    # the claims' cells: the outlets that report the denial show it beside what they say of the supply
    for claim in stating:
        for span in denial.spans:
            kinds = {c.kind: c for c in claim.cell(span.article)}
            assert kinds["denies"].span == span and kinds["denies"].source in ("Iran", "Tehran and Moscow")
        for span in claim.support:
            first = claim.cell(span.article)[0]
            assert first.span == span and first.kind in ("states", "reports")
    for claim in denying:
        assert all(c.kind == "denies" for c in claim.coverage if c.span in claim.support)


@pytest.fixture(scope="module")
def example_result(models, settings):
    from newsprism.clean import clean_article
    from newsprism.ingest import read_inputs
    from newsprism.nlp import annotate

    read = [a for a in read_inputs([EXAMPLES], settings=settings) if isinstance(a, Article)]
    articles = [clean_article(a, settings=settings) for a in read]
    annotations = {x.article_id: x for x in annotate(articles, models=models, settings=settings)}
    return articles, run(articles, annotations, models, settings)


@pytest.mark.slow
def test_examples_shared_claims_and_single_source(example_result) -> None:
    articles, (claims, _) = example_result
    labels = {a.id: a.outlet for a in articles}
    evacuated = find(claims, "4,000", min_articles=3)
    assert evacuated is not None
    investigation = find(claims, "negligence", min_articles=3)
    assert investigation is not None
    assert {labels[a] for a in investigation.article_ids} >= {"Meridian", "The Continental Review"}
    assert find([c for c in claims if len(c.support) == 1], "40 million lei")


@pytest.mark.slow
def test_examples_death_toll_and_denial(example_result) -> None:
    articles, (claims, disagreements) = example_result
    by_id = {c.id: c for c in claims}
    numeric = [d for d in disagreements if d.kind == "numeric"]
    assert numeric, "the disputed death toll"
    sides = [" ".join(supports(by_id[c])) for c in numeric[0].claims]
    assert any("12" in s or "Twelve" in s for s in sides) and any("14" in s for s in sides)
    assert "12" in numeric[0].explanation and "14" in numeric[0].explanation
    denial = [d for d in disagreements if d.kind == "denial"]
    assert denial and all(
        "denied" in by_id[d.claims[1]].stance.values() and "denied" not in by_id[d.claims[0]].stance.values()
        for d in denial
    )


@pytest.mark.slow
def test_an_outlet_in_both_claims_without_both_values_does_not_stop_a_dispute(example_result, models, settings) -> None:
    """The fitted model puts one outlet's evacuation sentence beside '12 dead' and its '14 killed' lead in the
    other claim: the outlet does not state both tolls, so the 12-vs-14 dispute stands."""
    from dataclasses import replace

    from newsprism.nlp import annotate

    articles = example_result[0]
    annotations = {x.article_id: x for x in annotate(articles, models=models, settings=settings)}
    claims, disagreements = run(articles, annotations, models, replace(settings, claim_model="fitted"))
    by_id = {c.id: c for c in claims}
    numeric = [d for d in disagreements if d.kind == "numeric"]
    assert numeric and "12" in numeric[0].explanation and "14" in numeric[0].explanation
    shared = set(by_id[numeric[0].claims[0]].article_ids) & set(by_id[numeric[0].claims[1]].article_ids)
    assert shared, "the case this guards: an article in both claims"


@pytest.mark.slow
def test_hand_written_number_flip(models, settings) -> None:
    from newsprism.nlp import annotate

    a = Article(
        id="a",
        outlet="Wire",
        text="Floods in the northern province have killed 31 people, the regional governor said on Monday. "
        "Rescue teams are searching for survivors in the hills.",
    )
    b = Article(
        id="b",
        outlet="Gazette",
        text="Floods in the northern province have killed 45 people, the regional governor said on Monday. "
        "Schools across the region will stay closed this week.",
    )
    annotations = {x.article_id: x for x in annotate([a, b], models=models, settings=settings)}
    claims, disagreements = run([a, b], annotations, models, settings)
    assert all(len(c.support) == 1 for c in claims), "different figures never support one claim"
    kinds = [d.kind for d in disagreements]
    assert "numeric" in kinds
    d = next(d for d in disagreements if d.kind == "numeric")
    assert "Wire" in d.explanation and "Gazette" in d.explanation and "31" in d.explanation
    assert {s.article for s in d.spans} == {"a", "b"}


def test_reprints_count_as_their_original_outlet() -> None:
    original = Article(id="x", text="t", outlet="Wire")
    reprint = Article(id="y", text="t", outlet="Local Paper", duplicate_of="x")
    other = Article(id="z", text="t")
    assert outlet_keys([original, reprint, other]) == {"x": "wire", "y": "wire", "z": "z"}


@pytest.mark.slow
def test_seed_multi_outlet_claims_share_what_happened(seed_result) -> None:
    """Sentences that share only the story's names and vocabulary are not one claim."""
    claims, disagreements = seed_result
    multi = [c for c in claims if len(c.support) > 1]

    def together(a: str, b: str) -> bool:
        return any(any(a in t for t in supports(c)) and any(b in t for t in supports(c)) for c in multi)

    assert not together("Washington has consistently claimed", "Ukraine has been explicit")
    assert not together("finalizing the details", "is split about")
    assert not together("finalizing the details", "In May, the Biden administration")
    visit = find(claims, "Blinken", "Lammy", "Kyiv|Kiev|Ukraine", min_articles=3)
    assert visit is not None and not any("met in London" in t for t in supports(visit))
    by_id = {c.id: c for c in claims}
    for d in (d for d in disagreements if d.kind == "denial"):
        asserted = " ".join(supports(by_id[d.claims[0]]))
        assert "Iran" in asserted or "Tehran" in asserted, asserted


@pytest.mark.slow
def test_examples_denial_targets_what_is_denied_and_no_statement_dates(example_result) -> None:
    _, (claims, disagreements) = example_result
    by_id = {c.id: c for c in claims}
    for d in (d for d in disagreements if d.kind == "denial"):
        asserted = " ".join(supports(by_id[d.claims[0]]))
        assert "did work" not in asserted and "worked" not in asserted, "the denier's own position"
        assert "concession" not in asserted
    assert any(d.kind == "denial" and "no warning" in " ".join(supports(by_id[d.claims[0]])) for d in disagreements)
    dates = [d for d in disagreements if d.kind == "date"]
    assert not any("yesterday" in d.explanation and "Wednesday morning" in d.explanation for d in dates)


class _CountingEncoder:
    def __init__(self, encoder) -> None:
        self.encoder, self.texts = encoder, []

    def encode(self, texts):
        self.texts.extend(texts)
        return self.encoder.encode(texts)


class _Models(Models):
    def __init__(self, models) -> None:
        super().__init__(models.settings)
        self._counting = _CountingEncoder(models.encoder)

    @property
    def encoder(self):
        return self._counting


@pytest.mark.slow
def test_seed_embeds_each_text_once_and_lone_articles_not_at_all(seed_articles, seed_annotations, models, settings):
    counting = _Models(models)
    claims, _ = run(seed_articles, seed_annotations, counting, settings)
    texts = counting.encoder.texts
    sentences = sum(len(seed_annotations[a.id].sentences) for a in seed_articles)
    assert texts and len(texts) == len(set(texts))
    assert len(texts) <= 1.25 * sentences  # one text per sentence, a second only for a frame with content
    lone = _Models(models)
    claims, _ = run(seed_articles[:1], seed_annotations, lone, settings)
    assert lone.encoder.texts == [] and claims and all(len(c.support) == 1 for c in claims)


def _allsides(*lines: int) -> list[Article]:
    """Articles at the given line numbers of the shared AllSides sample (read from its start)."""
    import gzip
    import json

    from .conftest import SHARED

    wanted, out = set(lines), []
    with gzip.open(SHARED / "data" / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n in wanted:
                r = json.loads(line)
                out.append(Article(r["id"], r["text"], title=r["title"], outlet=r["outlet"], published=r["published"]))
            if n >= max(wanted):
                break
    return out


@pytest.mark.slow
def test_real_outlets_share_the_headline_figure(models, settings) -> None:
    """Two outlets' reports of one weekly jobless-claims release (AllSides): the same figures, rounded differently."""
    from newsprism.pipeline import analyze_articles

    report = analyze_articles(_allsides(188, 336), settings=settings, models=models)
    (story,) = report.stories
    shared = [c for c in story.claims if len(c.support) == 2]
    headline = find(shared, "million last week")
    assert headline is not None, [c.text for c in shared]
    assert {s.article for s in headline.support} == set(story.article_ids)
    assert any("2.123 million" in t for t in supports(headline)) and any("2.1 million" in t for t in supports(headline))
    assert find(shared, "2,438,000|2.438 million") is not None
    # the state-by-state breakdown and the benefits that follow stay on the story
    assert not any(c.off_topic for c in story.claims), [c.text for c in story.claims if c.off_topic]


def _real_story(models, settings, *lines: int):
    from newsprism.pipeline import analyze_articles

    report = analyze_articles(_allsides(*lines), settings=settings, models=models)
    (story,) = report.stories
    return story


@pytest.mark.slow
def test_real_second_nurse_story_aligns_its_central_facts(models, settings) -> None:
    """Fox and CNN on the second Dallas Ebola nurse (AllSides): the name, both tests, no false disputes."""
    story = _real_story(models, settings, 10958, 30483)
    shared = [c for c in story.claims if len(c.support) == 2]
    assert find(shared, "Amber Vinson"), "the nurse's name"
    assert find(shared, "test", "Centers for Disease Control", "Atlanta"), "the second test at the CDC"
    assert find(shared, "reliminary", "Austin", "midnight"), (
        "the preliminary test, dated midnight Wednesday / late Tuesday"
    )
    assert not [d for d in story.disagreements if d.kind in ("date", "numeric")], [
        d.explanation for d in story.disagreements
    ]
    assert not find(shared, "70|48", "monitored"), "70 hospital contacts and 48 other people are two facts"
    # the passage about her flight is one outlet's detail of the story, not another subject
    assert not [c for c in story.claims if c.off_topic and "Flight" in c.text]


@pytest.mark.slow
def test_real_court_ruling_vote_and_quotes(models, settings) -> None:
    """USA TODAY, The Hill and Fox on the Masterpiece Cakeshop ruling: the 7-2 vote aligns, quotes do not 'contradict'."""
    story = _real_story(models, settings, 2685, 7396, 20044)
    assert find(story.claims, "7-2", min_articles=2), "the vote"
    assert find(story.claims, "Ginsburg|dissent", "Sotomayor", min_articles=3), "the dissents"
    assert not [d for d in story.disagreements if d.kind == "contradiction"], [
        d.explanation for d in story.disagreements
    ]
    assert not any(c.off_topic for c in story.claims)


@pytest.mark.slow
def test_real_truce_story_has_no_false_disputes(models, settings) -> None:
    """CNN, Fox and the Washington Times (AP) on the Aug 2014 Gaza truce: sums, subsets and one spokesman."""
    story = _real_story(models, settings, 4699, 17562, 18794)
    explanations = [d.explanation for d in story.disagreements]
    assert not [e for e in explanations if "64" in e and "67" in e], explanations  # 64 soldiers + 3 civilians = 67
    assert not [e for e in explanations if "1,900" in e and "900" in e.replace("1,900", "")], explanations
    assert not [d for d in story.disagreements if d.kind == "attribution"], explanations  # 'Peter' is Peter Lerner
    israelis = find(story.claims, "67|64", "soldiers", min_articles=3)
    assert israelis is not None, "the Israeli toll, as a sum and as a total"
    copy = "Overnight, we completed the destruction of 32 tunnels"
    wire = next((c for c in story.claims if sum(copy in t for t in supports(c)) >= 2), None)
    assert wire is not None, "AP copy in two outlets is one claim (a third outlet's paraphrase may join it)"
    assert not any("Hide Caption" in s.text for c in story.claims for s in c.support)


@pytest.fixture(scope="module")
def fitted_seed_result(seed_articles, seed_annotations, models, settings):
    from dataclasses import replace

    return run(seed_articles, seed_annotations, models, replace(settings, claim_model="fitted"))


@pytest.mark.slow
def test_fitted_model_aligns_seed_claims_and_keeps_claims_well_formed(fitted_seed_result, seed_articles) -> None:
    claims, _ = fitted_seed_result
    by_id = {a.id: a for a in seed_articles}
    assert find(claims, "Biden", "working", min_articles=2), "Biden's remark"
    assert find(claims, "Starmer", min_articles=3), "Biden-Starmer meeting"
    assert find([c for c in claims if len(c.support) == 1], "aid", "$700mn|£600mn"), "aid packages stay single-source"
    restated = [c for c in claims if c.restated]
    assert restated, "some article restates a shared claim"
    for c in claims:
        arts = [s.article for s in c.support]
        assert len(arts) == len(set(arts)), "one supporting sentence per article"
        for s in (*c.support, *c.restated):
            assert by_id[s.article].text[s.start : s.end] == s.text
        assert {s.article for s in c.restated} <= set(arts), "restatements come from supporting articles"
        assert not set(c.restated) & set(c.support)


def test_unknown_pair_model_is_a_config_error(tmp_path) -> None:
    from newsprism.compare.claims.fitted import pair_model
    from newsprism.errors import ConfigError

    with pytest.raises(ConfigError, match="missing.json"):
        pair_model(str(tmp_path / "missing.json"))


@pytest.mark.slow
def test_hand_score_keeps_an_articles_restatement_of_a_shared_claim(models, settings) -> None:
    """Three outlets on Trump's tweets banning transgender service (a gold story, one of those the margin was
    chosen on): an article that quotes the tweet and also paraphrases it keeps the paraphrase as a restatement,
    under the hand-tuned score, and the paraphrase is no single-source claim of its own."""
    import json
    from dataclasses import replace

    from newsprism.evaluate.goldsets import story_docs
    from newsprism.pipeline import analyze_articles

    path = Path(__file__).resolve().parent / "gold" / "stories" / "transgender-military-ban-2017-07-26.json"
    articles = [d.article for d in story_docs(json.loads(path.read_text(encoding="utf-8")))]
    report = analyze_articles(articles, settings=replace(settings, claim_model="hand"), models=models)
    claims = [c for s in report.stories for c in s.claims]
    tweet = [c for c in claims if len(c.support) > 1 and any("will not accept or allow" in t for t in supports(c))]
    assert tweet, [c.text for c in claims if len(c.support) > 1]
    paraphrase = "tweeted Wednesday that transgender individuals will not be allowed to serve"
    restated = [s for c in tweet for s in c.restated if paraphrase in s.text]
    assert restated, [s.text for c in tweet for s in c.restated]
    assert not [c for c in claims if c.support == (restated[0],)], "a restatement is no single-source claim"
    every = [s for c in claims for s in c.restated]
    assert len(every) == len(set(every)), "a sentence restates one claim at most"
    by_id = {a.id: a for a in report.articles}
    for c in claims:
        assert {s.article for s in c.restated} <= {s.article for s in c.support}
        assert not set(c.restated) & set(c.support)
        assert all(by_id[s.article].text[s.start : s.end] == s.text for s in c.restated)
