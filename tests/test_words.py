"""Content lemmas, negations and pointing objects, read once in the NLP pass, on the seeds and examples/."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.model import Annotations, Article, Sentence
from newsprism.nlp.models import Models

from .test_stories import EXAMPLES, prepare


@pytest.fixture(scope="module")
def examples(models: Models, settings: Settings) -> tuple[list[Article], dict[str, Annotations]]:
    return prepare([EXAMPLES], models, settings)


def _sentence(articles, annotations, words: str) -> tuple[Article, Sentence]:
    for a in articles:
        for s in annotations[a.id].sentences:
            if words in s.span.text:
                return a, s
    raise AssertionError(f"no sentence holds {words!r}")


def test_negation_scope_and_predicate_on_a_denied_failure(examples) -> None:
    articles, anns = examples
    _, s = _sentence(articles, anns, "denied reports that the sirens had not worked")
    (neg,) = s.negations
    assert neg.cue.text == "not" and neg.predicate == "work"
    assert "the sirens had not worked" in neg.scope.text and "Apex" not in neg.scope.text
    assert not s.refers_back, "'denied reports that ...' names what it denies"


def test_not_yet_is_pending_and_still_is_ongoing(seed_articles, seed_annotations) -> None:
    _, pending = _sentence(seed_articles, seed_annotations, "are not yet finalized")
    assert [n.pending for n in pending.negations] == [True]
    assert pending.negations[0].predicate == "finalize"
    _, ongoing = _sentence(seed_articles, seed_annotations, "are still being finalized")
    assert ongoing.ongoing and not ongoing.negations


def test_a_denial_of_the_allegations_points_back(seed_articles, seed_annotations) -> None:
    _, s = _sentence(seed_articles, seed_annotations, "have denied the allegations")
    assert s.report_verb == "deny" and s.refers_back
    _, named = _sentence(seed_articles, seed_annotations, "has denied supplying arms")
    assert not named.refers_back


def test_a_negated_subject_negates_its_verb(seed_articles, seed_annotations) -> None:
    _, s = _sentence(seed_articles, seed_annotations, "No missile was sent to Russia")
    assert any(n.cue.text == "No" and n.predicate == "send" for n in s.negations)


def test_lemmas_are_content_words_at_their_offsets(seed_articles, seed_annotations) -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    article, s = _sentence(seed_articles, seed_annotations, "are still being finalized")
    lemmas = dict(s.lemmas)
    assert set(lemmas.values()) >= {"detail", "plan", "finalize"}
    assert not set(lemmas.values()) & STOP_WORDS
    for offset, _lemma in s.lemmas:
        assert s.span.start <= offset < s.span.end
        assert article.text[offset].isalnum() and (offset == 0 or not article.text[offset - 1].isalnum())


def test_word_families_join_derived_forms_and_keep_compounds_whole(models: Models) -> None:
    from newsprism.nlp.sentences import split_sentences

    text = (
        "Ukrainian officials said the killing of three guards was finalised after the shipments arrived. "
        "Ukraine had killed two guards and finalized a deal for a war-torn town, long-range missiles and the war."
    )
    first, second = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert len(first.families) == len(first.lemmas) and len(second.families) == len(second.lemmas)
    one = dict(zip((w for _, w in first.lemmas), first.families, strict=True))
    two = dict(zip((w for _, w in second.lemmas), second.families, strict=True))
    assert one["ukrainian"] == two["ukraine"] == "ukrain"
    assert one["killing"] == two["kill"] == "kill"
    assert one["finalise"] == two["finalize"]
    assert one["shipment"] == "ship"
    # a hyphenated compound is one word: 'war-torn' is not the plain 'war' at the end
    families = list(zip((w for _, w in second.lemmas), second.families, strict=True))
    assert ("war", "war-to") in families and ("war", "war") in families and ("range", "long-r") in families


def test_word_families_leave_accents_aside(models: Models) -> None:
    from newsprism.nlp.sentences import split_sentences

    text = "Pedro Sánchez met the Zürich delegation. Pedro Sanchez said the Zurich talks went well."
    first, second = split_sentences(models.nlp(text), Article(id="t", text=text))
    one = dict(zip((w for _, w in first.lemmas), first.families, strict=True))
    two = dict(zip((w for _, w in second.lemmas), second.families, strict=True))
    assert one["sánchez"] == two["sanchez"] == "sanche"
    assert one["zürich"] == two["zurich"] == "zurich"


def test_word_forms_are_the_words_as_written_with_plural_nouns_singular(models: Models) -> None:
    from newsprism.nlp.sentences import split_sentences

    text = "Democrats said the missiles killed two civilians in the war-torn towns of the Bîc valley."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    forms = dict(zip((w for _, w in sentence.lemmas), sentence.forms, strict=True))
    assert forms["missile"] == "missile" and forms["civilian"] == "civilian"  # a plural noun is made singular
    assert forms["kill"] == "killed"  # a verb stays as written
    assert "democrats" in sentence.forms  # a proper noun too: its lemma is its text
    assert forms["war"] == forms["tear"] == "war-torn"  # a hyphenated compound is one word
    assert forms["bîc"] == "bîc"
