"""What a reported sentence reports, read from the parse (newsprism.nlp.frames) in the NLP pass."""

from __future__ import annotations

from newsprism.model import Article, Sentence
from newsprism.nlp.models import Models
from newsprism.nlp.sentences import split_sentences


def content_of(sentences: tuple[Sentence, ...], prefix: str) -> str | None:
    (hit,) = [s for s in sentences if s.span.text.startswith(prefix)]
    if hit.content is not None:
        assert hit.span.contains(hit.content)
    return hit.content.text if hit.content is not None else None


def test_the_complement_of_a_reporting_verb_is_the_content(seed_sentences: dict) -> None:
    assert content_of(seed_sentences["000"], "Blinken claimed that Iran had delivered") == (
        "Iran had delivered an unspecified number of Fath-360 missiles to Russia, defying months of Western "
        "warnings, and that Moscow will use them against Ukraine “within weeks.”"
    )
    assert content_of(seed_sentences["000"], "As late as August 27, the Pentagon maintained") == (
        "its policy on the use of long-range weapons had not changed"
    )
    # the frame after the content, and a quote's marks balanced
    assert content_of(seed_sentences["000"], "“We’re working that out now,” Biden told") == "We’re working that out now"
    assert content_of(seed_sentences["003"], "“We have been clear that any transfer") == (
        "We have been clear that any transfer of ballistic missiles by Iran would be met with a significant response"
    )
    assert content_of(seed_sentences["002"], "During a debate with") == "he wanted the conflict to “stop”"


def test_a_frame_set_off_in_the_sentence_is_cut_out(seed_sentences: dict) -> None:
    assert content_of(seed_sentences["001"], "The details of the plan are not yet finalized, Politico reported") == (
        "The details of the plan are not yet finalized"
    )
    assert content_of(seed_sentences["003"], "And British sources said the US could allow") == (
        "the US could allow the use of long-range cruise missiles “within weeks”"
    )
    assert content_of(seed_sentences["004"], "Amid the ongoing Russia-Ukraine conflict") == (
        "the White House is finalizing a plan to ease some restrictions on how Ukraine can use US-funded weapons "
        "and better protect itself from Russian missiles"
    )


def test_the_outlets_own_statement_is_not_cut(seed_sentences: dict) -> None:
    # 'saying ...' beside what the outlet states itself, and a passive 'is believed to'
    assert content_of(seed_sentences["002"], "Zelenskyy has been lobbying western allies") is None
    assert content_of(seed_sentences["004"], "Moscow is believed to have moved") is None
    assert content_of(seed_sentences["000"], "He did not announce any policy changes.") is None


def test_the_object_of_a_denial_is_its_content(models: Models) -> None:
    text = "The company rejected the allegations of negligence. Iran has denied supplying missiles to Russia."
    sentences = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert content_of(sentences, "The company rejected") == "the allegations of negligence"
    assert content_of(sentences, "Iran has denied") == "supplying missiles to Russia"


def test_a_how_clause_reports_its_fact_and_a_question_reports_none(seed_sentences: dict, models: Models) -> None:
    assert content_of(seed_sentences["002"], "Blinken and Lammy highlighted how Russia") == (
        "Russia had stepped up its attacks on Ukraine in recent months, as they accused Iran of sending ballistic "
        "missiles to Moscow for use in the war"
    )
    text = "Reporters asked whether the administration would lift the restrictions on long-range weapons."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.content is None


def test_a_frame_with_nothing_after_it_reports_nothing(models: Models) -> None:
    # a text that ends on its frame ('He said:'), as scraped articles cut short do
    text = "The mayor spoke to reporters. He said:"
    sentences = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert [s.content for s in sentences] == [None, None]


def test_a_frame_closing_the_sentence_after_a_comma_reports_what_came_before(models: Models) -> None:
    text = "The jobless rate slipped to 4.7%, the Labor Department announced on Friday."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert (sentence.report_verb, sentence.report_subject) == ("announce", "the Labor Department")
    assert sentence.report_verb_span is not None and sentence.report_verb_span.text == "announced"
    assert sentence.content is not None and sentence.content.text == "The jobless rate slipped to 4.7%"
    # a clause after the comma that does something else is no frame
    text = "The jobless rate slipped to 4.7%, the department released figures showing on Friday."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.report_verb is None
    # a clause opened by a subordinator is a clause of its own
    text = "The levee failed on Sunday, although engineers had warned."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.report_verb is None and sentence.content is None


def test_a_that_clause_set_apart_from_its_verb_is_its_content(models: Models) -> None:
    text = "Early on Thursday, the mayor wrote on Twitter, in unusually formal language, that the dam had been inspected."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert (sentence.report_verb, sentence.report_subject) == ("write", "the mayor")
    assert sentence.report_verb_span is not None and sentence.report_verb_span.text == "wrote"
    assert sentence.content is not None and sentence.content.text == "the dam had been inspected"
    text = "Porter later clarified on television that the council would not meet."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.report_verb == "clarify" and sentence.negated
    # 'so ... that' opens a result, not what was said
    text = "The mayor spoke for so long on Tuesday that the council meeting overran by an hour."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.content is None
    # 'so that' opens a purpose, not what was said
    text = "The mayor wrote to every household early, so that the residents could leave in time."
    (sentence,) = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert sentence.content is None


def test_a_judgement_passed_by_the_subject_is_marked_as_the_subjects(models: Models) -> None:
    text = "His lawyers call the charges outrageous. The president labeled the reporters the enemy of the people."
    first, second = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert [j.text for j in first.judged] == ["outrageous"]
    assert [j.text for j in second.judged] == ["the enemy of the people"]
    text = "Critics have described the plan as reckless. The outrageous plan was called off."
    first, second = split_sentences(models.nlp(text), Article(id="t", text=text))
    assert [j.text for j in first.judged] == ["reckless"] and second.judged == ()
    # a judgement that names no one who judges, or that the writer passes, is the outlet's own
    text = "The plan has been widely called reckless. I would call this outrageous."
    assert [s.judged for s in split_sentences(models.nlp(text), Article(id="t", text=text))] == [(), ()]
