"""What a date dates, by the parse: statements, bounds, the happening and its thing, the edge of a day."""

from __future__ import annotations

from newsprism.nlp.models import Models

from .test_dates import only, resolved


def test_role_of_a_date_from_the_parse(models: Models) -> None:
    wednesday = "2024-05-15"
    by_text, _, _ = resolved(models, "Police said Tuesday that the gunman opened fire late Monday night.", wednesday)
    assert (only(by_text, "Tuesday").role, only(by_text, "Tuesday").edge) == ("statement", False)
    assert (only(by_text, "late Monday night").role, only(by_text, "late Monday night").edge) == ("event", True)
    by_text, _, _ = resolved(models, "Rain began on Saturday, officials told reporters on Monday.", wednesday)
    assert only(by_text, "Saturday").role == "event"
    assert only(by_text, "Monday").role == "statement"
    by_text, _, _ = resolved(models, "The mayor said 14 bodies had been recovered by Wednesday morning.", wednesday)
    assert only(by_text, "Wednesday morning").role == "bound"
    by_text, _, _ = resolved(models, "Rain has fallen since Friday, the service said.", wednesday)
    assert only(by_text, "Friday").role == "bound"
    # 'find' reports only a clause: a find on a day is what happened
    by_text, _, _ = resolved(models, "Police found the bodies of two hikers on Tuesday.", wednesday)
    assert only(by_text, "Tuesday").role == "event"


def test_what_a_date_dates(models: Models) -> None:
    by_text, _, _ = resolved(models, "The truck was rented on Monday, police said.", "2016-07-15")
    assert (only(by_text, "Monday").predicate, only(by_text, "Monday").thing) == ("rent", "truck")
    by_text, _, _ = resolved(models, "The driver rented the truck on Thursday.", "2016-07-15")
    assert (only(by_text, "Thursday").predicate, only(by_text, "Thursday").thing) == ("rent", "truck")
    by_text, _, _ = resolved(models, "At least 42 people died in Tuesday's attack on the airport.", "2016-06-29")
    assert (only(by_text, "Tuesday").predicate, only(by_text, "Tuesday").thing) == ("attack", None)
    by_text, _, _ = resolved(models, "A new survey released Monday showed the two tied.", "2012-10-17")
    assert (only(by_text, "Monday").predicate, only(by_text, "Monday").thing) == ("release", None)  # one of many
