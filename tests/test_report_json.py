"""The JSON report honours the contract: schema-valid, every span exact."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from newsprism.genre import genre_model
from newsprism.report.json import SCHEMA_ID, dumps, report_to_dict

from .conftest import SCHEMA


@pytest.fixture(scope="module")
def seed_json(seed_report) -> dict[str, Any]:
    # Round-trip through text so we validate exactly what the CLI writes.
    return json.loads(dumps(seed_report))


def iter_spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every object shaped like a span, wherever it sits in the report."""
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from iter_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_spans(value)


def test_seed_report_validates_against_the_contract(seed_json: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(seed_json)
    assert seed_json["schema"] == SCHEMA_ID
    assert len(seed_json["articles"]) == 5


def test_every_span_points_at_its_text(seed_json: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_json["articles"]}
    spans = list(iter_spans(seed_json["stories"]))
    assert spans, "the seed report carries no spans at all"
    for span in spans:
        assert span["article"] in texts, span
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"], span


def test_article_fields_are_real(seed_json: dict[str, Any]) -> None:
    for article in seed_json["articles"]:
        assert article["id"] and article["text"].strip()
        assert article["language"] == "en"
        assert article["source_path"].endswith(article["id"] + ".txt")
        assert all(r["reason"] and r["text"] for r in article["removed"])


def test_report_to_dict_keeps_errors(seed_report) -> None:
    from dataclasses import replace

    from newsprism.model import InputFailure

    report = replace(seed_report, errors=(InputFailure("broken.html", "no article text found"),))
    data = report_to_dict(report)
    assert data["errors"] == [{"input": "broken.html", "error": "no article text found"}]


def test_each_worded_brief_sentence_carries_its_span(seed_json: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_json["articles"]}
    (story,) = seed_json["stories"]
    worded = [b for b in story["brief"] if b["section"] != "disputed"]
    assert worded
    for b in worded:
        span = b["span"]
        assert span["article"] in b["articles"]
        assert b["text"].endswith(" ".join(texts[span["article"]][span["start"] : span["end"]].split()))


def test_own_schema_is_the_contract_plus_described_additions(seed_json: dict[str, Any]) -> None:
    from newsprism.report.json import own_schema

    contract = json.loads(SCHEMA.read_text(encoding="utf-8"))
    own = own_schema()
    jsonschema.Draft202012Validator(own).validate(seed_json)
    claim = own["$defs"]["story"]["properties"]["claims"]["items"]
    assert {"restated", "stance", "off_topic", "coverage"} <= claim["properties"].keys()
    disagreement = own["$defs"]["story"]["properties"]["disagreements"]["items"]
    assert {"spans", "sides"} <= disagreement["properties"].keys()
    # the contract's requirements are all kept: strip the added fields and the two schemas agree
    trimmed = json.loads(json.dumps(own))
    for key in ("restated", "stance", "off_topic", "coverage"):
        del trimmed["$defs"]["story"]["properties"]["claims"]["items"]["properties"][key]
    for key in ("spans", "sides"):
        del trimmed["$defs"]["story"]["properties"]["disagreements"]["items"]["properties"][key]
    assert "genre" in own["$defs"]["article"]["properties"]
    for key in ("genre", "lean"):
        del trimmed["$defs"]["article"]["properties"][key]
    del trimmed["$defs"]["story"]["properties"]["lean"]
    del trimmed["properties"]["outlets"]
    for key in ("section", "span"):
        del trimmed["$defs"]["story"]["properties"]["brief"]["items"]["properties"][key]
    for key in ("note", "spans", "counts", "loaded"):
        del trimmed["$defs"]["story"]["properties"]["framing"]["items"]["properties"][key]
    for key in ("$id", "description"):
        trimmed[key] = contract.get(key)
    assert trimmed == {k: v for k, v in contract.items()} | {k: contract.get(k) for k in ("$id", "description")}


@pytest.mark.slow
def test_every_seed_article_carries_its_genre_and_why(seed_json: dict[str, Any]) -> None:
    for article in seed_json["articles"]:
        genre = article["genre"]
        assert genre["label"] == "news", article["id"]
        assert "sentences reporting a source" in genre["reason"] and 0 <= genre["probability"] < genre_model().threshold
