"""Labelled data for claim alignment and story grouping, read into one shape.

Two sources share the shape :class:`GoldSet`:

- **ECB+** (``load_ecbplus``): real news with cross-document event coreference.
  A subtopic is one story; two *annotated* sentences of different documents
  in one subtopic state the same event when they share an action chain.
  Sentences ECB+ did not annotate carry no gold and count neither way.
- **Hand-made story gold** (``load_story_gold``, ``tests/gold/stories``): real
  multi-outlet stories where every fact stated by two or more articles is a
  claim group. Every sentence is labelled: one in no group states nothing
  another article states.

Sentence ranges are offsets into the article text *as read* (before cleaning).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article

__all__ = [
    "GoldDoc",
    "GoldSentence",
    "GoldSet",
    "SentenceKey",
    "article_from",
    "corpus_rows",
    "gold_split",
    "load_ecbplus",
    "load_story_gold",
]

#: (article id, sentence number within the article)
SentenceKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One labelled sentence: its range in the raw text and the fact groups it belongs to."""

    start: int
    end: int
    labelled: bool
    groups: frozenset[str] = frozenset()
    opinion: bool = False


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """An article as read, the story it belongs to, and its labelled sentences."""

    article: Article
    story: str
    sentences: tuple[GoldSentence, ...]


@dataclass(frozen=True, slots=True)
class GoldSet:
    """Documents with story labels and sentence-level fact groups."""

    name: str
    docs: tuple[GoldDoc, ...]
    #: Every sentence labelled, for the facts it shares and for opinion (the hand-made gold; ECB+ is not).
    fully_labelled: bool = False
    #: Story -> a neutral reference summary written from its articles (``summaries/`` beside the stories).
    summaries: Mapping[str, str] = field(default_factory=dict)

    def stories(self) -> dict[str, list[GoldDoc]]:
        """Story label -> its documents, in input order."""
        out: dict[str, list[GoldDoc]] = {}
        for doc in self.docs:
            out.setdefault(doc.story, []).append(doc)
        return out

    def positive_pairs(self) -> set[tuple[SentenceKey, SentenceKey]]:
        """Pairs of labelled sentences, in different documents of one story, that share a fact group."""
        out: set[tuple[SentenceKey, SentenceKey]] = set()
        for docs in self.stories().values():
            members: dict[str, list[SentenceKey]] = {}
            for doc in docs:
                for n, s in enumerate(doc.sentences):
                    if s.labelled:
                        for g in s.groups:
                            members.setdefault(g, []).append((doc.article.id, n))
            for keys in members.values():
                out.update(_cross_pairs(keys))
        return out

    def labelled_keys(self) -> frozenset[SentenceKey]:
        """Every sentence that carries gold."""
        return frozenset((d.article.id, n) for d in self.docs for n, s in enumerate(d.sentences) if s.labelled)


def _cross_pairs(keys: list[SentenceKey]) -> Iterator[tuple[SentenceKey, SentenceKey]]:
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a[0] != b[0]:
                yield (a, b) if a < b else (b, a)


