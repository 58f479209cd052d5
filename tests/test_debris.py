"""Page furniture and sentence ends, facts of the NLP pass (newsprism.nlp.debris) read by claims, brief and timeline."""

from __future__ import annotations

import pytest

from newsprism.compare.claims.units import usable
from newsprism.model import Article
from newsprism.nlp.debris import is_debris, is_ended
from newsprism.nlp.models import Models
from newsprism.nlp.sentences import split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Ted Cruz (pictured) said on Tuesday that he would stay in the race.",
        "Rescue workers search the rubble of the hotel. © Getty Images",
        "Hide Caption 3 of 12 Photos: Deadly truck attack in Nice",
        "Sign up for our morning newsletter to get the news first.",
        "The two leaders (left) met at the White House on Friday.",
        "Police officers stand guard outside the school. Photo: Reuters",
        "Smoke rises over the city. AFP via Getty Images",
        "For the latest updates, click here.",
        "READ MORE: Five things to know about the new tax law",
        "Enlarge this image toggle caption Spencer Platt/Getty Images",
        "Trump-Russia investigation: the key questions answered Read more",
        "Previous Next David Goldman/AP",
        "Protesters march toward the Capitol. REUTERS/Lucas Jackson",
        "Photo Credit: John Smith",
        "Protesters march. File photo: Reuters",
        'Residents said they had "lost everything." Photo: AP',
        "Subscribe to our podcast on Apple Podcasts.",
        "For the latest news, sign up for our newsletter.",
    ],
)
def test_caption_credit_and_promo_markers_are_debris(text: str) -> None:
    assert is_debris(text)


@pytest.mark.parametrize(
    "text",
    [
        # words that prose uses too count only in a promo's phrasing
        "Millions of Americans sign up for health insurance through the exchanges each year.",
        "The newsletter reported that the senator would resign before the vote.",
        "He said on his podcast that the election had been stolen from him.",
        "Subscribers to the service will pay $10 more a month from January.",
        "The picture that emerged on Friday was of a campaign in disarray.",
        "Voters who read more than one newspaper were less likely to believe the claim.",
        # bracketed words of prose, a label word in prose, polls, and promo words in a news sense
        "The Christian Democrats (centre-right) won 30 percent of the vote.",
        '"Police say that they used that (video) as the final piece to put all of this together," he said.',
        "He said in a video: \u201cWe will not back down.\u201d",
        "Investors must watch the inflation data closely, analysts said.",
        "A Reuters/Ipsos poll found 40% of Americans approve of the president.",
        "A new Washington Post/AP poll showed the race tightening.",
        "Residents were urged to sign up for emergency alerts from the county.",
        "\u201cRead more, and you will understand why the region is so divided,\u201d the minister said.",
        "About 1.2 million people subscribe to her newsletter, which costs $5 a month.",
        "Residents were urged to sign up for text and email alerts.",
        "An Ipsos/Reuters opinion poll showed Labour ahead.",
        "A Reuters/Edison Research exit poll showed a close race.",
    ],
)
def test_prose_is_no_debris(text: str) -> None:
    assert not is_debris(text)


def test_is_ended() -> None:
    assert is_ended("The minister resigned on Tuesday.")
    assert is_ended('He said the talks were "over."')
    assert is_ended("“We will not back down”")  # a quotation that closes the sentence
    assert is_ended("The vote was delayed again…")
    assert is_ended("He said: «We will fight.»")
    assert not is_ended("Full coverage of the storm »")
    assert not is_ended("Live updates: Hurricane Matthew hits Florida")
    assert not is_ended("The two sides met on Friday, and")


def test_the_nlp_pass_marks_each_sentence(models: Models) -> None:
    text = (
        "Storm batters the coast overnight\n\n"
        "The storm reached the coast on Friday, officials said.\n\n"
        "Residents leave their homes in the rain. Photo: Reuters\n\n"
        "Sign up for our newsletter to get storm alerts."
    )
    article = Article(id="a", text=text)
    sentences = split_sentences(models.nlp(text), article)
    marks = {s.span.text: (s.debris, s.ended) for s in sentences}
    assert marks["Storm batters the coast overnight"] == (False, False)
    assert marks["The storm reached the coast on Friday, officials said."] == (False, True)
    assert any(debris for t, (debris, _) in marks.items() if t.startswith("Residents") or "Photo" in t)
    assert marks["Sign up for our newsletter to get storm alerts."] == (True, True)
    # claims take the headline and the report, never the caption or the promo
    kept = [s.span.text for n, s in enumerate(sentences) if usable(s, n)]
    assert kept[:2] == ["Storm batters the coast overnight", "The storm reached the coast on Friday, officials said."]
    assert not any("Photo" in t or "newsletter" in t for t in kept)
