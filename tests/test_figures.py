"""Figure disputes from the quantities the NLP pass bound to what they count.

Real text: sentences and stories from the dispute gold (AllSides articles).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.compare import analyze_story
from newsprism.compare.claims.figures import figure_key, interval
from newsprism.config import Settings
from newsprism.evaluate.goldsets import article_from
from newsprism.model import Article, Quantity, Story
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities
from newsprism.pipeline import prepare_articles

GOLD = Path(__file__).resolve().parent / "gold" / "disputes"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def figure(models: Models, text: str, written: str) -> Quantity:
    found = {q.span.text: q for q in extract_quantities(models.nlp(text), Article(id="t", text=text))}
    return found[written]


def test_one_toll_in_three_wordings_has_one_key(models: Models) -> None:
    keys = {
        figure_key(figure(models, "Olivier Salgado, a UN spokesman, put the death toll at 21.", "21")),
        figure_key(figure(models, "At least 21 people were killed in the attack.", "At least 21")),
        figure_key(
            figure(
                models, "More than two dozen people are believed to have died in the assault.", "More than two dozen"
            )
        ),
    }
    assert keys == {("count", "", "death", "person")}
    hurt = figure(models, "The attack left 59 people dead and more than 520 others injured.", "more than 520")
    assert figure_key(hurt) == ("count", "", "injury", "person")
    jobs = figure(models, "The regulation will kill 224,000 jobs each year, the chamber said.", "224,000")
    assert figure_key(jobs) == ("count", "", "kill", "job")  # what happens to people does not happen to jobs


def test_intervals_say_which_values_can_both_be_true(models: Models) -> None:
    at_least = interval(figure(models, "At least 20 people were killed in the siege.", "At least 20"))
    more_than = interval(figure(models, "More than two dozen people are believed to have died.", "More than two dozen"))
    assert at_least[0] == 20 and at_least[1] == float("inf") and not at_least[2]
    assert more_than[0] == 24 and more_than[2], "'more than' leaves out the figure itself"


def gold_story(models: Models, name: str) -> tuple[Story, dict[str, Article]]:
    """The dispute gold story ``name`` compared as one story, and its cleaned articles by id."""
    story = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    settings = Settings(dispute_model="figures")
    articles, annotations = prepare_articles(
        [article_from(a) for a in story["articles"]], settings=settings, models=models
    )
    by_id = {a.id: a for a in articles}
    result = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
    return result, by_id


@pytest.fixture(scope="module")
def bamako(models: Models) -> tuple[Story, dict[str, Article]]:
    return gold_story(models, "bamako-hotel-attack-2015-11-20")


def test_a_toll_dispute_names_each_outlets_value(bamako: tuple[Story, dict[str, Article]]) -> None:
    story, by_id = bamako
    numeric = [d for d in story.disagreements if d.kind == "numeric"]
    assert numeric and all(len(d.sides) >= 2 for d in numeric)
    toll = next(d for d in numeric if d.explanation.startswith("The outlets differ on the number of people killed"))
    values = {side.value: {by_id[a].outlet for a in side.articles} for side in toll.sides}
    assert "CNN (Web News)" in values["21"], "CNN puts the toll at 21"
    assert "NPR Online News" not in values["21"], "NPR's 'more than two dozen' cannot be 21"
    assert "Christian Science Monitor" in values["21"], "'at least 20' can be 21: no dispute with it"
    for d in numeric:
        outlets = [{by_id[a].outlet for a in side.articles} for side in d.sides]
        assert not any(a & b for n, a in enumerate(outlets) for b in outlets[n + 1 :]), "an outlet on two sides"
        for side in d.sides:
            assert side.value in d.explanation
            for span in side.spans:
                assert by_id[span.article].text[span.start : span.end] == span.text


def test_a_past_toll_far_down_a_long_report_meets_anothers(bamako: tuple[Story, dict[str, Article]]) -> None:
    """CNN recalls the August attack in Sevare in its 81st sentence, beside 'Friday's attack'; the Christian
    Science Monitor gives that toll as nine. The dead are August's (the date of their killing decides, not the
    article's Friday), and a figure that far down a long article is still compared."""
    story, by_id = bamako
    (past,) = [d for d in story.disagreements if "in an earlier event of 2015" in d.explanation]
    values = {side.value: {by_id[a].outlet for a in side.articles} for side in past.sides}
    assert values == {"nine": {"Christian Science Monitor"}, "12": {"CNN (Web News)"}}
    for side in past.sides:
        for span in side.spans:  # the figure, in the sentence that places the attack in Sevare
            text = by_id[span.article].text
            assert "Sevare" in text[span.start : text.find(".", span.start)]


