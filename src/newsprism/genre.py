"""News, opinion or analysis: what each article is, and why.

Two kinds of evidence:

- **metadata**: a section in the URL's path (``/opinion/``, ``/commentary/``,
  ``/editorials/``) or a title that opens with one ('OPINION: ...',
  'Analysis | ...'), from the marker lexicon (``data/genre_markers.tsv``);
- **the text's own voice**, read from the NLP pass: outside quotes
  (:class:`~newsprism.model.Voice`), first- and second-person pronouns,
  adjectives, modal verbs and loaded words (``data/loaded_terms.txt``) per 100
  words, questions per sentence and sentence length; whether the headline
  asks a question; from the rest of the fact layer (:class:`~newsprism.model.Annotations`),
  names per 100 words, negations per sentence, how much of the text is
  quoted, and the share of sentences that report a source (news reports
  others and what happened; opinion argues); whether a note on the writer
  closes the article ('Jane Doe is a senior fellow at ...').

A section marker decides: the publisher filed the article there (an
analysis marker makes it analysis). Without one, a logistic model over the
voice (``data/genre_model.json``, refitted by ``bench/fit_genre.py`` on
AllSides articles whose outlet or own marker names their section) gives
the probability that the article is opinion; its threshold is set for
articles without a marker, where it decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np

from .clean_rules import AUTHOR_NOTE
from .compare.logistic import LogisticModel, read_model
from .lexicon import genre_markers
from .model import Annotations, Article, Genre, GenreLabel
from .nlp.questions import asks

__all__ = ["FEATURES", "classify_genre", "genre_features", "genre_model", "marker_of"]

FEATURES = (
    "first_person",
    "second_person",
    "questions",
    "quoted",
    "reported",
    "adjectives",
    "names",
    "negations",
    "sentence_length",
    "saying",
    "modals",
    "loaded",
    "title_question",
    "writer_note",
)
MODEL_FILE = "genre_model.json"
#: Questions per sentence are scaled before their log is taken (one question in twenty sentences reads as 1).
QUESTION_SCALE = 20.0
#: Negations per sentence are scaled likewise (one in five sentences reads as 1).
NEGATION_SCALE = 5.0
#: The voice model's standardised features are clipped to this many standard deviations (fitted so too): an
#: article's one rare extreme (a hedge in every third sentence, a list of names) does not decide alone.
CLIP = 2.0

_TITLE_WORD = re.compile(r"^\W*([A-Za-z][A-Za-z-]*)\s*(?::|\||—|–|-\s)")
_PATH_WORD = re.compile(r"[a-z][a-z-]*")


def marker_of(article: Article) -> tuple[str, str] | None:
    """``(genre, where)`` when the URL's path or the title's opening word marks a section, else ``None``."""
    markers = genre_markers()
    if article.url:
        path = urlsplit(article.url).path.lower()
        for segment in path.split("/")[:-1]:  # the last segment is the article's own slug
            if segment in markers:
                return markers[segment], f"URL path /{segment}/"
    if article.title:
        m = _TITLE_WORD.match(article.title)
        if m and m.group(1).lower() in markers:
            return markers[m.group(1).lower()], f"title marker '{m.group(1)}'"
    return None


def genre_features(article: Article, annotations: Annotations | None) -> np.ndarray:
    """The model's inputs for one article, in :data:`FEATURES` order, from the NLP pass (zeros without it)."""
    if annotations is None:
        return np.zeros(len(FEATURES))
    voice = annotations.voice
    per_100 = 100.0 / max(voice.words, 1)
    sentences = max(len(annotations.sentences), 1)

    quoted = sum(q.span.end - q.span.start for q in annotations.quotes) / max(len(article.text), 1)
    # 'I believe ...' is the writer's own view, not a source's report
    sources = [s for s in annotations.sentences if not s.writer_speaks]
    # rates are skewed (a column may say 'I' twenty times in a hundred words): the model reads their logs
    return np.array(
        [
            np.log1p(voice.first_person * per_100),
            np.log1p(voice.second_person * per_100),
            np.log1p(QUESTION_SCALE * voice.questions / sentences),
            quoted,
            sum(1 for s in sources if s.report_verb is not None or s.hedged) / sentences,
            np.log1p(voice.adjectives * per_100),
            np.log1p(len(annotations.mentions) * per_100),
            np.log1p(NEGATION_SCALE * sum(len(s.negations) for s in annotations.sentences) / sentences),
            np.log(voice.words / sentences) if voice.words else 0.0,
            sum(1 for s in sources if s.report_verb is not None) / sentences,
            np.log1p(voice.modals * per_100),
            np.log1p(voice.loaded * per_100),
            float(article.title is not None and asks(article.title)),  # a column asks, a report tells
            float(closes_with_writer_note(article, annotations)),
        ]
    )


