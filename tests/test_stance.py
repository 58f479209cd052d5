"""The stance of an article toward what a sentence says (newsprism.nlp.stance), read from the NLP pass."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.nlp.stance import sentence_stance
from newsprism.pipeline import prepare_articles


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Flynn pleaded guilty on Friday to lying to the FBI about his contacts with the Russian ambassador.", "states"),
        ("Iran has denied sending ballistic missiles to Russia.", "denies"),
        ("Manafort agreed to cooperate with prosecutors, according to court papers.", "reports"),
        ("The Justice Department said the appointment of Whitaker was lawful.", "reports"),
        ('"We will not back down," Pelosi told reporters on Wednesday.', "reports"),
        # a verb of saying with no reported clause still gives a source's word; other verbs of the lexicon do not
        ("Trump demanded a review of the Russia investigation's surveillance tactics.", "reports"),
        ("Yemen's Al Qaeda branch claimed responsibility Wednesday for the attack.", "reports"),
        ("Manafort pleaded not guilty to the charges in federal court.", "states"),
        # verbs of communication without a clause, and findings (the stance gold's fit stories)
        ("The Trump White House requested McGahn refuse to comply with the subpoena.", "reports"),
        ("A RAND study found that there are between 2,500 and 7,000 transgender service members in the active-duty "
         "military.", "reports"),
        ("Documents filed in the case indicate Mr. Flynn was facilitating discussions between the ambassador and "
         "high level Trump officials.", "reports"),
        # 'find' reports only a whole clause: a verdict or a find is what happened
        ("A jury in Alexandria found the former aide guilty on all eight counts.", "states"),
        ("Police found the bodies of two hikers near the trail on Tuesday.", "states"),
        # a quote given with its verb and its speaker after it is no post's signature
        ("The bill, dubbed “the most important reform in a generation” by Speaker Nancy Pelosi, passed the House "
         "220-207 on Friday and now goes to the Senate.", "states"),
    ],
)
def test_a_sentence_is_stated_reported_or_denied(models: Models, text: str, stance: str) -> None:
    _, annotations = prepare_articles([Article(id="a", text=text, outlet="X")], settings=Settings(), models=models)
    (sentence,) = annotations["a"].sentences
    assert sentence_stance(sentence, annotations["a"].quotes) == stance


def test_a_quote_with_its_speaker_reports_it(models: Models) -> None:
    text = 'Pelosi spoke to reporters after the vote. "We cannot name managers until we see the process on the Senate side."'
    _, annotations = prepare_articles([Article(id="a", text=text, outlet="X")], settings=Settings(), models=models)
    quotes = annotations["a"].quotes
    assert [q.speaker for q in quotes] == ["Pelosi"]
    assert [sentence_stance(s, quotes) for s in annotations["a"].sentences] == ["states", "reports"]
    assert [sentence_stance(s) for s in annotations["a"].sentences] == ["states", "states"]  # without the quote


def test_a_hedge_or_a_clause_hung_on_a_phrase_still_reports(models: Models) -> None:
    """The Washington Times and the New York Times (claim gold): 'reportedly'; a 'that' clause the parser hangs
    on the interview's name."""
    texts = [
        "A foreign policy analyst, Mr. Halper reportedly requested a meeting in London with George Papadopoulos.",
        "Mr. Trump said in an interview with “Fox News Sunday” that he was giving Mr. Whitaker free rein.",
    ]
    articles = [Article(id=f"a{n}", text=t, outlet="X") for n, t in enumerate(texts)]
    _, annotations = prepare_articles(articles, settings=Settings(), models=models)
    (hedged,) = annotations["a0"].sentences
    (framed,) = annotations["a1"].sentences
    assert hedged.hedged and sentence_stance(hedged) == "reports"
    assert framed.report_verb == "say" and sentence_stance(framed) == "reports"