def test_figure_sentences_beyond_the_compared_positions_are_kept() -> None:
    from newsprism.compare.claims.units import MAX_FIGURE_SENTENCES, MAX_SENTENCES, _compared_sentences
    from newsprism.model import Annotations, Sentence, Span

    n = MAX_SENTENCES + 2 * MAX_FIGURE_SENTENCES + 10
    text = "".join(
        f"Line {k} says that 7 people are dead. " if k % 2 else f"Line {k} is a plain line of text. " for k in range(n)
    )
    starts = [k for k in range(len(text)) if k == 0 or text[k - 1] == " " and text[k : k + 4] == "Line"]
    sentences = tuple(
        Sentence(span=Span("t", a, b - 1, text[a : b - 1]))
        for a, b in zip(starts, [*starts[1:], len(text) + 1], strict=True)
    )
    quantities = tuple(
        Quantity(span=Span("t", k, k + 1, "7"), value=7.0, kind="count", unit="", counted="people", predicate="dead")
        for k in range(len(text))
        if text[k] == "7" and text[k + 1] == " "
    )
    ann = Annotations(article_id="t", sentences=sentences, quantities=quantities)
    kept = [pos for pos, _ in _compared_sentences(ann)]
    assert kept[:MAX_SENTENCES] == list(range(MAX_SENTENCES))
    extra = kept[MAX_SENTENCES:]
    assert len(extra) == MAX_FIGURE_SENTENCES and all(pos % 2 for pos in extra), "only figure sentences, capped"
    assert extra[0] == MAX_SENTENCES + 1


def test_figures_are_the_default() -> None:
    assert Settings().dispute_model == "figures"


def test_sides_are_in_the_json_and_valid_against_the_own_schema(bamako: tuple[Story, dict[str, Article]]) -> None:
    import jsonschema

    from newsprism.report.json import _disagreement, own_schema

    story, _ = bamako
    schema = own_schema()
    item = schema["$defs"]["story"]["properties"]["disagreements"]["items"]
    validator = jsonschema.Draft202012Validator({**item, "$defs": schema["$defs"]})
    numeric = [_disagreement(d) for d in story.disagreements if d.kind == "numeric"]
    assert numeric and all(len(d["sides"]) >= 2 for d in numeric)
    for d in numeric:
        validator.validate(d)


def test_examples_death_toll_puts_each_outlet_on_its_figure(models: Models) -> None:
    from newsprism.pipeline import analyze

    settings = Settings(dispute_model="figures")
    report = analyze([EXAMPLES], settings=settings, models=models)
    outlets = {a.id: a.outlet for a in report.articles}
    tolls = [
        d
        for s in report.stories
        for d in s.disagreements
        if d.kind == "numeric" and d.explanation.startswith("The outlets differ on the number of people killed")
    ]
    assert len(tolls) == 1
    sides = {side.value: {outlets[a] for a in side.articles} for side in tolls[0].sides}
    assert sides["12"] >= {"The Continental Review", "Meridian"}
    assert sides["14"] == {"Daily Beacon", "Vostok Daily"}  # Vostok: 'At least 14 people have died'
    # no other figure dispute: the evacuees and the missing are not set against each other
    assert sum(d.kind == "numeric" for s in report.stories for d in s.disagreements) == 1
    # the card quotes the sentences and lists each value with the articles giving it
    assert all(span.text.endswith((".", "”", '"')) for span in tolls[0].spans), "cards quote whole sentences"
    from newsprism.report.markdown import render_markdown

    lines = render_markdown(report).splitlines()
    card = next(n for n, line in enumerate(lines) if line.startswith("- **numeric**: The outlets differ on the number"))
    values = lines[card + 1]  # the line under the toll's card (a denial card has its own)
    assert values.strip().startswith("- values:") and "**12** [" in values and "**14** [" in values