def corpus_rows(corpus: Path, ids: Collection[str], what: str = "labelled") -> dict[str, dict[str, Any]]:
    """The AllSides records of ``ids`` (``corpus``: the gzipped JSONL), by id.

    Raises:
        InputError: the corpus is missing, or holds none of some of ``ids`` (``what`` names them).
    """
    if not corpus.is_file():
        raise InputError(str(corpus), "AllSides corpus not found")
    wanted = set(ids)
    rows: dict[str, dict[str, Any]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("id") in wanted:
                rows[row["id"]] = row
    missing = sorted(wanted - set(rows))
    if missing:
        raise InputError(str(corpus), f"{len(missing)} {what} articles not in the corpus, e.g. {missing[0]}")
    return rows


def article_from(row: Mapping[str, Any]) -> Article:
    """The article a stored record describes (an AllSides row, a gold story's article): id and text, and the
    title, URL, outlet and publication date when it has them."""
    return Article(
        id=row["id"],
        text=row["text"],
        title=row.get("title"),
        url=row.get("url"),
        outlet=row.get("outlet"),
        published=row.get("published"),
    )


def load_ecbplus(folder: Path, topics: Collection[int]) -> GoldSet:
    """The documents of ``topics`` from an ECB+ folder (``articles.jsonl`` and ``gold.json``)."""
    gold_path, articles_path = folder / "gold.json", folder / "articles.jsonl"
    for path in (gold_path, articles_path):
        if not path.is_file():
            raise InputError(str(path), "ECB+ file not found")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    wanted = {str(t) for t in topics}
    docs: list[GoldDoc] = []
    with articles_path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            info = gold.get(row["id"])
            if info is None or info["topic"] not in wanted:
                continue
            article = Article(id=row["id"], text=row["text"], url=row.get("url"), outlet=row.get("outlet"))
            sentences = tuple(
                GoldSentence(s["start"], s["end"], bool(s["annotated"]), frozenset(s["chains"]))
                for s in info["sentences"]
            )
            docs.append(GoldDoc(article, info["subtopic"], sentences))
    docs.sort(key=lambda d: (_topic_order(d.story), d.article.id))
    return GoldSet(f"ECB+ topics {_ranges(sorted(int(t) for t in wanted))}", tuple(docs))


def _topic_order(subtopic: str) -> tuple[int, str]:
    head, _, tail = subtopic.partition("_")
    return (int(head) if head.isdigit() else 0, tail)


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    for n in numbers:
        if parts and parts[-1].split("–")[-1] == str(n - 1):
            parts[-1] = f"{parts[-1].split('–')[0]}–{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def load_story_gold(folder: Path, names: Collection[str] | None = None) -> GoldSet:
    """The hand-labelled stories in ``folder`` (``*.json``), or only those named."""
    docs: list[GoldDoc] = []
    paths = sorted(folder.glob("*.json"))
    if names is not None:
        paths = [p for p in paths if p.stem in set(names)]
    for path in paths:
        docs.extend(_story_docs(path))
    summaries = read_summaries(folder.parent / "summaries", {p.stem for p in paths})
    return GoldSet(f"story gold ({len(paths)} stories)", tuple(docs), fully_labelled=True, summaries=summaries)


def read_summaries(folder: Path, stories: Collection[str]) -> dict[str, str]:
    """The reference summaries in ``folder`` (``SLUG.json`` with ``story`` and ``summary``) of ``stories``."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        if path.stem not in stories:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            story, summary = data["story"], data["summary"]
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(path), f"not a reference summary file: {exc}") from exc
        if story != path.stem or not isinstance(summary, str) or not summary.strip():
            raise InputError(str(path), "not a reference summary file: its story must be its name, its summary text")
        out[story] = summary
    return out


def gold_split(folder: Path) -> tuple[list[str], list[str]]:
    """The story gold's (fit, held-back) story names, from ``split.json`` beside ``folder``.

    Fitted models may learn from the fit stories only; the held-back stories are
    scored once with what was fitted.
    """
    held = set(read_split(folder)["held_back"])
    return split_names(folder, lambda name: name not in held)


def read_split(folder: Path) -> dict[str, Any]:
    """``split.json`` beside a gold folder: which stories are held back from fitting."""
    data: dict[str, Any] = json.loads((folder.parent / "split.json").read_text(encoding="utf-8"))
    return data


def split_names(folder: Path, fit: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """The folder's story names (``*.json`` stems, sorted) as (fit, held back) by ``fit``."""
    names = sorted(p.stem for p in folder.glob("*.json"))
    return [n for n in names if fit(n)], [n for n in names if not fit(n)]


def _story_docs(path: Path) -> list[GoldDoc]:
    try:
        return story_docs(json.loads(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(str(path), f"not a gold story file: {exc}") from exc


def sentence_keys(story: Mapping[str, Any], docs: Sequence[GoldDoc]) -> dict[str, SentenceKey]:
    """A gold story file's sentence keys ('B7': article B's seventh sentence) to the sentences of its
    ``docs`` (:func:`story_docs` of it)."""
    return {
        f"{art['key']}{n}": (doc.article.id, n - 1)
        for art, doc in zip(story["articles"], docs, strict=True)
        for n in range(1, len(doc.sentences) + 1)
    }


def story_docs(story: Mapping[str, Any]) -> list[GoldDoc]:
    """A gold story file's articles as read, each with its keyed sentences and their claim groups (if any)."""
    groups: dict[str, set[str]] = {}
    for n, claim in enumerate(story.get("claims", ())):
        for key in claim["members"]:
            groups.setdefault(key, set()).add(f"{story['story']}#{n}")
    opinion = set(story.get("opinion", ()))
    docs = []
    for art in story["articles"]:
        article = article_from(art)
        sentences = tuple(
            GoldSentence(
                start,
                end,
                True,
                frozenset(groups.get(f"{art['key']}{n}", ())),
                f"{art['key']}{n}" in opinion,
            )
            for n, (start, end) in enumerate(art["sentences"], 1)
        )
        docs.append(GoldDoc(article, story["story"], sentences))
    return docs
