"""What a count of a happening covers, read from the parse (newsprism.nlp.figure_scope), and what it changes."""

from __future__ import annotations

import pytest

from newsprism.compare import analyze_story
from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities
from newsprism.pipeline import prepare_articles


def scopes(models: Models, text: str) -> dict[str, str | None]:
    return {q.span.text: q.scope for q in extract_quantities(models.nlp(text), Article("t", text))}


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


def test_one_incident_and_the_running_total_are_no_dispute(models: Models) -> None:
    def numeric(*texts: str) -> list:
        settings = Settings(dispute_model="figures")
        articles, annotations = prepare_articles(
            [Article(id=f"a{n}", text=t, outlet=f"Outlet {n}", published="2018-03-21") for n, t in enumerate(texts)],
            settings=settings,
            models=models,
        )
        story = analyze_story("s", articles, [annotations[a.id] for a in articles], models=models, settings=settings)
        return [d for d in story.disagreements if d.kind == "numeric"]

    incident = "On March 18 two men were injured by a bomb that was set off by a trip wire in Austin."
    total = "The series of bombings in Austin killed two people and injured at least five others."
    assert numeric(incident, total) == []
    # two totals that differ are still a dispute
    (found,) = numeric("The series of bombings in Austin injured two people.", total)
    assert sorted(side.value for side in found.sides) == ["at least five", "two"]
