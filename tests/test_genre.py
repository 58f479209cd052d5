"""News, opinion or analysis (newsprism.genre), and the voice counts it reads (newsprism.nlp.voice)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from newsprism.config import Settings
from newsprism.genre import classify_genre, genre_model, marker_of
from newsprism.model import Annotations, Article
from newsprism.nlp import annotate
from newsprism.nlp.models import Models


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        ("https://www.nytimes.com/2020/07/14/opinion/cancel-culture-.html", "10 Theses About Cancel Culture", "opinion"),
        ("https://reason.com/2019/06/13/trumps-tariffs/", "OPINION: Trump's Tariffs Hurt American Freedom", "opinion"),
        ("https://www.cnn.com/2019/07/11/politics/analysis-trump/index.html", "Analysis: Trump seeks a win", "analysis"),
        ("https://www.nytimes.com/2016/09/20/nyregion/opinion-poll.html", "Bomb Suspect Changed After Trip", None),
        (None, "Opinion polls tighten in Ohio", None),
    ],
)
def test_section_markers_come_from_the_url_path_or_the_title_label(
    url: str | None, title: str, expected: str | None
) -> None:
    found = marker_of(Article("a", "text", title=title, url=url))
    assert (found[0] if found else None) == expected


@pytest.mark.slow
def test_seed_news_reads_as_news_and_says_why(seed_articles: list, seed_annotations: dict) -> None:
    model = genre_model()
    for article in seed_articles:
        genre = classify_genre(article, seed_annotations[article.id], model)
        assert genre.label == "news", (article.id, genre)
        assert genre.reason and 0.0 <= genre.probability < model.threshold


@pytest.mark.slow
def test_voice_counts_the_articles_own_words_not_its_quotes(seed_annotations: dict) -> None:
    for ann in seed_annotations.values():
        voice = ann.voice
        assert voice.words > 100 and voice.first_person <= voice.words // 20
        assert voice.past + voice.present > 10
    # 'We’re working that out now,' Biden told reporters: the quote's 'we' is Biden's, not the outlet's
    quoted_we = [ann for ann in seed_annotations.values() if any("We’re working" in q.span.text for q in ann.quotes)]
    assert quoted_we and all(ann.voice.first_person == 0 for ann in quoted_we)


#: A column of about 240 words. The model reads rates (per sentence, per 100 words) fitted on articles of hundreds
#: of words; a three-sentence text gives too few of them to settle it (it reads as news at p 0.70).
COLUMN = (
    "I have watched this city for twenty years, and I think we are making the same mistake again. "
    "Why do we keep building on the flood plain? We should stop, and we should stop now.\n\n"
    "Nobody who lived through the last flood can pretend it was a surprise. The river did not rise overnight; "
    "it rose the way it always rises, slowly and then all at once, and the homes we had put in its way were "
    "not ready for it. I do not blame the families who bought them. I blame a council that keeps approving "
    "plans it knows are unwise, because the tax base looks better on paper than the risk does.\n\n"
    "There is a better way, and it is not complicated. Leave the low ground to the water. Build parks and "
    "playing fields there, which can flood and dry out without ruining anyone's life. Put the new houses on "
    "the ridge, where the old town was built in the first place for exactly this reason.\n\n"
    "I believe the council must listen to the people who live there, and I hope it does. If it does not, "
    "we will be having this conversation again in ten years, and I suspect it will not be any easier. "
    "Our grandparents understood this. It is strange that we have to learn it all over again, but learn it "
    "we must, before the next spring rains make the lesson for us."
)


@pytest.mark.slow
def test_a_column_in_the_first_person_reads_as_opinion_by_its_voice(models: Models, settings: Settings) -> None:
    article = Article("c", COLUMN, title="The flood plain is not for building")
    (annotations,) = annotate([article], models=models, settings=settings)
    genre = classify_genre(article, annotations, genre_model())
    assert genre.label == "opinion" and "first person" in genre.reason
    # without the NLP pass's counts only the section markers are left to read
    assert classify_genre(article, Annotations("c"), genre_model()).label == "news"


@pytest.mark.slow
def test_a_section_marker_decides_over_a_reporting_voice(seed_articles: list, seed_annotations: dict) -> None:
    """An article its publisher filed under /opinion/ is opinion, though it reads as news (an editorial
    reporting the day's events); the voice model's probability is still given."""
    model = genre_model()
    article = seed_articles[0]
    assert classify_genre(article, seed_annotations[article.id], model).label == "news"
    filed = replace(article, url="https://www.example.com/2024/09/13/opinion/the-visit.html")
    genre = classify_genre(filed, seed_annotations[article.id], model)
    assert genre.label == "opinion" and genre.reason == "URL path /opinion/"
    assert genre.probability < model.threshold
    analysis = classify_genre(replace(article, title=f"Analysis: {article.title}"), seed_annotations[article.id], model)
    assert analysis.label == "analysis"


@pytest.mark.slow
def test_the_writers_own_i_believe_is_not_a_source_reported(models: Models, settings: Settings) -> None:
    from newsprism.genre import FEATURES, genre_features

    def features(opening: str) -> tuple[bool, dict[str, float]]:
        article = Article("c", f"{opening} the council must listen. Officials said the plan would pass.")
        (annotations,) = annotate([article], models=models, settings=settings)
        first = annotations.sentences[0]
        assert first.report_verb is not None and first.subject_pronoun
        return first.writer_speaks, dict(zip(FEATURES, genre_features(article, annotations), strict=True))

    speaks, row = features("I believe")
    assert speaks and row["saying"] == 0.5  # only the officials report
    speaks, row = features("She believes")
    assert not speaks and row["saying"] == 1.0
    speaks, row = features("We believe")
    assert speaks and row["reported"] == 0.5


@pytest.mark.slow
def test_voice_counts_loaded_words_in_the_writers_own_words(models: Models, settings: Settings) -> None:
    text = 'Critics slammed the radical plan on Monday. "It is a disgraceful regime," the mayor said.'
    (annotations,) = annotate([Article("l", text)], models=models, settings=settings)
    assert annotations.voice.loaded == 2  # 'slammed', 'radical'; the mayor's words are his


def test_a_headline_that_asks_is_read_as_a_feature() -> None:
    from newsprism.genre import FEATURES, genre_features
    from newsprism.model import Voice

    annotations = Annotations("t", voice=Voice(words=100))

    def asks(title: str | None) -> float:
        return float(genre_features(Article("t", "Text.", title=title), annotations)[FEATURES.index("title_question")])

    assert asks("Will the Council Listen?") == 1.0
    assert asks("“Where is the money?”") == 1.0
    assert asks("Council approves the plan") == 0.0
    assert asks('Trump: "Where is the money?"') == 0.0  # a headline quoting someone's question (nlp.questions)
    assert asks(None) == 0.0


def test_read_labels_give_the_readers_call_and_name_a_bad_file(tmp_path) -> None:
    from pathlib import Path

    from newsprism.errors import InputError
    from newsprism.evaluate.genre import GenreRun, read_labels

    gold = Path(__file__).resolve().parent / "gold" / "genre" / "section_conflicts.json"
    read = read_labels(gold)
    conflicts = [r["id"] for r in json.loads(gold.read_text(encoding="utf-8"))["conflicts"]]
    assert len(read) == 100 and sum(read[i] for i in conflicts) >= 50  # filed as opinion, read so
    run = GenreRun(
        ids=("a", "b", "c"),
        ours=np.array([True, True, False]),
        baseline=np.array([True, False, False]),
        truth=np.array([False, True, False]),  # the section calls 'a' news, though it is filed as opinion
        markers=(("opinion", "URL path /opinion/"), None, None),
    )
    on_sections, _ = run.scores()
    on_reading, baseline = run.scores({"a": True})
    assert (on_sections.correct, on_sections.conflicts) == (2, 1)
    assert (on_reading.correct, on_reading.conflicts, baseline.correct) == (3, 0, 2)
    bad = tmp_path / "labels.json"
    bad.write_text('{"conflicts": []}', encoding="utf-8")
    with pytest.raises(InputError, match="labels.json"):
        read_labels(bad)
    bad.write_text('{"conflicts": [{"id": "x", "read": "News"}], "controls": []}', encoding="utf-8")
    with pytest.raises(InputError, match="'News'"):
        read_labels(bad)
