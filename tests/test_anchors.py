"""One calendar per story: undated articles' relative dates re-placed."""

from __future__ import annotations

from datetime import date

from newsprism.compare.anchors import align_anchors, story_anchor
from newsprism.model import Annotations, Article
from newsprism.nlp import annotate_doc
from newsprism.nlp.models import Models

TODAY = date(2026, 11, 29)

FIRST = (
    "The interior minister resigned on Sept. 10, following weeks of protests in the capital. "
    "On Tuesday, crowds had gathered outside parliament to demand his departure. "
    "A confidence vote is scheduled for Sept. 13, officials said."
)
SECOND = (
    "Protesters returned to the main square on Wednesday, a day after the minister quit. "
    "The president will name a successor on Friday, his office said."
)


def annotated(models: Models, article: Article) -> Annotations:
    return annotate_doc(models.nlp(article.text), article)


def dates_of(ann: Annotations) -> dict[str, str]:
    return {m.span.text: m.iso for m in ann.dates}


def test_undated_story_takes_the_year_its_weekdays_agree_with(models: Models) -> None:
    a, b = Article("a", FIRST), Article("b", SECOND)
    anns = [annotated(models, a), annotated(models, b)]
    assert anns[1].reference_date is None and anns[1].unanchored  # nothing in b dates it
    aligned = align_anchors([a, b], anns, today=TODAY)
    first, second = (dates_of(x) for x in aligned)
    # In 2024 Sept. 10 was a Tuesday and Sept. 13 a Friday; in 2026 neither was.
    assert first["Sept. 10"] == "2024-09-10"
    assert first["Tuesday"] == "2024-09-10"
    assert second["Friday"] == "2024-09-13"
    assert all(m.inferred for x in aligned for m in x.dates)
    assert aligned[1].reference_date == aligned[0].reference_date


def test_published_dates_set_the_story_calendar(models: Models) -> None:
    dated = Article("a", "Officials confirmed the closure of the border crossing on Monday.", published="2025-03-14")
    undated = Article("b", "The crossing closed on Monday, officials said, and may reopen on Thursday.")
    anns = [annotated(models, dated), annotated(models, undated)]
    assert story_anchor([dated, undated], anns) == (date(2025, 3, 14), False)
    aligned = align_anchors([dated, undated], anns, today=TODAY)
    assert aligned[0] is anns[0]  # a dated article is never moved
    assert dates_of(aligned[1])["Monday"] == "2025-03-10"


def test_nothing_to_anchor_on_leaves_the_annotations_alone(models: Models) -> None:
    a = Article("a", "Talks will continue next week, a spokesman said.")
    anns = [annotated(models, a)]
    assert align_anchors([a], anns, today=TODAY) == anns
