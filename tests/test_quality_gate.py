"""The quality gate: claim alignment and story grouping must not fall below pinned floors.

A fast subset of ``bench/quality.py``: three ECB+ check topics, the
hand-labelled claim gold (``tests/gold/stories``) and, for story grouping,
the held-back story windows (``tests/gold/story_groups``), scored exactly as
the bench scores them. Each floor is a figure measured on this subset minus 0.02.
Floors may only be raised: when a change lifts a figure, raise its floor
with it; a change that drops one below its floor needs fixing, not a lower floor.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.evaluate import (
    EvalCache,
    GroupingResult,
    SetResult,
    dispute_split,
    ecb_groups,
    evaluate_cells,
    evaluate_disputes,
    evaluate_grouping,
    evaluate_set,
    evaluate_stances,
    gold_split,
    group_split,
    load_cell_gold,
    load_dispute_gold,
    load_ecbplus,
    load_stance_gold,
    load_story_gold,
    load_story_groups,
)
from newsprism.evaluate.run import prepare_scoring
from newsprism.nlp.models import Models

from .conftest import SHARED

ECB = SHARED / "data" / "ecbplus-dev"
GOLD = Path(__file__).resolve().parent / "gold" / "stories"
GATE_TOPICS = (26, 27, 28)
WINDOWS = Path(__file__).resolve().parent / "gold" / "story_groups"
CORPUS = SHARED / "data" / "allsides" / "articles.jsonl.gz"
GENRE_READ = Path(__file__).resolve().parent / "gold" / "genre" / "section_conflicts.json"
#: The gold stories the floors were measured on; stories added later count in bench/quality.py, not here.
GATE_STORIES = (
    "aqap-charlie-hebdo-2015-01-14",
    "ebola-second-nurse-2014-10-15",
    "flynn-charged-2017-12-01",
    "georgia-provisional-ballots-2018-11-13",
    "hospital-covid-data-2020-07-15",
    "iran-uranium-limit-2019-06-17",
    "manafort-plea-2018-09-14",
    "more-impeachment-articles-2019-12-23",
    "stormy-payment-2018-05-03",
    "transgender-military-ban-2017-07-26",
    "trump-eu-foe-2018-07-15",
    "trump-jr-russia-email-2017-07-10",
    "whitaker-lawsuit-2018-11-19",
)

#: (set, figure) -> floor: the figure measured on 2026-12-05 minus 0.02 (raised where the fact-layer figures
#: lifted it). Raise only.
FLOORS = {
    ("ecb", "claims.precision"): 0.964,
    ("ecb", "claims.recall"): 0.166,  # 2026-12-06, restatements under the hand-tuned score
    ("ecb", "claims.f1"): 0.292,
    ("ecb", "grouping.f1"): 0.778,
    ("gold", "claims.precision"): 0.911,  # 2026-12-06, likewise
    ("gold", "claims.recall"): 0.122,
    ("gold", "claims.f1"): 0.227,
    ("gold", "grouping.f1"): 0.980,
    # the fitted pair model (claim_model = "fitted"), measured on 2026-12-05 minus 0.02
    ("ecb-fitted", "claims.precision"): 0.965,
    ("ecb-fitted", "claims.recall"): 0.331,
    ("ecb-fitted", "claims.f1"): 0.496,
    ("gold-fitted", "claims.precision"): 0.876,
    ("gold-fitted", "claims.recall"): 0.181,
    ("gold-fitted", "claims.f1"): 0.308,
    # the fitted model on the gold stories held back from fitting (tests/gold/split.json), measured on
    # 2026-12-05 minus 0.02
    ("held-back-fitted", "claims.precision"): 0.906,
    ("held-back-fitted", "claims.recall"): 0.142,
    ("held-back-fitted", "claims.f1"): 0.254,
    # story grouping on the story windows held back from fitting (tests/gold/story_groups), hand-set and fitted,
    # and the fitted same-story model on ECB+ 26-28; measured on 2026-12-05 minus 0.02
    ("windows", "b_cubed.f1"): 0.764,
    ("windows", "pairs.f1"): 0.656,
    ("windows-fitted", "b_cubed.f1"): 0.765,  # 2026-12-06, with shared quotes, passages, figures, opinion
    ("windows-fitted", "pairs.f1"): 0.566,
    ("ecb-stories-fitted", "b_cubed.f1"): 0.778,
    ("ecb-stories-fitted", "pairs.f1"): 0.712,
}
#: Numeric disputes on the dispute gold (tests/gold/disputes) with dispute_model = "figures",
#: measured on 2026-12-05 minus 0.02. Raise only.
DISPUTE_FLOORS = {"precision": 0.758, "recall": 0.447, "date_precision": 0.98, "date_recall": 0.48}  # 2026-12-06
DISPUTES = Path(__file__).resolve().parent / "gold" / "disputes"
#: Stance accuracy and reported denials on the stance gold (tests/gold/stances), measured minus 0.02 (accuracy
#: 0.791 on 2026-12-07, denials on 2026-12-05).
STANCE_FLOORS = {"accuracy": 0.771, "denial_precision": 0.98, "denial_recall": 0.042}
STANCES = Path(__file__).resolve().parent / "gold" / "stances"
#: Coverage cells of the seeds and examples/: accuracy is a floor; the part or absent cells the matrix shows
#: as carrying the claim (a tick for what the outlet does not say) are a ceiling, and may only be lowered.
CELL_FLOORS = {"accuracy": 0.618}
#: 6 under bfloat16 autocast, the encoder's precision until 2026-12-07; 7 in fp32, the default since (a report
#: that does not depend on the CPU but for float rounding, and no emulated bfloat16 on CPUs without it): one
#: borderline sentence labelled part (a plan announced 'while visiting Kiev with' the other minister) joins the
#: visit's claim in fp32. The ceiling is measured in the gate's precision, and otherwise may only be lowered.
CELL_FALSE_CARRIES = 7
CELLS = Path(__file__).resolve().parent / "gold" / "cells"
#: News or opinion on 150 held-back AllSides articles labelled by their outlet's section.
GENRE_FLOOR = 0.853
#: The same articles labelled by a blind reader where one read them (tests/gold/genre).
GENRE_READ_FLOOR = 0.94
#: The briefs of the gate's gold stories (claim_model = "hand"): the share of citations of other articles that the
#: gold backs, measured on 2026-12-07 (1.0: 55 of 55, with brief_cite_probability) minus 0.02 (raise only), and opinion
#: sentences worded in a brief (none).
BRIEF_SUPPORT_FLOOR = 0.98
BRIEF_OPINION_SENTENCES = 0
#: ROUGE-2 F1 of the gate stories' briefs against the reference summaries (tests/gold/summaries), measured on
#: 2026-12-05 minus 0.02; the brief must also beat lead-3. Raise only.
BRIEF_ROUGE_FLOOR = 0.205


def _figure(result: SetResult | GroupingResult, name: str) -> float:
    part, _, metric = name.partition(".")
    value = getattr(getattr(result, part), metric)
    return float(value)


def _check(label: str, result: SetResult | GroupingResult) -> None:
    if isinstance(result, SetResult):
        print(f"\n{result.name}: newsprism {result.claims.row()}")
        print(f"  tf-idf >= 0.3 {result.tfidf_threshold.row()}")
        print(f"  tf-idf mutual {result.tfidf_mutual_best.row()}")
    else:
        print(f"\n{result.name} (stories): B³ F1 {result.b_cubed.f1:.3f}, pairs {result.pairs.row()}")
        print(f"  tf-idf average link: B³ F1 {result.baseline_b_cubed.f1:.3f}, pairs {result.baseline_pairs.row()}")
    below = []
    for (which, name), floor in FLOORS.items():
        if which == label:
            value = _figure(result, name)
            print(f"  {name} {value:.3f} (floor {floor:.3f})")
            if value < floor:
                below.append(f"{name} {value:.3f} < floor {floor:.3f}")
    assert not below, f"{result.name} fell below the quality floors: " + "; ".join(below)


@pytest.mark.slow
def test_ecbplus_check_topics_hold_their_floors(models: Models, settings: Settings) -> None:
    if not ECB.is_dir():
        pytest.skip(f"ECB+ data not found at {ECB} (../shared is absent)")
    _check("ecb", evaluate_set(load_ecbplus(ECB, GATE_TOPICS), settings=settings, models=models))


@pytest.mark.slow
def test_story_gold_holds_its_floors(models: Models, settings: Settings) -> None:
    gold = load_story_gold(GOLD, GATE_STORIES)
    assert len(gold.stories()) == len(GATE_STORIES), "a gate story file is missing"
    result = evaluate_set(gold, settings=settings, models=models)
    brief = result.brief
    assert brief is not None and brief.sentences >= 3 * len(GATE_STORIES), brief
    print(
        f"\nbriefs: citations backed {brief.supported}/{brief.citations} ({brief.support_rate:.3f}), citing every "
        f"article {brief.baseline_rate:.3f}; opinion sentences {brief.opinion} of {brief.sentences}"
    )
    assert brief.support_rate >= BRIEF_SUPPORT_FLOOR, f"brief citations backed {brief.support_rate:.3f}"
    assert brief.support_rate > brief.baseline_rate, "the brief must cite better than citing every article"
    assert brief.opinion <= BRIEF_OPINION_SENTENCES, f"{brief.opinion} opinion sentences in briefs"
    summaries = result.summaries
    assert summaries.stories == len(GATE_STORIES), "a gate story has no reference summary"
    print(f"summaries: ROUGE-2 F1 brief {summaries.brief_mean:.3f}, lead-3 {summaries.lead_mean:.3f}")
    assert summaries.brief_mean >= BRIEF_ROUGE_FLOOR, f"brief ROUGE-2 {summaries.brief_mean:.3f}"
    assert summaries.brief_mean > summaries.lead_mean, "the brief must beat lead-3 on the reference summaries"
    _check("gold", result)


@pytest.mark.slow
def test_fitted_pair_model_holds_its_floors(models: Models, settings: Settings) -> None:
    fitted = replace(settings, claim_model="fitted")
    if ECB.is_dir():
        _check(
            "ecb-fitted", evaluate_set(load_ecbplus(ECB, GATE_TOPICS), settings=fitted, models=models, grouping=False)
        )
    gold = load_story_gold(GOLD, GATE_STORIES)
    _check("gold-fitted", evaluate_set(gold, settings=fitted, models=models, grouping=False))
    _, held = gold_split(GOLD)
    held_back = load_story_gold(GOLD, held)
    assert len(held_back.stories()) == len(held) > 0
    _check("held-back-fitted", evaluate_set(held_back, settings=fitted, models=models, grouping=False))


@pytest.mark.slow
def test_story_grouping_holds_its_floors(models: Models, settings: Settings, tmp_path: Path) -> None:
    if not CORPUS.is_file():
        pytest.skip(f"AllSides corpus not found at {CORPUS} (../shared is absent)")
    _, held = group_split(WINDOWS)
    windows = load_story_groups(WINDOWS, CORPUS, held)
    cache = EvalCache(tmp_path)  # one NLP pass for both models
    for label, model in (("windows", "hand"), ("windows-fitted", "fitted")):
        result = evaluate_grouping(windows, settings=replace(settings, story_model=model), models=models, cache=cache)
        assert result.baseline_b_cubed.f1 < result.b_cubed.f1, "grouping must beat the TF-IDF baseline"
        _check(label, result)
    if ECB.is_dir():
        ecb = ecb_groups(load_ecbplus(ECB, GATE_TOPICS))
        _check(
            "ecb-stories-fitted",
            evaluate_grouping(ecb, settings=replace(settings, story_model="fitted"), models=models),
        )


@pytest.mark.slow
def test_figure_disputes_hold_their_floors_and_beat_the_old_rules(models: Models, settings: Settings) -> None:
    gold = load_dispute_gold(DISPUTES, dispute_split(DISPUTES)[0])  # the stories the rules were built on
    prepared = prepare_scoring(gold.docs, settings, models)
    old, figures = (
        evaluate_disputes(gold, settings=replace(settings, dispute_model=m), prepared=prepared)[0]
        for m in ("claims", "figures")
    )
    for name, r in (("old rules", old), ("figures", figures)):
        print(f"\nnumeric disputes, {name}: P {r.precision('numeric'):.3f} R {r.recall('numeric'):.3f}")
    assert figures.precision("numeric") >= DISPUTE_FLOORS["precision"]
    assert figures.recall("numeric") >= DISPUTE_FLOORS["recall"]
    assert figures.precision("date") >= DISPUTE_FLOORS["date_precision"]
    assert figures.recall("date") >= DISPUTE_FLOORS["date_recall"]
    assert figures.precision("numeric") > old.precision("numeric") and figures.recall("numeric") > old.recall("numeric")


@pytest.mark.slow
def test_no_outlet_disputes_itself_on_any_dispute_gold(models: Models, settings: Settings) -> None:
    gold = load_dispute_gold(DISPUTES)  # fit and held back: this holds everywhere
    result = evaluate_disputes(gold, settings=settings, prepared=prepare_scoring(gold.docs, settings, models))[0]
    assert result.same_outlet == {"numeric": 0, "date": 0}, "a dispute within one outlet"


@pytest.mark.slow
def test_stances_and_denials_hold_their_floors(models: Models, settings: Settings) -> None:
    gold = load_stance_gold(STANCES, GOLD)
    assert len(gold.docs.stories()) >= 19 and gold.denials, "the stance gold is missing"
    ours, words = evaluate_stances(gold, settings=settings, models=models)
    for r in (ours, words):
        print(f"\n{r.name}: stance accuracy {r.accuracy:.3f}, denials P {r.denial_precision:.3f} R {r.denial_recall:.3f}")
    assert ours.accuracy >= STANCE_FLOORS["accuracy"]
    assert ours.denial_precision >= STANCE_FLOORS["denial_precision"]
    assert ours.denial_recall >= STANCE_FLOORS["denial_recall"]
    assert ours.accuracy > words.accuracy, "stances must beat the keyword baseline"


@pytest.mark.slow
def test_coverage_cells_hold_their_floor(models: Models, settings: Settings) -> None:
    folders = {"seeds": SHARED / "seeds", "examples": Path(__file__).resolve().parents[1] / "examples"}
    golds = [load_cell_gold(path) for path in sorted(CELLS.glob("*.json"))]
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the seed articles are not at {SHARED / 'seeds'}; their cells are part of the floor")
    assert {g.input for g in golds} == set(folders), "the coverage-cell gold is missing"
    ours, ticks = evaluate_cells([(folders[g.input], g) for g in golds], settings=settings, models=models)
    for r in (ours, ticks):
        print(f"\n{r.name}: cell accuracy {r.accuracy:.3f}, part or absent shown as carried {r.false_carries}")
    assert ours.cells >= 200 and ours.unmatched <= 5 and ours.merged <= 5
    assert ours.accuracy >= CELL_FLOORS["accuracy"]
    assert ours.false_carries <= CELL_FALSE_CARRIES
    assert ours.accuracy > ticks.accuracy + 0.1, "cells must beat the tick-per-support matrix"


@pytest.mark.slow
def test_news_or_opinion_holds_its_floor(models: Models, settings: Settings) -> None:
    from newsprism.evaluate.genre import predict_genre, read_labels

    if not CORPUS.is_file():
        pytest.skip(f"the AllSides corpus is not at {CORPUS}")
    run = predict_genre(CORPUS, 150, settings=settings, models=models)
    ours, markers = run.scores()
    ours_read, markers_read = run.scores(read_labels(GENRE_READ))
    for r in (ours, markers, ours_read, markers_read):
        print(f"\n{r.name}: accuracy {r.accuracy:.3f}, opinion P {r.precision:.3f} R {r.recall:.3f}")
    assert ours.articles == 150 and ours.opinion_labelled >= 20
    assert ours.accuracy >= GENRE_FLOOR
    assert ours.accuracy >= markers.accuracy, "the model must not lose to the URL and title markers"
    assert ours_read.accuracy >= GENRE_READ_FLOOR, "on the labels a reader gave where sections conflict"
    assert ours_read.accuracy > markers_read.accuracy
