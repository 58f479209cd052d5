"""Sentence segmentation on news text, with negation and reporting verbs."""

from __future__ import annotations

from newsprism.model import Article, Sentence
from newsprism.nlp.boundaries import boundary_hints
from newsprism.nlp.models import Models
from newsprism.nlp.sentences import COMPONENT, split_sentences

from .conftest import seed_article


def sentences_of(models: Models, text: str) -> tuple[Sentence, ...]:
    article = Article(id="t", text=text)
    return split_sentences(models.nlp(text), article)


def texts(models: Models, text: str) -> list[str]:
    return [s.span.text for s in sentences_of(models, text)]


def find(sentences: tuple[Sentence, ...], prefix: str) -> Sentence:
    hits = [s for s in sentences if s.span.text.startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r}: {[s.span.text[:50] for s in sentences]}"
    return hits[0]


def test_component_sits_before_the_parser(models: Models) -> None:
    names = models.nlp.pipe_names
    assert names.index(COMPONENT) == names.index("parser") - 1


# --- seeds ------------------------------------------------------------------


def test_every_seed_sentence_span_is_exact_and_trimmed(seed_articles: list, seed_sentences: dict) -> None:
    for prefix, sentences in seed_sentences.items():
        text = seed_article(seed_articles, prefix).text
        assert len(sentences) > 8
        for s in sentences:
            assert text[s.span.start : s.span.end] == s.span.text
            assert s.span.text == s.span.text.strip() and "\n" not in s.span.text
        starts = [s.span.start for s in sentences]
        assert starts == sorted(starts)


def test_quote_ending_in_comma_stays_with_its_speaker(seed_sentences: dict) -> None:
    s = find(seed_sentences["000"], "“We’re working that out now,” Biden told")
    assert s.span.text == (
        "“We’re working that out now,” Biden told reporters on Tuesday, when asked about Ukraine’s long-range missile use."
    )
    s = find(seed_sentences["001"], "The U.S. has been flexible")
    assert s.span.text.endswith("“from day one,” Blinken said.")
    assert (s.report_verb, s.report_subject) == ("say", "Blinken")


def test_abbreviations_do_not_end_sentences(seed_sentences: dict) -> None:
    s = find(seed_sentences["001"], "The Guardian reported on Sept. 11")
    assert s.span.text.endswith("deep into Russia.")
    s = find(seed_sentences["001"], "U.S. President Joe Biden is finalizing")
    assert s.span.text.endswith("familiar with the discussions.")
    s = find(seed_sentences["003"], "Mr Lammy will make a rare joint trip")
    assert s.span.text == "Mr Lammy will make a rare joint trip to Ukraine with his US counterpart this week."


def test_ellipsis_inside_a_quote(seed_sentences: dict) -> None:
    s = find(seed_sentences["003"], "Mr Blinken said one of the “purposes”")
    assert s.span.text.endswith("“about…what we can do to support (the country’s) needs”.")
    assert (s.report_verb, s.report_subject) == ("say", "Mr Blinken")


def test_multi_sentence_quote_splits_at_its_full_stop(seed_sentences: dict) -> None:
    s = find(seed_sentences["003"], "Asked about the West’s stance on missiles, Blinken said:")
    assert s.span.text.endswith("“We never rule anything out.")
    assert (s.report_verb, s.report_subject) == ("say", "Blinken")


def test_seed_reporting_verbs_and_negation(seed_sentences: dict) -> None:
    s = find(seed_sentences["000"], "Iran has categorically denied the accusation")
    assert (s.report_verb, s.report_subject) == ("deny", "Iran")
    s = find(seed_sentences["000"], "He did not announce any policy changes.")
    assert s.negated and s.report_verb is None
    s = find(seed_sentences["001"], "The details of the plan are not yet finalized, Politico reported")
    assert s.negated and (s.report_verb, s.report_subject) == ("report", "Politico")
    s = find(seed_sentences["002"], "In August alone, 184 civilians were killed")
    assert (s.report_verb, s.report_subject) == ("say", "the UN")
    assert not s.negated
    s = find(seed_sentences["000"], "“I talked to Blinken two days ago")
    assert (s.report_verb, s.report_subject) == ("tell", "McCaul")
    s = find(seed_sentences["003"], "Mr Gallant issued a strong rebuke on Monday, warning Tehran:")
    assert (s.report_verb, s.report_subject) == ("warn", "Mr Gallant")


