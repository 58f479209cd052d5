"""Who a quote's speaker is, read by the NLP pass (nlp/speaker_kinds.py: Quote.speaker_kind)."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.model import Article, Quote, Span
from newsprism.nlp import annotate
from newsprism.nlp.models import Models
from newsprism.nlp.speaker_kinds import mark_speaker_kinds


def _kinds(text: str, models: Models, settings: Settings) -> dict[str, str | None]:
    (ann,) = annotate([Article(id="a", text=text)], models=models, settings=settings)
    return {q.speaker or "": q.speaker_kind for q in ann.quotes}


def test_names_and_described_voices_are_speakers(models: Models, settings: Settings) -> None:
    text = (
        "“We will not leave,” Nikki Haley told reporters on Monday. "
        "“The border is closed,” an immigration official said. "
        "“It was terrifying,” said one man who saw the blast. "
        "“We have lost everything,” said a resident of a shattered neighborhood. "
        "“Prices keep going up,” thousands of people chanted outside the building. "
        "“The strike hit its target,” Israeli officials said."
    )
    kinds = _kinds(text, models, settings)
    assert kinds["Nikki Haley"] == "name"
    described = [k for s, k in kinds.items() if s != "Nikki Haley"]
    assert described == ["description"] * 5, kinds


def test_a_name_beside_its_description_or_with_a_hyphen_is_a_name(models: Models, settings: Settings) -> None:
    text = (
        "“The race is over for the Republicans,” said Fox News contributor Joe Trippi, and a pro-Clinton aide agreed."
    )
    article = Article(id="a", text=text)
    doc = models.nlp(text)
    quote = Span.of(article, 1, text.index(",”"))

    def kind(speaker: str) -> str | None:
        at = text.index(speaker)
        (q,) = mark_speaker_kinds(doc, [Quote(quote, speaker, Span.of(article, at, at + len(speaker)))])
        return q.speaker_kind

    assert kind("Fox News contributor Joe Trippi") == "name"  # the name beside the head
    assert kind("pro-Clinton") is None  # a name inside a compound word names no one
    assert kind("pro-Clinton aide") == "description"
    text = "“We will not move,” some of the residents and someone close to the mayor said."
    article = Article(id="a", text=text)
    doc = models.nlp(text)
    quote = Span.of(article, 1, text.index(",”"))
    assert kind("some of the residents") == "description"  # what the quantity counts
    assert kind("someone close to the mayor") == "description"
    text = "“We stayed open all week,” Melissa Reylek-Robinson told reporters."
    assert _kinds(text, models, settings) == {"Melissa Reylek-Robinson": "name"}


def test_a_document_or_a_possessive_fragment_is_no_speaker(models: Models, settings: Settings) -> None:
    text = (
        "The agency released its findings on Monday. "
        "“The program failed on every measure,” the report said. "
        "“No comment at this time,” his office said in a statement. "
        "“We are reviewing the ruling,” the company's statement said. "
        "“I'm fine,” an emotional outburst from the proper Romney said of the debate."
    )
    kinds = _kinds(text, models, settings)
    assert kinds == dict.fromkeys(
        ("report", "his office", "company's statement", "emotional outburst from the proper Romney")
    ), kinds
