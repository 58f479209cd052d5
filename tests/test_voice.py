"""Sentences in a speaker's voice, marked by the NLP pass (nlp/voice.py: Sentence.voiced)."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp import annotate
from newsprism.nlp.models import Models


def _voiced(text: str, models: Models, settings: Settings) -> list[tuple[str, bool]]:
    (ann,) = annotate([Article(id="a", text=text)], models=models, settings=settings)
    return [(s.span.text, s.voiced) for s in ann.sentences]


def test_the_first_person_outside_quotes_and_an_open_quote_are_a_speakers_voice(
    models: Models, settings: Settings
) -> None:
    text = (
        "The senator spoke to reporters on Monday. "
        "We will not give up on this bill. "
        "“I will keep fighting,” the senator told reporters after the vote. "
        "It was a disaster for all of us,” the mayor added."
    )
    assert [v for _, v in _voiced(text, models, settings)] == [False, True, False, True]


def test_a_roman_numeral_or_the_country_is_no_first_person(models: Models, settings: Settings) -> None:
    text = (
        "The Espionage Act dates from World War I and was used against leakers. "
        "The power is spelled out in Article I of the Constitution. "
        "The US imposed new sanctions on Tuesday. "
        "The fund helps World War I veterans. "
        "The Me Too movement grew."
    )
    assert not any(v for _, v in _voiced(text, models, settings))
    assert [v for _, v in _voiced("As President I will act.", models, settings)] == [True]


def test_a_sentence_of_mostly_quoted_words_is_a_speakers_voice(models: Models, settings: Settings) -> None:
    text = "Officials met on Friday. “This is the worst flood the valley has seen in fifty years,” Jones said."
    assert [v for _, v in _voiced(text, models, settings)] == [False, True]
