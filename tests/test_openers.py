"""How a sentence opens, read by the NLP pass (nlp/openers.py: Sentence.dateline and Sentence.opener)."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp import annotate
from newsprism.nlp.models import Models


def _openers(text: str, models: Models, settings: Settings) -> list[str | None]:
    (ann,) = annotate([Article(id="a", text=text)], models=models, settings=settings)
    return [s.opener for s in ann.sentences]


def test_a_pronoun_or_a_connective_leans_on_the_sentence_before(models: Models, settings: Settings) -> None:
    text = (
        "The senator spoke to reporters on Monday. "
        "He said the bill would pass. "
        "But the vote was delayed until Friday. "
        "Their leaders met again on Tuesday. "
        "“These are hard times,” a spokesman added. "
        "However, no date was set. "
        "That day, the troops withdrew from the town. "
        "This, which officials called a setback, delayed the vote."
    )
    assert _openers(text, models, settings) == [
        None,
        "refers_back",
        "connective",
        "refers_back",
        "refers_back",
        "connective",
        "refers_back",  # 'That day' points back to a day named before
        "refers_back",  # a clause set off by commas does not define 'This'
    ]


def test_a_time_an_extraposed_it_or_a_defined_pronoun_reads_alone(models: Models, settings: Settings) -> None:
    text = (
        "This week, the Senate voted on the bill. "
        "It was not immediately clear who fired the shots. "
        "Those who voted against it were booed. "
        "So far, 12 people have died in the floods."
    )
    assert _openers(text, models, settings) == [None, None, None, None]


def test_a_wire_dateline_is_read_and_the_sentence_judged_after_it(models: Models, settings: Settings) -> None:
    text = (
        "GAZA CITY, Gaza Strip (AP) — Israel and Hamas began a truce on Tuesday. "
        "WASHINGTON — He said the talks would go on. "
        "(CNN) - The talks went on. "
        "The WHO said the outbreak was over."
    )
    article = Article(id="a", text=text)
    (ann,) = annotate([article], models=models, settings=settings)
    datelines = [s.dateline.text if s.dateline else None for s in ann.sentences]
    assert datelines == ["GAZA CITY, Gaza Strip (AP) — ", "WASHINGTON — ", "(CNN) - ", None]
    for s in ann.sentences:
        if s.dateline is not None:
            assert article.text[s.dateline.start : s.dateline.end] == s.dateline.text
    assert [s.opener for s in ann.sentences] == [None, "refers_back", None, None]
