"""Quantities from the NLP pass: each figure bound by the parse to what it counts.

The sentences are real: taken from the dispute gold's AllSides articles.
"""

from __future__ import annotations

import pytest

from newsprism.model import Article, Quantity
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities


def figures(models: Models, text: str) -> dict[str, Quantity]:
    article = Article(id="t", text=text)
    found = extract_quantities(models.nlp(text), article)
    for q in found:
        assert text[q.span.start : q.span.end] == q.span.text
    return {q.span.text: q for q in found}


def test_a_count_is_bound_to_its_noun_and_what_happened(models: Models) -> None:
    found = figures(
        models, "At least 59 people were killed, and Las Vegas police report more than 527 people were injured."
    )
    dead, hurt = found["At least 59"], found["more than 527"]
    assert (dead.value, dead.kind, dead.counted, dead.predicate, dead.bound) == (
        59,
        "count",
        "people",
        "kill",
        "at_least",
    )
    assert (hurt.value, hurt.counted, hurt.predicate, hurt.bound) == (527, "people", "injure", "more_than")


def test_a_toll_stated_through_a_verb(models: Models) -> None:
    found = figures(
        models,
        "Olivier Salgado, a spokesman for the United Nations peacekeeping mission in Mali, put the death toll at 21.",
    )
    assert found["21"].counted == "death toll"
    found = figures(models, "An assault led by the Taliban on a school Tuesday left 141 people dead, officials say.")
    assert (found["141"].counted, found["141"].predicate) == ("people", "dead")


def test_raising_verbs_give_way_to_the_event(models: Models) -> None:
    found = figures(
        models, "More than two dozen people are believed to have died in the assault by gunmen on the hotel."
    )
    toll = found["More than two dozen"]
    assert (toll.value, toll.bound, toll.counted, toll.predicate) == (24, "more_than", "people", "die")


def test_money_and_rates_say_what_they_are_of(models: Models) -> None:
    found = figures(models, "He wants to reduce America’s $375 billion trade deficit with China.")
    deficit = found["$375 billion"]
    assert (deficit.value, deficit.kind, deficit.unit, deficit.counted) == (375e9, "money", "USD", "trade deficit")
    found = figures(models, "Unemployment fell to 7.8 percent in September as the economy added 114,000 jobs.")
    assert (found["7.8 percent"].kind, found["7.8 percent"].counted) == ("percent", "unemployment")
    assert (found["114,000"].value, found["114,000"].counted, found["114,000"].predicate) == (114000, "job", "add")


def test_measures_convert_so_that_units_compare(models: Models) -> None:
    found = figures(
        models, "The driver continued forward for 2 kilometers — more than a mile — striking scores of people."
    )
    assert found["2 kilometers"].unit == "km" and found["2 kilometers"].value == 2
    mile = found["more than a mile"]
    assert (mile.unit, mile.bound) == ("km", "more_than") and mile.value == pytest.approx(1.609, abs=0.001)


def test_parts_of_a_larger_count_are_marked(models: Models) -> None:
    found = figures(models, "At least 84 people are dead, including two Americans and 10 children, after the attack.")
    assert found["At least 84"].part == "whole"
    assert found["two"].part == found["10"].part == "subset" and found["10"].counted == "child"
    found = figures(
        models,
        "Pakistani military spokesman Asim Bajwa said that 132 of the dead were children and another nine were staff members.",
    )
    assert found["nine"].part == "addition"
    # the rest of a sum, a currency sign between
    found = figures(
        models,
        "Trump has threatened to extend tariffs to the remaining $300 billion or so in Chinese imports.",
    )
    assert found["$300 billion"].part == "addition"
    assert figures(models, "Another $5 million was pledged.")["$5 million"].part == "addition"


def test_dates_and_ages_are_not_figures_and_durations_are_days(models: Models) -> None:
    found = figures(
        models, "The prosecutor says Bouhlel, 31, rented the truck on Thursday, July 14, 2016, for 10 days."
    )
    assert {text: (q.kind, q.value) for text, q in found.items()} == {"10 days": ("duration", 10)}
    found = figures(models, "The siege lasted more than seven hours, and the 27-year-old gunman was shot at 9 p.m.")
    (siege,) = found.values()
    assert (siege.kind, siege.unit, siege.bound) == ("duration", "day", "more_than")
    assert siege.value == pytest.approx(7 / 24)
    found = figures(models, "She cared for Duncan, who died from the virus Oct. 8.")
    assert found == {}


def test_ranges_and_tallies(models: Models) -> None:
    found = figures(models, "Between 10 and 20 people were hurt.")
    (only,) = found.values()
    assert (only.value, only.high, only.counted) == (10, 20, "people")
    found = figures(models, "The Supreme Court ruled 5-4 in the decision on Tuesday.")
    assert found["5-4"].kind == "tally" and found["5-4"].value == 504


