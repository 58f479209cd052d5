"""The JSON report: the contract in ``shared/contract/report.schema.json``.

Required fields are written exactly as the schema names them; extra fields
(stance, spans of disagreements, quote-variant pairs, ...) are additions the
schema allows. ``report.schema.json`` beside this module is newsprism's own
schema: the contract with the added fields described (:func:`own_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from ..listing import StorySummary
from ..model import (
    Article,
    BriefSentence,
    Claim,
    Disagreement,
    Entity,
    FramingItem,
    LeanCoverage,
    QuoteVariantPair,
    Report,
    Span,
    Story,
    StoryQuote,
    TimelineEntry,
)

__all__ = ["SCHEMA_ID", "dumps", "lean_dict", "own_schema", "report_to_dict", "summary_dict"]

SCHEMA_ID = "newsprism/report@1"


def span_dict(span: Span) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def _spans(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [span_dict(s) for s in spans]


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "removed": [
            {"text": r.text, "reason": r.reason, **({"detail": r.detail} if r.detail else {})} for r in article.removed
        ],
        "duplicate_of": article.duplicate_of,
        "cites": list(article.cites),
        "genre": (
            {
                "label": article.genre.label,
                "reason": article.genre.reason,
                "probability": round(article.genre.probability, 3),
            }
            if article.genre is not None
            else None
        ),
        "lean": article.lean,
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "mentions": _spans(e.mentions)}


def _quote(q: StoryQuote) -> dict[str, Any]:
    return {
        "id": q.id,
        "span": span_dict(q.span),
        "speaker": q.speaker,
        "speaker_entity": q.speaker_entity,
        "verb": q.verb,
        "variant_group": q.variant_group,
    }


def _variant_pair(p: QuoteVariantPair) -> dict[str, Any]:
    return {"group": p.group, "a": p.a, "b": p.b, "relation": p.relation, "diff": [list(d) for d in p.diff]}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "support": _spans(c.support),
        "stance": dict(c.stance),
        "off_topic": c.off_topic,
        "restated": _spans(c.restated),
        "coverage": [{"kind": m.kind, "span": span_dict(m.span), "source": m.source} for m in c.coverage],
    }


def _disagreement(d: Disagreement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": d.kind,
        "claims": list(d.claims),
        "explanation": d.explanation,
        "spans": _spans(d.spans),
    }
    if d.sides:
        out["sides"] = [
            {"value": side.value, "articles": list(side.articles), "spans": _spans(side.spans)} for side in d.sides
        ]
    return out


def _framing(f: FramingItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "referent": f.referent,
        "kind": f.kind,
        "variants": {k: list(v) for k, v in f.variants.items()},
    }
    if f.note:
        out["note"] = f.note
    if f.spans:
        out["spans"] = _spans(f.spans)
    if f.counts:
        out["counts"] = {article: dict(words) for article, words in f.counts.items()}
    if f.loaded:
        out["loaded"] = sorted(f.loaded)
    return out


def _timeline(t: TimelineEntry) -> dict[str, Any]:
    return {"date": t.date, "text": t.text, "support": _spans(t.support)}


def _brief(b: BriefSentence) -> dict[str, Any]:
    out: dict[str, Any] = {"text": b.text, "claims": list(b.claims), "articles": list(b.articles), "section": b.section}
    if b.span is not None:
        out["span"] = span_dict(b.span)
    return out


def story_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "entities": [_entity(e) for e in story.entities],
        "quotes": [_quote(q) for q in story.quotes],
        "quote_variants": [_variant_pair(p) for p in story.quote_variants],
        "claims": [_claim(c) for c in story.claims],
        "disagreements": [_disagreement(d) for d in story.disagreements],
        "framing": [_framing(f) for f in story.framing],
        "timeline": [_timeline(t) for t in story.timeline],
        "brief": [_brief(b) for b in story.brief],
        "lean": lean_dict(story.lean),
    }


def lean_dict(lean: LeanCoverage | None) -> dict[str, Any] | None:
    """A story's coverage by lean as the JSON gives it (`None`: no lean known)."""
    if lean is None:
        return None
    return {
        "left": lean.left,
        "center": lean.center,
        "right": lean.right,
        "unknown": lean.unknown,
        "blindspot_for": lean.blindspot_for,
    }


def summary_dict(s: StorySummary) -> dict[str, Any]:
    """A story's summary (:class:`~newsprism.listing.StorySummary`) as a story list's JSON gives it."""
    return {
        "id": s.id,
        "title": s.title,
        "articles": s.articles,
        "outlets": s.outlets,
        "claims": s.claims,
        "disagreements": s.disagreements,
        "first_day": s.first_day,
        "last_day": s.last_day,
        "news": s.news,
        "opinion": s.opinion,
        "outlet_names": [name for _, name in s.voices],
        "lean": lean_dict(s.lean),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, valid against the contract."""
    out: dict[str, Any] = {"schema": SCHEMA_ID}
    if report.generated_at:
        out["generated_at"] = report.generated_at
    out["errors"] = [{"input": e.input, "error": e.error} for e in report.errors]
    out["articles"] = [article_dict(a) for a in report.articles]
    out["stories"] = [story_dict(s) for s in report.stories]
    if report.outlets:
        out["outlets"] = [
            {"name": o.name, "lean": o.lean, "country": o.country, "owner": o.owner} for o in report.outlets
        ]
    return out


def dumps(report: Report | Mapping[str, Any], *, indent: int | None = 2) -> str:
    """Serialise a report (or its dict) as JSON text."""
    data = report_to_dict(report) if isinstance(report, Report) else report
    return json.dumps(data, ensure_ascii=False, indent=indent)


def own_schema() -> dict[str, Any]:
    """newsprism's own JSON schema: a superset of the contract that also describes the fields newsprism adds."""
    text = resources.files("newsprism.report").joinpath("report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