def closes_with_writer_note(article: Article, annotations: Annotations) -> bool:
    """Whether a note on the writer closes the article: left in the text (the NLP pass marks it) or removed by
    the cleaner as an author note."""
    return any(s.writer_note for s in annotations.sentences[-1:]) or any(
        r.detail == AUTHOR_NOTE for r in article.removed
    )


def genre_model(name: str = "fitted") -> LogisticModel:
    """The opinion model: ``fitted`` (shipped) or the path of a model file."""
    return read_model(name, file=MODEL_FILE, features=FEATURES, setting="genre_model")


#: How each feature reads in a reason, from its value as the model reads it.
_WORDS: dict[str, tuple[str, Callable[[float], float]]] = {
    "first_person": ("first person: {:.1f} per 100 words", np.expm1),
    "second_person": ("second person: {:.1f} per 100 words", np.expm1),
    "questions": ("questions: {:.0%} of sentences", lambda v: float(np.expm1(v)) / QUESTION_SCALE),
    "quoted": ("quoted: {:.0%} of the text", float),
    "reported": ("sentences reporting a source: {:.0%}", float),
    "adjectives": ("adjectives: {:.1f} per 100 words", np.expm1),
    "negations": ("negations: {:.1f} per sentence", lambda v: float(np.expm1(v)) / NEGATION_SCALE),
    "sentence_length": ("sentences of {:.0f} words on average", np.exp),
    "modals": ("modal verbs: {:.1f} per 100 words", np.expm1),
    "loaded": ("loaded words: {:.1f} per 100 words", np.expm1),
    "title_question": ("a question for a headline", float),
    "writer_note": ("a note on its writer at the end", float),
}


def classify_genre(article: Article, annotations: Annotations | None, model: LogisticModel) -> Genre:
    """The article's genre with its reason: the section its publisher filed it in, else its voice.

    ``probability`` is the voice model's that it is opinion, also where a marker decides.
    """
    marker = marker_of(article)
    row = genre_features(article, annotations)
    p = float(model.probabilities(row[None, :])[0])
    if marker is not None:
        return Genre("analysis" if marker[0] == "analysis" else "opinion", marker[1], p)
    label: GenreLabel = "opinion" if p >= model.threshold else "news"
    return Genre(label, _reason(label, row, model), p)


def _reason(label: str, row: np.ndarray, model: LogisticModel) -> str:
    """The voice that weighed most for ``label``: for news, how much it reports sources and how little it
    says 'I' or 'we'; for opinion, the features that pulled hardest."""
    if label == "news":
        return "; ".join([_said("reported", row), _said("first_person", row)])
    pull = model.standardise(row) * model.coef
    order = [i for i in np.argsort(-pull) if pull[i] > 0 and FEATURES[i] in _OPINION_WORDS][:2]
    return "; ".join(_said(FEATURES[i], row) for i in order) or "its voice"


#: The features that read as opinion in a reason (how much an article reports sources or names people may
#: weigh either way once the reporting verbs are counted, and would read as evidence of news).
_OPINION_WORDS = frozenset(
    {
        "first_person",
        "second_person",
        "questions",
        "adjectives",
        "negations",
        "sentence_length",
        "modals",
        "loaded",
        "title_question",
        "writer_note",
    }
)


def _said(feature: str, row: np.ndarray) -> str:
    words, unscale = _WORDS[feature]
    return words.format(float(unscale(float(row[FEATURES.index(feature)]))))
