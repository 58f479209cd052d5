"""The hand-labelled story gold: every file well formed, and enough of it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "gold"
STORY_FILES = sorted((GOLD / "stories").glob("*.json"))
WINDOW_FILES = sorted((GOLD / "story_groups").glob("*.json"))
DISPUTE_FILES = sorted((GOLD / "disputes").glob("*.json"))
STANCE_FILES = sorted((GOLD / "stances").glob("*.json"))
WHY = {"same-value", "approximation", "part-total", "different-things", "different-times", "different-events"}
NOISE = ("ADVERTISEMENT", "Sign up", "Copyright", "Click here")


def _labelled(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", STORY_FILES, ids=[p.stem for p in STORY_FILES])
def test_story_file_is_well_formed(path: Path) -> None:
    story = _labelled(path)
    assert story["story"] == path.stem
    articles = {a["key"]: a for a in story["articles"]}
    assert len({a["outlet"] for a in articles.values()}) >= 3, "a gold story needs three or more outlets"
    for art in articles.values():
        bounds = art["sentences"]
        assert bounds, f"{art['key']} has no sentences"
        for (s1, e1), (s2, _) in zip(bounds, bounds[1:], strict=False):
            assert 0 <= s1 < e1 <= s2, f"{art['key']}: sentence ranges must be ordered and disjoint"
        assert bounds[-1][1] <= len(art["text"])

    def sentence(key: str) -> str:
        art = articles[key[0]]
        start, end = art["sentences"][int(key[1:]) - 1]
        return art["text"][start:end]

    for n, claim in enumerate(story["claims"]):
        assert claim["fact"].strip(), f"claim {n} needs a paraphrase"
        members = claim["members"]
        assert len({m[0] for m in members}) >= 2, f"claim {n} is stated by one article only"
        for key in members:
            assert key[0] in articles and 1 <= int(key[1:]) <= len(articles[key[0]]["sentences"]), key
            assert not sentence(key).startswith(NOISE), f"claim {n}: {key} is page noise"
    member_keys = {m for c in story["claims"] for m in c["members"]}
    assert set(story.get("opinion", ())) <= member_keys, "opinion keys must be claim members"
    for i, j in story.get("conflicts", ()):
        assert 0 <= i < len(story["claims"]) and 0 <= j < len(story["claims"]) and i != j


@pytest.mark.parametrize("path", WINDOW_FILES, ids=[p.stem for p in WINDOW_FILES])
def test_story_window_is_well_formed(path: Path) -> None:
    window = _labelled(path)
    assert window["group"] == path.stem and window["topic"]
    keys = [a["key"] for a in window["articles"]]
    assert len(keys) == len(set(keys)) and len({a["id"] for a in window["articles"]}) == len(keys)
    days = sorted({a["published"] for a in window["articles"]})
    assert len(days) <= 3, "a window spans three days"
    members = [k for story in window["stories"] for k in story["members"]]
    assert sorted(members) == sorted(keys), "every article in exactly one story"
    assert all(story["event"].strip() for story in window["stories"])


@pytest.mark.parametrize("path", DISPUTE_FILES, ids=[p.stem for p in DISPUTE_FILES])
def test_dispute_file_is_well_formed(path: Path) -> None:
    story = _labelled(path)
    assert story["story"] == path.stem
    articles = {a["key"]: a for a in story["articles"]}

    def valid(key: str) -> bool:
        return key[0] in articles and 1 <= int(key[1:]) <= len(articles[key[0]]["sentences"])

    for n, dispute in enumerate(story["disputes"]):
        assert dispute["kind"] in ("numeric", "date") and dispute["what"].strip()
        sides = dispute["sides"]
        assert len(sides) >= 2, f"dispute {n} needs two sides"
        assert all(side["value"].strip() and side["members"] for side in sides)
        assert all(valid(k) for side in sides for k in side["members"]), f"dispute {n}: unknown key"
        outlets = [{articles[k[0]]["outlet"] for k in side["members"]} for side in sides]
        assert any(a - b for a in outlets for b in outlets), f"dispute {n}: its sides need different outlets"
        assert isinstance(dispute.get("evolving", False), bool)
    for n, item in enumerate(story["alike"]):
        assert item["why"] in WHY, f"alike {n}: why must be one of {sorted(WHY)}"
        assert all(valid(k) for k in item["members"]) and len({k[0] for k in item["members"]}) >= 2


@pytest.mark.parametrize("path", STANCE_FILES, ids=[p.stem for p in STANCE_FILES])
def test_stance_file_labels_every_claim_sentence_once(path: Path) -> None:
    labels = json.loads(path.read_text(encoding="utf-8"))
    story = json.loads((GOLD / "stories" / f"{labels['story']}.json").read_text(encoding="utf-8"))
    keys = {f"{a['key']}{n}" for a in story["articles"] for n in range(1, len(a["sentences"]) + 1)}
    pairs = [(item["claim"], item["member"]) for item in labels["stances"]]
    assert sorted(pairs) == sorted((n, m) for n, c in enumerate(story["claims"]) for m in c["members"])
    for item in labels["stances"]:
        assert item["stance"] in ("states", "reports", "denies")
        assert (item["source"] is None) == (item["stance"] == "states"), item
    for denial in labels["denials"]:
        assert denial["members"] and set(denial["members"]) <= keys, denial
        assert denial["claim"] is None or 0 <= denial["claim"] < len(story["claims"])
        assert denial["denier"] and denial["fact"]


def test_every_gold_story_has_its_stances() -> None:
    assert {p.stem for p in STANCE_FILES} == {p.stem for p in STORY_FILES}


def test_enough_dispute_gold() -> None:
    stories = list(map(_labelled, DISPUTE_FILES))
    assert len(stories) >= 10
    disputes = [d for s in stories for d in s["disputes"] if not d.get("evolving")]
    assert sum(1 for d in disputes if d["kind"] == "numeric") >= 10


def test_enough_story_windows() -> None:
    windows = list(map(_labelled, WINDOW_FILES))
    assert sum(len(w["articles"]) for w in windows) >= 300
    assert sum(1 for w in windows for story in w["stories"] if len(story["members"]) > 1) >= 30


def test_enough_gold() -> None:
    labelled = [s for s in map(_labelled, STORY_FILES) if s["claims"]]
    assert len(labelled) >= 10
    assert sum(len(s["articles"]) for s in labelled) >= 40


def test_worksheet_splitter_handles_scraped_text() -> None:
    sys.path.insert(0, str(GOLD))
    try:
        from worksheet import segment
    finally:
        sys.path.remove(str(GOLD))
    text = 'Mr. Flynn met Sen. Warren on Jan. 4 in the U.S. Capitol. It was brief.He left.\n"Fine," he said.'
    parts = [text[s:e] for s, e in segment(text)]
    assert parts == [
        "Mr. Flynn met Sen. Warren on Jan. 4 in the U.S. Capitol.",
        "It was brief.",
        "He left.",
        '"Fine," he said.',
    ]
    quoted = 'It cited the filing."The fact is clear," Moss said.'
    assert [quoted[s:e] for s, e in segment(quoted)] == ["It cited the filing.", '"The fact is clear," Moss said.']