def test_only_counts_whose_meaning_holds_are_disputed() -> None:
    from newsprism.compare.claims.figures import disputable

    assert disputable(("count", "", "death", "person")) and disputable(("count", "", "", "attacker"))
    assert disputable(("money", "USD", "", "deficit"))
    # shares and other counts depend on whose, among whom and which poll
    assert not disputable(("percent", "%", "", "vote")) and not disputable(("count", "", "", "delegate"))


def test_a_toll_given_higher_only_by_later_articles_grew(models: Models) -> None:
    def disputes(second_day: str) -> list:
        texts = [
            ("a", "Wire A", "2013-04-16", "Twelve people were killed in the blast at the station, police said."),
            ("b", "Paper B", second_day, "Twenty people were killed in the blast at the station, police said."),
        ]
        settings = Settings(dispute_model="figures")
        articles, annotations = prepare_articles(
            [Article(id=i, text=t, outlet=o, published=d) for i, o, d, t in texts], settings=settings, models=models
        )
        story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
        return [d for d in story.disagreements if d.kind == "numeric"]

    (same_day,) = disputes("2013-04-16")  # the same day: the outlets differ
    assert "published" not in same_day.explanation
    assert disputes("2013-04-18") == []  # two days on, the higher toll is the grown one
    (earlier,) = disputes("2013-04-15")  # the higher toll came first: no growth explains it
    assert "Paper B gives Twenty (published 2013-04-15)" in earlier.explanation


def test_a_range_joins_the_side_of_a_figure_it_allows(models: Models) -> None:
    texts = [
        ("a", "Wire A", "Activists said that between 322 and 1,300 people were killed in the gas attack."),
        ("b", "Paper B", "More than 300 people were killed in the gas attack, activists said."),
        ("c", "Paper C", "Some 1,300 people were killed in the gas attack, the opposition said."),
        ("d", "Paper D", "Nearly 500 people were killed in the gas attack, another group said."),
    ]
    settings = Settings(dispute_model="figures")
    articles, annotations = prepare_articles(
        [Article(id=i, text=t, outlet=o, published="2013-08-22") for i, o, t in texts], settings=settings, models=models
    )
    story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
    (toll,) = [d for d in story.disagreements if d.kind == "numeric"]
    assert sorted(sorted(side.articles) for side in toll.sides) == [["a", "b", "c"], ["d"]]


def test_figures_that_differ_within_one_claim_are_a_dispute(models: Models) -> None:
    """Bloomberg and the Washington Times on the 2017 US trade deficit with China: one fact, two values."""
    texts = [
        ("a", "Wire A", "He wants to reduce America’s $375 billion trade deficit with China."),
        (
            "b",
            "Paper B",
            "The U.S. imported $506 billion of goods from China last year and exported about $130 billion, "
            "leaving a 2017 deficit of $376 billion, according to government figures.",
        ),
    ]
    settings = Settings(dispute_model="figures")
    articles, annotations = prepare_articles(
        [Article(id=i, text=t, outlet=o, published="2018-07-06") for i, o, t in texts], settings=settings, models=models
    )
    story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
    (deficit,) = [d for d in story.disagreements if d.kind == "numeric"]
    assert [side.value for side in deficit.sides] == ["$375 billion", "$376 billion"]
    # a figure of a year before the article is still that year's figure, not a past event's toll
    assert deficit.explanation.startswith("The outlets differ on the deficit")


def _numeric(models: Models, texts: list[tuple[str, str, str]], day: str) -> list:
    settings = Settings(dispute_model="figures")
    articles, annotations = prepare_articles(
        [Article(id=i, text=t, outlet=o, published=day) for i, o, t in texts], settings=settings, models=models
    )
    story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
    return [d for d in story.disagreements if d.kind == "numeric"]