def test_spelled_numbers_years_and_tallies_need_their_context(models: Models) -> None:
    found = figures(models, "Twenty-five people died in the attack, and one million fled the city.")
    assert found["Twenty-five"].value == 25 and found["one million"].value == 1e6
    assert found["one million"].digits == 1
    found = figures(models, "In 2019 14 people died.")
    assert {q.value for q in found.values()} == {14}
    found = figures(models, "Police arrested 10-20 people as the court was ruling on an unrelated case elsewhere.")
    assert all(q.kind != "tally" for q in found.values())


def test_seed_annotations_carry_quantities(seed_annotations: dict) -> None:
    quantities = [q for ann in seed_annotations.values() for q in ann.quantities]
    assert quantities, "the seed articles state figures"
    assert all(q.counted or q.predicate or q.kind != "count" for q in quantities)


def test_others_beside_another_happening_are_a_whole_count(models: Models) -> None:
    found = figures(models, "At least 12 people were killed and 14 others were injured in the shooting.")
    assert (found["14"].predicate, found["14"].part) == ("injure", "whole")  # all the injured: others than the dead
    found = figures(models, "Two people were arrested on Monday, and two others were arrested later.")
    assert [q.part for q in found.values()] == ["whole", "addition"]  # more of the same happening
    found = figures(models, "More than a dozen others were injured.")
    assert found["More than a dozen"].part == "addition"  # beside a count given before


def test_a_part_of_a_counted_set_is_a_subset(models: Models) -> None:
    found = figures(models, "Two of four people died.")
    assert (found["Two"].part, found["four"].part) == ("subset", "whole")


def test_past_a_figure_is_more_than_it(models: Models) -> None:
    found = figures(models, "The death toll climbed past 600 as the crackdown went on.")
    assert (found["past 600"].value, found["past 600"].bound) == (600, "more_than")
    found = figures(models, "Over the past 24 hours, 12 people died.")
    assert found["24 hours"].bound == "exact"  # the past day is a period


def test_a_level_that_remains_counts_its_subject(models: Models) -> None:
    found = figures(models, "A ministry spokeswoman said the official toll remained 12.")
    assert (found["12"].counted, found["12"].predicate) == ("toll", "remain")


def test_a_threshold_on_a_noun_is_no_count_and_a_between_range_is_one_figure(models: Models) -> None:
    found = figures(models, "Among the dead were two men over 55, officials said.")
    assert set(found) == {"two"}  # 'over 55' is how old the men were
    found = figures(models, "Activists said that between 322 and 1,300 people were killed in the attack.")
    assert [(q.value, q.high) for q in found.values()] == [(322, 1300)]


def test_lives_a_verb_takes_are_deaths(models: Models) -> None:
    found = figures(models, "The war has also claimed the lives of 67 Israelis, all but three of whom were soldiers.")
    assert (found["67"].counted, found["67"].predicate) == ("israelis", "die")
    found = figures(models, "The fighting has claimed nearly 1,900 Palestinian lives — many of them civilians.")
    assert (found["nearly 1,900"].counted, found["nearly 1,900"].predicate) == ("life", "die")
    # a claim that is not about lives stays a claim
    found = figures(models, "Republicans claimed 52 seats in the Senate.")
    assert found["52"].predicate == "claim"


def test_a_state_said_with_be_is_what_happened(models: Models) -> None:
    """USA TODAY on the Nice attack and the New York Times on the Cairo sit-ins (dispute gold)."""
    found = figures(models, "At least 84 people are dead, including two Americans and 10 children, after the attack.")
    assert (found["At least 84"].predicate, found["10"].predicate, found["10"].part) == ("dead", "dead", "subset")
    found = figures(models, "The authorities said about a dozen were dead, including two police officers.")
    assert (found["two"].counted, found["two"].predicate) == ("police officer", "dead")
    found = figures(models, "Two people are missing and 40 are safe.")
    assert found["Two"].predicate == "miss"


def test_a_figure_reported_earlier_is_marked_earlier(models: Models) -> None:
    """NPR's Westminster update (AllSides): the police figure it corrects is given as an earlier one; a toll
    raised later in the same sentence, and 'earlier this year' (a time, not a superseded report), are not."""
    found = figures(models, "Police had earlier said there were five dead including the attacker.")
    assert found["five"].earlier
    found = figures(models, "Officials initially reported six people killed, but later raised the toll to 14.")
    assert found["six"].earlier and not found["14"].earlier
    assert not figures(models, "Earlier this year, five people died in a similar attack.")["five"].earlier
    assert figures(models, "The agency had previously put the toll at 12.")["12"].earlier
    # a figure of another clause, a past fact, a report dated 'earlier today' are no superseded figures
    for text, written in (
        ("The gunman, who killed 12 people on Friday, had previously been arrested.", "12"),
        ("The attack, which killed 22, was initially claimed by ISIS.", "22"),
        ("The storm made landfall earlier than expected, killing five people.", "five"),
        ("He had previously bought 33 guns.", "33"),
        ("The toll has risen to 14, police said earlier today.", "14"),
    ):
        assert not figures(models, text)[written].earlier, text
    rate = figures(models, "The jobless rate fell to 7.8 percent from 8.1 percent.")
    assert rate["8.1 percent"].earlier and not rate["7.8 percent"].earlier
