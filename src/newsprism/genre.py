"""News, opinion or analysis: what each article is, and why.

Two kinds of evidence:

- **metadata**: a section in the URL's path (``/opinion/``, ``/commentary/``,
  ``/editorials/``) or a title that opens with one ('OPINION: ...',
  'Analysis | ...'), from the marker lexicon (``data/genre_markers.tsv``);
- **the text's own voice**, counted in the NLP pass outside quotes
  (:class:`~newsprism.model.Voice`): first- and second-person pronouns,
  modals and adjectives per 100 words, questions per sentence, the share of
  finite verbs in the present tense, and how much of the text is quoted or
  reported from sources (news reports others and what happened; opinion
  argues now).

A logistic model over these (``data/genre_model.json``, refitted by
``bench/fit_genre.py`` on AllSides articles whose outlet names their
section) gives the probability that an article is opinion. An analysis
marker makes it analysis; no model is fitted for that, for want of labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np

from .compare.logistic import LogisticModel, read_model
from .lexicon import genre_markers
from .model import Annotations, Article, Genre, GenreLabel

__all__ = ["FEATURES", "classify_genre", "genre_features", "genre_model", "marker_of"]

FEATURES = (
    "url_opinion",
    "title_opinion",
    "first_person",
    "second_person",
    "questions",
    "quoted",
    "reported",
    "present",
    "modals",
    "adjectives",
)
MODEL_FILE = "genre_model.json"
#: Questions per sentence are scaled before their log is taken (one question in twenty sentences reads as 1).
QUESTION_SCALE = 20.0

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


def genre_features(article: Article, annotations: Annotations | None, marker: tuple[str, str] | None) -> np.ndarray:
    """The model's inputs for one article, in :data:`FEATURES` order; ``marker`` is its :func:`marker_of`."""
    url_opinion = float(marker is not None and marker[0] == "opinion" and marker[1].startswith("URL"))
    title_opinion = float(marker is not None and marker[0] == "opinion" and marker[1].startswith("title"))
    if annotations is None:
        return np.array([url_opinion, title_opinion, *([0.0] * (len(FEATURES) - 2))])
    voice = annotations.voice
    per_100 = 100.0 / max(voice.words, 1)
    sentences = max(len(annotations.sentences), 1)
    quoted = sum(q.span.end - q.span.start for q in annotations.quotes) / max(len(article.text), 1)
    reported = sum(1 for s in annotations.sentences if s.report_verb is not None or s.hedged) / sentences
    # rates are skewed (a column may say 'I' twenty times in a hundred words): the model reads their logs
    return np.array(
        [
            url_opinion,
            title_opinion,
            np.log1p(voice.first_person * per_100),
            np.log1p(voice.second_person * per_100),
            np.log1p(QUESTION_SCALE * voice.questions / sentences),
            quoted,
            reported,
            voice.present / max(voice.past + voice.present, 1),
            np.log1p(voice.modals * per_100),
            np.log1p(voice.adjectives * per_100),
        ]
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
    "present": ("verbs in the present tense: {:.0%}", float),
    "modals": ("modal verbs: {:.1f} per 100 words", np.expm1),
    "adjectives": ("adjectives: {:.1f} per 100 words", np.expm1),
}


def classify_genre(article: Article, annotations: Annotations | None, model: LogisticModel) -> Genre:
    """The article's genre with its reason: a section marker when there is one, else its voice."""
    marker = marker_of(article)
    row = genre_features(article, annotations, marker)
    p = float(model.probabilities(row[None, :])[0])
    if marker is not None and marker[0] == "analysis":
        return Genre("analysis", marker[1], p)
    label: GenreLabel = "opinion" if p >= model.threshold else "news"
    return Genre(label, _reason(label, marker, row, model), p)


def _reason(label: str, marker: tuple[str, str] | None, row: np.ndarray, model: LogisticModel) -> str:
    """The evidence for ``label``, in words: the section marker, else the voice that weighed most."""
    if marker is not None and label == "opinion":
        return marker[1]
    if label == "news":  # what reads as news: how much it reports sources, and how little it says 'I' or 'we'
        said = [_said("reported", row), _said("first_person", row)]
        if marker is not None:
            said.insert(0, f"{marker[1]}, outweighed by its reporting voice")
        return "; ".join(said)
    pull = (row - model.mean) / model.scale * model.coef
    order = [i for i in np.argsort(-pull) if pull[i] > 0 and FEATURES[i] in _WORDS][:2]
    return "; ".join(_said(FEATURES[i], row) for i in order) or "its voice"


def _said(feature: str, row: np.ndarray) -> str:
    words, unscale = _WORDS[feature]
    return words.format(float(unscale(float(row[FEATURES.index(feature)]))))
