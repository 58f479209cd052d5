"""Date disputes: outlets that give different days for one happening, with the days the NLP pass binds."""

from __future__ import annotations

from newsprism.compare.claims.date_disputes import date_disputes
from newsprism.model import Claim
from newsprism.nlp.models import Models

from .conftest import sentence_unit

PUBLISHED = "2016-07-15"  # a Friday


def _disputes(models: Models, *sentences: tuple[str, str], one_claim: bool = False) -> list:
    units = [
        sentence_unit(models, text, article=article, index=n, published=PUBLISHED)
        for n, (article, text) in enumerate(sentences)
    ]
    claims = {u.index: Claim("c0" if one_claim else f"c{u.index}", u.text, (u.span,)) for u in units}
    outlets = {u.article: u.article.split("-")[0] for u in units}
    return list(date_disputes(units, claims, outlets, outlets.__getitem__))


def test_one_happening_dated_to_two_days_is_a_dispute(models: Models) -> None:
    found = _disputes(
        models,
        ("npr", "The prosecutor says the driver rented the truck on Thursday, arriving on a bicycle."),
        ("cnn", "The truck was rented on Monday and was supposed to have been returned Wednesday."),
    )
    assert len(found) == 1 and found[0].kind == "date"
    assert [(side.value, side.articles) for side in found[0].sides] == [
        ("Monday (2016-07-11)", ("cnn",)),
        ("Thursday (2016-07-14)", ("npr",)),
    ]
    assert "CNN" not in found[0].explanation and "cnn gives Monday (2016-07-11)" in found[0].explanation


def test_statements_bounds_and_several_events_are_no_dispute(models: Models) -> None:
    # the day of a statement against the day of the event
    assert not _disputes(
        models,
        ("npr", "At least 42 people died in Tuesday's attack on the airport."),
        ("fox", "The massacre came into clearer focus Wednesday as officials revealed a timeline."),
    )
    # an outlet that dates the happening to two days tells of two events of that kind
    assert not _disputes(
        models,
        ("ap", "A package exploded on Monday at a home in the east of the city."),
        ("ap-2", "Another package exploded on Wednesday at a second home."),
        ("cnn", "A package exploded on Tuesday at a house near the highway."),
    )
    # one outlet alone never disputes itself
    assert not _disputes(
        models,
        ("npr", "The driver rented the truck on Thursday."),
        ("npr-2", "The driver rented the truck on Monday, police said."),
    )


def test_two_days_in_one_claim_are_still_a_dispute(models: Models) -> None:
    """The alignment may put both outlets' sentences in one claim: the days still differ (as figures do)."""
    found = _disputes(
        models,
        ("npr", "The prosecutor says the driver rented the truck on Thursday, arriving on a bicycle."),
        ("cnn", "The truck was rented on Monday and was supposed to have been returned Wednesday."),
        one_claim=True,
    )
    assert len(found) == 1 and found[0].claims == ("c0",)
