"""What a count of a happening covers, read from the parse (newsprism.nlp.figure_scope), and what it changes."""

from __future__ import annotations

import pytest

from newsprism.compare import analyze_story
from newsprism.compare.claims.figures import interval
from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities
from newsprism.pipeline import prepare_articles


def scopes(models: Models, text: str) -> dict[str, str | None]:
    return {q.span.text: q.scope for q in extract_quantities(models.nlp(text), Article("t", text))}


def places(models: Models, text: str) -> dict[str, tuple[str, ...]]:
    return {q.span.text: q.place for q in extract_quantities(models.nlp(text), Article("t", text))}


@pytest.mark.parametrize(
    ("text", "figure", "scope"),
    [
        # what caused it: one named event, a series, a war
        ("Two men were injured by a bomb that was set off by a trip wire.", "Two", "incident"),
        ("Meanwhile, a strike on a Gaza park killed 10 people Monday, as children played.", "10", "incident"),
        ("Story highlights Five Israeli soldiers killed in militant tunnel attack, IDF says", "Five", "incident"),
        ("The series of bombings killed two people and injured at least five others.", "at least five", "total"),
        ("His string of package bombs killed two people and wounded five in Texas.", "five", "total"),
        ("It was a statement on the conflict that has already killed 1,030 Palestinians.", "1,030", "total"),
        # how it is framed in time
        ("Four exploding packages in Austin since March 2 killed two people.", "two", "total"),
        ("He said 1,101 people have been killed and 6,500 wounded since the conflict began.", "1,101", "total"),
        ("Five soldiers were killed in two separate incidents today.", "Five", "incident"),
        # nothing to tell by
        ("Hollande said four people were killed.", "four", None),
        ("At least 20 people died and 130 were wounded at the metro station, officials said.", "At least 20", None),
    ],
)
def test_the_scope_of_a_count(models: Models, text: str, figure: str, scope: str | None) -> None:
    assert scopes(models, text)[figure] == scope


def test_the_site_of_a_count(models: Models) -> None:
    found = places(
        models,
        "The Belgian Crisis Center reported that at least 10 people had died and 100 were wounded in the attack "
        "at the Zaventem airport, and that 20 people died at the Maelbeek metro station.",
    )
    assert found["at least 10"] == ("zaventem",)  # from the verb joined to it
    assert found["20"] == ("maelbeek",)
    found = places(models, "Two bombings at Zaventem Airport, where 11 people were reportedly killed, shook the city.")
    assert found["11"] == ("airport", "zaventem")
    assert places(models, "Twelve people were killed in Wednesday's assault.")["Twelve"] == ()  # a day is no place
    assert places(models, "Hollande said four people were killed.")["four"] == ()


def qualifiers(models: Models, text: str) -> dict[str, tuple[str, ...]]:
    return {q.span.text: q.qualifiers for q in extract_quantities(models.nlp(text), Article("t", text))}


def test_which_things_a_figure_counts(models: Models) -> None:
    text = "The new tariffs would impact $60 billion in U.S. imports and would range from 5% to 25%."
    assert qualifiers(models, text)["$60 billion"] == ("u.s.",)
    text = "Beijing's move came after the U.S. raised duties Friday on $200 billion of Chinese imports to 25%."
    assert qualifiers(models, text)["$200 billion"] == ("chinese",)
    text = "He wants to reduce America’s $375 billion trade deficit with China."
    assert qualifiers(models, text)["$375 billion"] == ("trade",)  # the figure's own words are not among them
    text = "The U.S. imported $506 billion of goods, leaving a 2017 deficit of $376 billion."
    assert qualifiers(models, text)["$376 billion"] == ()  # a year says when, not which


def numeric(models: Models, *texts: str) -> list:
    settings = Settings(dispute_model="figures")
    articles, annotations = prepare_articles(
        [Article(id=f"a{n}", text=t, outlet=f"Outlet {n}", published="2016-03-22") for n, t in enumerate(texts)],
        settings=settings,
        models=models,
    )
    story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
    return [d for d in story.disagreements if d.kind == "numeric"]