# --- own cases --------------------------------------------------------------


def test_newline_always_ends_a_sentence(models: Models) -> None:
    assert texts(models, "Biden has stated\nWashington intends to lift the restrictions.") == [
        "Biden has stated",
        "Washington intends to lift the restrictions.",
    ]
    assert texts(models, "Read more\n\nPentagon explains refusal\n\nThe talks went on.") == [
        "Read more",
        "Pentagon explains refusal",
        "The talks went on.",
    ]


def test_news_abbreviations(models: Models) -> None:
    assert texts(models, "Gen. Mark Milley met Sen. Lindsey Graham on Sept. 11 in Washington. They talked.") == [
        "Gen. Mark Milley met Sen. Lindsey Graham on Sept. 11 in Washington.",
        "They talked.",
    ]
    assert texts(models, "The plan was backed by U.S. President Joe Biden and Mr Smith. It failed.") == [
        "The plan was backed by U.S. President Joe Biden and Mr Smith.",
        "It failed.",
    ]
    assert len(texts(models, "Officials cited John F. Kennedy as a model for the talks.")) == 1


def test_quotes_followed_by_their_attribution(models: Models) -> None:
    assert texts(models, "“We will not back down,” the minister said. Talks resume today.") == [
        "“We will not back down,” the minister said.",
        "Talks resume today.",
    ]
    assert texts(models, '"Why now?" she asked. Nobody answered.') == ['"Why now?" she asked.', "Nobody answered."]
    assert len(texts(models, "“We want… peace,” he said.")) == 1


def test_a_named_speakers_frame_stays_with_the_exclamation_or_question_it_frames(models: Models) -> None:
    """The parser cuts after '!"' or '?"' when a capital follows: the frame 'Mr. Clinton said, ...' alone
    would be a sentence that says nothing and names no one's words."""
    assert texts(models, '"Heck, he even appointed Hillary!" Mr. Clinton said, pausing as the crowd roared.') == [
        '"Heck, he even appointed Hillary!" Mr. Clinton said, pausing as the crowd roared.'
    ]
    sentence, after = sentences_of(models, "“Are we better off?” Senator Mitch McConnell asked on Tuesday. He left.")
    assert (sentence.report_verb, sentence.report_subject) == ("ask", "Senator Mitch McConnell")
    assert after.span.text == "He left."
    assert texts(models, '"We won!" Trump told supporters in Iowa.') == ['"We won!" Trump told supporters in Iowa.']
    # a sentence that says something of its own after the quote stands alone
    assert texts(models, '"Why now?" Republicans have demanded answers for weeks.') == [
        '"Why now?"',
        "Republicans have demanded answers for weeks.",
    ]
    assert texts(models, 'He shouted "Get out!" Officers said the man was armed.') == [
        'He shouted "Get out!"',
        "Officers said the man was armed.",
    ]
    assert texts(models, '"Stop!" Police then fired two shots.') == ['"Stop!"', "Police then fired two shots."]
    assert texts(models, '"Where is the Senate?"\nPelosi asked.') == ['"Where is the Senate?"', "Pelosi asked."]
    assert texts(models, "‘Where is the Senate?’ Pelosi asked. Nobody answered.") == [
        "‘Where is the Senate?’ Pelosi asked.",
        "Nobody answered.",
    ]
    assert texts(models, '"Where is the Senate?"  Pelosi asked.') == ['"Where is the Senate?"  Pelosi asked.']


