"""A page's stamp (a date and time, or a dateline, alone on a line) is no sentence that states a fact."""

from __future__ import annotations

import pytest

from newsprism.compare.claims.units import usable
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.nlp.sentences import split_sentences

#: Stamps as news pages print them (the forms seen in ECB+ and AllSides texts).
STAMPS = (
    "May 3, 2013 at 7:31 AM ET",
    "12:52 p.m. EDT May 2, 2013",
    "May 2, 2013 | 5:03pm",
    "Friday August 2, 2013 @ 8:13am PDT",
    "THURSDAY, DECEMBER 3, 2009, 9:36 AM",
    "21 July 2013 Last updated at 11:11 GMT",
    "Thursday, Apr 2, 2009 | Updated 1:32 PM PDT",
    "December 15th, 2008, 7:35 am",
    "7:15 a.m. Dec. 7, 2009",
    "WASHINGTON, DC, April 28, 2009",
    "Updated at 8:25 a.m.",
)

#: Lines that give a date but say something (a result, a toll), or tell of time without a date: no stamps.
NOT_STAMPS = (
    "Page was born on April 22, 1923, in Nashville, Tenn.",
    "On Monday, 12 people were killed in Baghdad.",
    "The vote is set for May 3.",
    "Two Minutes Later Came the Blast",
    "Paris, Nov. 13: 129 dead",
    "Wisconsin, Nov. 3: 49.4% - 48.8%",
    "Lindsay Lohan checks into Betty Ford Center",
)


def first_sentence(models: Models, line: str):
    text = f"{line}\n\nThe council met on Tuesday and approved the new budget for the coming year."
    return split_sentences(models.nlp(text), Article(id="t", text=text))[0]


@pytest.mark.parametrize("line", STAMPS)
def test_a_stamp_is_read_as_one_and_carries_no_claim(models: Models, line: str) -> None:
    sentence = first_sentence(models, line)
    assert sentence.span.text == line
    assert sentence.stamp
    assert not usable(sentence, 0), "a stamp at the top of an article is no headline"


@pytest.mark.parametrize("line", NOT_STAMPS)
def test_a_line_that_says_something_is_no_stamp(models: Models, line: str) -> None:
    sentence = first_sentence(models, line)
    assert sentence.span.text == line
    assert not sentence.stamp
    assert usable(sentence, 0)


def test_the_sentence_after_a_stamp_is_no_stamp(models: Models) -> None:
    text = "May 3, 2013 at 7:31 AM ET\n\nThe council met on Tuesday and approved the new budget for the coming year."
    sentences = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert [s.stamp for s in sentences] == [True, False]