def test_counts_at_two_sites_of_one_attack_are_no_dispute(models: Models) -> None:
    # the airport's sentence names the metro too: only the parse tells which site the 11 dead were at
    airport = "Bombs hit Zaventem Airport, where 11 people were killed, and the Maelbeek metro station, officials said."
    metro = "At least 20 people died and 130 were wounded at the Maelbeek metro station, officials said."
    assert numeric(models, airport, metro) == []
    # the same site, different counts: a dispute
    (found,) = numeric(models, airport, "Some 14 people were killed at Zaventem Airport, police said.")
    assert sorted(side.value for side in found.sides) == ["11", "Some 14"]


def test_one_incident_and_the_running_total_are_no_dispute(models: Models) -> None:
    incident = "On March 18 two men were injured by a bomb that was set off by a trip wire in Austin."
    total = "The series of bombings in Austin killed two people and injured at least five others."
    assert numeric(models, incident, total) == []
    # two totals that differ are still a dispute
    (found,) = numeric(models, "The series of bombings in Austin injured two people.", total)
    assert sorted(side.value for side in found.sides) == ["at least five", "two"]


def test_sums_for_differently_qualified_things_are_no_dispute(models: Models) -> None:
    us = "China's Ministry of Finance said the new tariffs would impact $60 billion in U.S. imports."
    chinese = "Beijing's move came after the U.S. raised duties Friday on $200 billion of Chinese imports."
    assert numeric(models, us, chinese) == []
    # the same imports, different sums: a dispute
    (found,) = numeric(models, chinese, "The U.S. raised duties Friday on $250 billion of Chinese imports.")
    assert sorted(side.value for side in found.sides) == ["$200 billion", "$250 billion"]


#: Real sentences (dispute gold and AllSides) that say how far a place is from another.
PESHAWAR_CNN = (
    "Pakistani authorities spent Tuesday night inside the school in Peshawar, a city about 120 kilometers (75 miles) "
    "from the country's capital, Islamabad, looking for survivors, victims and improvised explosive devices."
)
PESHAWAR_CSM = (
    "The horrific attack began around 10 a.m. Tuesday local time in Peshawar, the capital of Khyber Pakhtunkhwa "
    "Province that sits about 90 miles northwest of Islamabad."
)


def test_a_distance_knows_where_from_and_what_it_locates(models: Models) -> None:
    found = {q.span.text: q for q in extract_quantities(models.nlp(PESHAWAR_CNN), Article("t", PESHAWAR_CNN))}
    assert (found["about 120 kilometers"].reference, found["about 120 kilometers"].place) == ("Islamabad", ("peshawar",))
    assert found["75 miles"].reference is None  # the conversion in brackets is no figure of its own
    text = "In Ashkelon, about 17 kilometers (10 miles) north of Gaza, local officials said rocket strikes had increased."
    (distance, _) = extract_quantities(models.nlp(text), Article("t", text))
    assert (distance.reference, distance.place) == ("Gaza", ("ashkelon",))
    text = "He walked 20 miles from his home to the border."
    assert [q.reference for q in extract_quantities(models.nlp(text), Article("t", text))] == [None]


def test_distances_of_one_place_from_another_are_disputed(models: Models) -> None:
    (found,) = numeric(models, PESHAWAR_CNN, PESHAWAR_CSM)
    assert [side.value for side in found.sides] == ["about 120 kilometers", "about 90 miles"]
    assert found.explanation.startswith("The outlets differ on the distance from Islamabad")
    # a distance and its conversion in another unit agree ('about 85 miles', '135 kilometers'): their values meet
    text = "The fire forced the evacuation of Yarnell, about 85 miles (135 kilometers) northwest of Phoenix."
    miles, km = (interval(q) for q in extract_quantities(models.nlp(text), Article("t", text)))
    assert max(miles[0], km[0]) <= min(miles[1], km[1])
    # two towns at their own distances from Gaza (the second named for no place the parse can tell) are no dispute
    ashkelon = "In Ashkelon, about 17 kilometers (10 miles) north of Gaza, local officials said rocket strikes had increased."
    building = "Three civilians were killed in an apartment building about 15 miles north of Gaza."
    assert numeric(models, ashkelon, building) == []