def test_report_verbs_in_other_shapes(models: Models) -> None:
    (s,) = sentences_of(models, "The ceasefire collapsed on Sunday, according to Reuters.")
    assert (s.report_verb, s.report_subject, s.negated) == ("say", "Reuters", False)
    (s,) = sentences_of(models, "The ministry said it had not received any request from Kyiv.")
    assert (s.report_verb, s.report_subject, s.negated) == ("say", "The ministry", True)
    (s,) = sentences_of(models, "Moscow denied the report.")
    assert (s.report_verb, s.report_subject) == ("deny", "Moscow")
    (s,) = sentences_of(models, "The army announced a $700mn aid package.")
    assert s.report_verb is None and not s.negated
    (s,) = sentences_of(models, "No decision has been made yet.")
    assert s.negated


def test_empty_and_blank_texts(models: Models) -> None:
    assert sentences_of(models, "") == ()
    assert sentences_of(models, "  \n\n ") == ()


def test_inverted_attribution_after_the_content(models: Models) -> None:
    sents = sentences_of(
        models,
        "The ferry will resume service on Monday, a port official has claimed, citing the harbour master. "
        "Prices rose sharply in May, and the central bank has warned of more pain.",
    )
    assert (sents[0].report_verb, sents[0].report_subject) == ("claim", "a port official")
    # A coordinated clause with its own complement is not an attribution of the first.
    assert sents[1].report_verb is None


def test_whether_a_sentence_asks_is_read_once_in_the_nlp_pass(models: Models) -> None:
    asked = [s.question for s in sentences_of(models, 'Did he call it a "witch hunt"? He did. "Why?" she asked.')]
    assert asked == [True, False, False]


def test_a_sentence_cut_at_a_title_abbreviation_does_not_end(models: Models) -> None:
    """A page that lost the name after 'Maj.' (a line ends there) leaves a fragment; a short name or initialism ends a sentence."""
    sentences = sentences_of(
        models,
        "As Trump prepares for the trip, Puerto Rico National Guard Maj.\n\n"
        "...want everything done for them. "
        "The senators voted to renew the sanctions on Iran. "
        "The plant will move to the U.S. "
        "The contract went to Roger Stone Jr.",
    )
    assert not find(sentences, "As Trump").ended
    assert all(find(sentences, prefix).ended for prefix in ("The senators", "The plant", "The contract"))


def test_a_title_abbreviation_keeps_its_name(models: Models) -> None:
    """The tokenizer splits 'Sgt.' and 'Brig.' into a word and a period; the name after them still continues."""
    assert texts(
        models,
        "The driver fled, according to Sgt. Panis. A charge was filed. Brig. Gen. Rich Kim spoke on Friday.",
    ) == ["The driver fled, according to Sgt. Panis.", "A charge was filed.", "Brig. Gen. Rich Kim spoke on Friday."]


def test_a_name_ending_in_jr_or_sr_can_end_a_sentence(models: Models) -> None:
    """'Jr.' and 'Sr.' end a name, and as often a sentence: the next capitalised word may start one."""
    assert texts(models, "The award went to Roger Stone Jr. He thanked the committee.") == [
        "The award went to Roger Stone Jr.",
        "He thanked the committee.",
    ]
    assert texts(models, "The victim was Robert Godwin Sr. His family asked for privacy.") == [
        "The victim was Robert Godwin Sr.",
        "His family asked for privacy.",
    ]


def test_title_hints_by_the_form_of_the_title(models: Models) -> None:
    """A title without its period holds the next capitalised word in any case ('MR OKAFOR', 'Jr Day'); with its
    period, a title before a name does ('Sgt. Panis'), 'Jr.' does not (what follows may start a sentence)."""

    def held(text: str, word: str) -> bool:
        doc = models.nlp.make_doc(text)
        _, must_not = boundary_hints(doc)
        return bool(must_not[[t.text for t in doc].index(word)])

    assert held("THE MINISTER MET MR OKAFOR TODAY.", "OKAFOR")
    assert held("The parade marked Martin Luther King Jr Day in the city.", "Day")
    assert held("The driver fled, according to Sgt. Panis.", "Panis")
    assert not held("The award went to Roger Stone Jr. He thanked the committee.", "He")