def test_outlets_that_each_give_both_counts_tell_of_two_things(models: Models) -> None:
    """The Washington Times and CBN on the 2018 strike on Syria's T4 air base, a day after the Douma gas attack."""
    t4_wt = "A war-monitoring group said the airstrikes killed 14 people, including Iranians active in Syria."
    douma_wt = (
        "The Observatory gave a higher death toll, saying at least 80 people were killed in Douma, including around "
        "40 who died from suffocation."
    )
    t4_cbn = "The strike reportedly killed at least 14 people, including Iranians active in Syria."
    douma_cbn = "More than 40 people have died."
    both = [("a", "Washington Times", f"{t4_wt} {douma_wt}"), ("b", "CBN", f"{douma_cbn} {t4_cbn}")]
    assert _numeric(models, both, "2018-04-09") == []  # each outlet gives the 14 and the 40: no dispute
    one_each = [("a", "Washington Times", t4_wt), ("b", "CBN", douma_cbn)]
    (card,) = _numeric(models, one_each, "2018-04-09")  # with one figure each, the two read as one toll told apart
    assert [side.value for side in card.sides] == ["14", "More than 40"]


def test_workers_are_counted_by_what_happens_to_them(models: Models) -> None:
    """USA TODAY and the Washington Times on the CBO's 2014 minimum-wage report: two different counts of workers."""
    texts = [
        ("a", "USA TODAY", "A $10.10 increase would lift 900,000 workers above the poverty line, but cost 500,000 jobs."),
        (
            "b",
            "Washington Times",
            "“Once fully implemented in the second half of 2016, the $10.10 option would reduce total employment by "
            "about 500,000 workers, or 0.3 percent,” the nonpartisan scorekeepers said.",
        ),
    ]
    assert _numeric(models, texts, "2014-02-18") == []


def test_more_than_a_round_figure_leaves_in_that_figure(models: Models) -> None:
    """The Christian Science Monitor and NPR on the toll of the August 2013 gas attack near Damascus."""
    texts = [
        ("a", "Christian Science Monitor", "Assad has been accused by the White House of killing 1,400 of his own people."),
        ("b", "NPR Online News", "The regime gassed its own people on August 21 outside Damascus, killing more than 1,400 people."),
    ]
    assert _numeric(models, texts, "2013-09-09") == []
    more_than_ten = interval(figure(models, "More than 10 children were among the dead.", "More than 10"))
    assert more_than_ten[2], "'more than 10' still denies a plain 10"


def test_police_however_named_are_one_count(models: Models) -> None:
    keys = {
        figure_key(figure(models, "The government said 43 policemen had been killed.", "43")),
        figure_key(figure(models, "Officials said about a dozen were dead, including two police officers.", "two")),
    }
    assert keys == {("count", "", "death", "officer")}


def test_an_outlet_that_corrects_a_toll_stands_on_its_new_figure(models: Models) -> None:
    """NPR's Thursday update on the Westminster attack gives four dead and the police's earlier five; Fox,
    written on Wednesday, gives five. NPR stands on four only, so the two outlets dispute the toll."""
    result, by_id = gold_story(models, "westminster-attack-2017-03-22")
    (toll,) = [
        d for d in result.disagreements if d.explanation.startswith("The outlets differ on the number of people killed")
    ]
    values = {side.value: {by_id[a].outlet for a in side.articles} for side in toll.sides}
    assert values == {"4": {"NPR Online News"}, "Five": {"Fox Online News"}}  # NPR as its title line gives it


def test_a_forecast_is_no_count_of_what_happened(models: Models) -> None:
    """USA TODAY on Hurricane Matthew (AllSides): a modeler's projection is not set against damage reported."""
    projected = figure(
        models,
        "Chuck Watson, a disaster modeler with Enki Research, offered a more conservative appraisal, projecting "
        "about $25 billion in storm damage.",
        "about $25 billion",
    )
    assert projected.predicate == "project" and figure_key(projected) is None
    caused = figure(models, "The storm killed 36 people and caused about $1 billion in damage.", "about $1 billion")
    assert figure_key(caused) == ("money", "USD", "", "damage")
