"""A JSON report read back into the model, so that it can be rendered again without re-analysis.

:func:`report_from_dict` is the inverse of :func:`.json.report_to_dict`: every
field the JSON carries comes back as the record it was written from. The
per-sentence annotations of the NLP pass are not in the JSON; no renderer
reads them. :func:`load_report` reads a file and turns anything that is not
such a report into an :class:`~newsprism.errors.InputError` naming the file
and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import (
    LEANS,
    Article,
    BriefSentence,
    Claim,
    Coverage,
    Disagreement,
    DisputeSide,
    Entity,
    FramingItem,
    Genre,
    InputFailure,
    Lean,
    LeanCoverage,
    Outlet,
    QuoteVariantPair,
    Removal,
    Report,
    Span,
    Story,
    StoryQuote,
    TimelineEntry,
)
from .json import SCHEMA_ID

__all__ = ["article_from_dict", "load_report", "report_from_dict", "story_from_dict"]


def _str(d: Mapping[str, Any], key: str) -> str:
    value = d[key]
    if not isinstance(value, str):
        raise ValueError(f"{key!r} is {type(value).__name__}, not a string")
    return value


def _opt_str(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key!r} is {type(value).__name__}, not a string")
    return value


def _strs(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = d.get(key) or ()
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key!r} is not a list of strings")
    return tuple(values)


def _span(d: Mapping[str, Any]) -> Span:
    start, end = d["start"], d["end"]
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValueError(f"a span's start and end are {type(start).__name__} and {type(end).__name__}, not integers")
    return Span(_str(d, "article"), start, end, _str(d, "text"))


def _spans(items: Sequence[Mapping[str, Any]] | None) -> tuple[Span, ...]:
    return tuple(_span(d) for d in items or ())


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """An article as :func:`.json.article_dict` wrote it."""
    genre = d.get("genre")
    return Article(
        id=_str(d, "id"),
        text=_str(d, "text"),
        title=_opt_str(d, "title"),
        url=_opt_str(d, "url"),
        outlet=_opt_str(d, "outlet"),
        published=_opt_str(d, "published"),
        language=_opt_str(d, "language") or "und",
        source_path=_opt_str(d, "source_path"),
        removed=tuple(Removal(_str(r, "text"), _str(r, "reason"), _opt_str(r, "detail")) for r in d.get("removed") or ()),
        duplicate_of=_opt_str(d, "duplicate_of"),
        cites=_strs(d, "cites"),
        genre=Genre(genre["label"], genre["reason"], float(genre.get("probability", 0.0))) if genre else None,
        lean=_lean(d.get("lean")),
    )


def _claim(d: Mapping[str, Any]) -> Claim:
    return Claim(
        id=_str(d, "id"),
        text=_str(d, "text"),
        support=_spans(d["support"]),
        stance=dict(d.get("stance") or {}),
        off_topic=bool(d.get("off_topic", False)),
        restated=_spans(d.get("restated")),
        coverage=tuple(Coverage(c["kind"], _span(c["span"]), c.get("source")) for c in d.get("coverage") or ()),
    )


def _disagreement(d: Mapping[str, Any]) -> Disagreement:
    sides = tuple(DisputeSide(s["value"], tuple(s["articles"]), _spans(s["spans"])) for s in d.get("sides") or ())
    return Disagreement(_str(d, "kind"), _strs(d, "claims"), _str(d, "explanation"), _spans(d.get("spans")), sides)


def _framing(d: Mapping[str, Any]) -> FramingItem:
    return FramingItem(
        referent=d["referent"],
        kind=d.get("kind") or "",
        variants={k: tuple(v) for k, v in d["variants"].items()},
        note=d.get("note"),
        spans=_spans(d.get("spans")),
        counts={a: {w: int(n) for w, n in words.items()} for a, words in (d.get("counts") or {}).items()},
        loaded=frozenset(d.get("loaded") or ()),
    )


def _brief(d: Mapping[str, Any]) -> BriefSentence:
    span = d.get("span")
    return BriefSentence(
        _str(d, "text"), _strs(d, "claims"), _strs(d, "articles"), _opt_str(d, "section") or "brief", _span(span) if span else None
    )


def story_from_dict(d: Mapping[str, Any]) -> Story:
    """A story as :func:`.json.story_dict` wrote it."""
    return Story(
        id=_str(d, "id"),
        title=_str(d, "title"),
        article_ids=_strs(d, "article_ids"),
        entities=tuple(
            Entity(e["id"], e["name"], e["type"], tuple(e["aliases"]), _spans(e["mentions"])) for e in d["entities"]
        ),
        quotes=tuple(
            StoryQuote(
                q["id"], _span(q["span"]), q.get("speaker"), q.get("speaker_entity"), q.get("verb"), q.get("variant_group")
            )
            for q in d.get("quotes") or ()
        ),
        quote_variants=tuple(
            QuoteVariantPair(p["group"], p["a"], p["b"], p["relation"], tuple((op, words) for op, words in p["diff"]))
            for p in d.get("quote_variants") or ()
        ),
        claims=tuple(_claim(c) for c in d["claims"]),
        disagreements=tuple(_disagreement(x) for x in d["disagreements"]),
        framing=tuple(_framing(f) for f in d.get("framing") or ()),
        timeline=tuple(TimelineEntry(t["date"], t["text"], _spans(t["support"])) for t in d.get("timeline") or ()),
        brief=tuple(_brief(b) for b in d.get("brief") or ()),
        lean=_lean_coverage(d.get("lean")),
    )


def _lean(value: Any) -> Lean | None:
    if value is None:
        return None
    for lean in LEANS:
        if value == lean:
            return lean
    raise ValueError(f"{value!r} is not a lean (left, center or right)")


def _lean_coverage(d: Mapping[str, Any] | None) -> LeanCoverage | None:
    if d is None:
        return None
    counts = {key: d[key] for key in ("left", "center", "right", "unknown")}
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts.values()):
        raise ValueError(f"a story's lean counts are not counts: {counts}")
    side = d.get("blindspot_for")
    if side not in (None, "left", "right"):
        raise ValueError(f"a story's blindspot_for is {side!r}, not left, right or null")
    return LeanCoverage(**counts, blindspot_for=side)


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """The report a JSON report (as parsed data) was written from. Raises ``KeyError``, ``TypeError`` or
    ``ValueError`` on data that is not a newsprism report; :func:`load_report` words them for a reader."""
    if not isinstance(data, Mapping) or "articles" not in data or "stories" not in data:
        raise ValueError("it has no 'articles' and 'stories'")
    if data.get("schema") != SCHEMA_ID:
        raise ValueError(f"written for schema {data.get('schema')!r}; this newsprism reads {SCHEMA_ID!r}")
    report = Report(
        articles=tuple(article_from_dict(a) for a in data["articles"]),
        stories=tuple(story_from_dict(s) for s in data["stories"]),
        errors=tuple(InputFailure(_str(e, "input"), _str(e, "error")) for e in data.get("errors") or ()),
        generated_at=_opt_str(data, "generated_at"),
        outlets=tuple(
            Outlet(_str(o, "name"), _lean(o.get("lean")), _opt_str(o, "country"), _opt_str(o, "owner"))
            for o in data.get("outlets") or ()
        ),
    )
    _check_spans(report)
    return report


def _check_spans(report: Report) -> None:
    """Every span names a reported article and holds that article's text at its offsets."""
    texts = {a.id: a.text for a in report.articles}
    for story in report.stories:
        spans = [
            *(s for c in story.claims for s in (*c.support, *c.restated, *(m.span for m in c.coverage))),
            *(s for d in story.disagreements for s in (*d.spans, *(x for side in d.sides for x in side.spans))),
            *(s for f in story.framing for s in f.spans),
            *(q.span for q in story.quotes),
            *(s for e in story.entities for s in e.mentions),
            *(s for t in story.timeline for s in t.support),
            *(b.span for b in story.brief if b.span is not None),
        ]
        for span in spans:
            text = texts.get(span.article)
            if text is None or not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != span.text:
                raise ValueError(f"story {story.id}: the span {span.start}:{span.end} of {span.article!r} is not in its text")


def load_report(path: str | Path) -> Report:
    """Read a JSON report written by ``newsprism analyze --format json``."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(name, f"cannot read it: {exc.strerror or type(exc).__name__}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(name, f"not JSON: {exc}") from exc
    try:
        return report_from_dict(data)
    except KeyError as exc:
        raise InputError(name, f"not a newsprism report: a record lacks the field {exc.args[0]!r}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(name, f"not a newsprism report: {exc}") from exc
