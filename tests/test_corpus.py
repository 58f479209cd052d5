"""A corpus analysed as it grows gives the stories and claims of a full run, doing only the new work."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.corpus import analyze_corpus, annotator_key, settings_key, stable_ids
from newsprism.ingest import read_inputs
from newsprism.model import Article, Report
from newsprism.pipeline import analyze
from newsprism.progress import Progress
from newsprism.store import SQLiteStore

from .conftest import EXAMPLES

MULTISTORY = Path(__file__).parent / "fixtures" / "multistory"
#: Added on the second day: one more outlet on a story already kept, and a reprint of a kept article.
LATE = ("transfer_terrace_post.txt", "earnings_valley_courier_reprint.txt")


class Counted(Progress):
    """Records how many items each stage was given."""

    def __init__(self) -> None:
        self.totals: dict[str, int | None] = {}

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self.totals[stage] = total


def _split(tmp_path: Path) -> tuple[Path, Path]:
    """The multi-story fixtures in two folders, each with the sidecar rows of its files."""
    rows = (MULTISTORY / "meta.csv").read_text(encoding="utf-8").splitlines()
    early, late = tmp_path / "early", tmp_path / "late"
    for folder, keep in ((early, lambda n: n not in LATE), (late, lambda n: n in LATE)):
        folder.mkdir()
        names = [p.name for p in sorted(MULTISTORY.glob("*.txt")) if keep(p.name)]
        for name in names:
            shutil.copy(MULTISTORY / name, folder / name)
        lines = [rows[0], *(r for r in rows[1:] if r.split(",")[0] in names)]
        (folder / "meta.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return early, late


def _ingest(store: SQLiteStore, *paths: Path, settings) -> None:
    from newsprism.clean import clean_article

    items = [a for a in read_inputs(list(paths), settings=settings) if isinstance(a, Article)]
    store.add_articles(clean_article(a, settings=settings) for a in items)


def _members(report: Report) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in report.stories)


def _claims(report: Report) -> list[list[tuple[str, int, int]]]:
    return sorted([(s.article, s.start, s.end) for s in c.support] for st in report.stories for c in st.claims)


@pytest.mark.slow
def test_a_growing_corpus_matches_a_full_run_and_redoes_only_what_changed(tmp_path: Path, models, settings) -> None:
    early, late = _split(tmp_path)
    with SQLiteStore(tmp_path / "corpus.db") as store:
        _ingest(store, EXAMPLES, early, settings=settings)
        first_count = Counted()
        first = analyze_corpus(store, settings=settings, models=models, progress=first_count)
        assert first_count.totals["annotate"] == store.count(), "the first run annotates every article"

        _ingest(store, late, settings=settings)
        second_count = Counted()
        second = analyze_corpus(store, settings=settings, models=models, progress=second_count)
        assert second_count.totals["annotate"] == len(LATE), "only the new articles are annotated"
        changed = [s for s in second.stories if s not in first.stories]
        assert second_count.totals["compare"] == len(changed) < len(second.stories), "only changed stories compared"
        late_ids = {Path(name).stem for name in LATE}
        assert all(set(s.article_ids) & late_ids for s in changed), "a story without new articles is kept as it was"

        full = analyze([EXAMPLES, early, late], settings=settings, models=models, on_error=None)
        assert _members(second) == _members(full), "the stories of a full run"
        assert _claims(second) == _claims(full), "the claims of a full run"
        assert {a.id: (a.duplicate_of, a.genre.label if a.genre else None) for a in second.articles} == {
            a.id: (a.duplicate_of, a.genre.label if a.genre else None) for a in full.articles
        }, "the articles of a full run: reprints found over the whole corpus"
        assert any(a.duplicate_of for a in second.articles), "the late reprint is marked"

        first_ids = {frozenset(s.article_ids): s.id for s in first.stories}
        for story in second.stories:
            kept = [story_id for members, story_id in first_ids.items() if members <= set(story.article_ids)]
            if kept:
                assert story.id == kept[0], "a story keeps its id as it grows"
        assert len({s.id for s in second.stories}) == len(second.stories)

        third_count = Counted()
        third = analyze_corpus(store, settings=settings, models=models, progress=third_count)
        assert (third_count.totals["annotate"], third_count.totals["compare"]) == (0, 0), "nothing new, nothing redone"
        assert third.stories == second.stories
        assert store.stories() == list(second.stories), "the corpus keeps the last analysis"

        stricter = replace(settings, claim_threshold=settings.claim_threshold + 0.05)
        fourth_count = Counted()
        analyze_corpus(store, settings=stricter, models=models, progress=fourth_count)
        assert fourth_count.totals["annotate"] == 0, "the annotations still hold"
        assert fourth_count.totals["compare"] == len(second.stories), "new settings: every story compared again"


def test_annotations_are_kept_under_the_pass_that_made_them(tmp_path: Path, settings, models) -> None:
    key = annotator_key(settings, models)
    assert key == annotator_key(replace(settings, n_process=1), models)
    assert key != annotator_key(replace(settings, spacy_model="en_core_web_md"), models)
    assert models.nlp.meta["version"] in key, "the spaCy model's version is part of it"
    assert settings_key(settings) == settings_key(replace(settings, n_process=3)), "speed settings change nothing"
    assert settings_key(settings) != settings_key(replace(settings, claim_threshold=0.7))


def test_stable_ids_follow_the_kept_story_sharing_the_most_articles() -> None:
    kept = {"s1": frozenset("abc"), "s2": frozenset("de"), "s7": frozenset("f")}
    # s1 grew, s2 and s7 merged (the merged story shares more with s2), and a new story began
    groups = [("a", "b", "c", "x"), ("d", "e", "f"), ("y", "z")]
    assert stable_ids(groups, kept) == ["s1", "s2", "s8"]
    # a split: the larger part keeps the id, the other part is new
    assert stable_ids([("a",), ("b", "c")], {"s1": frozenset("abc")}) == ["s2", "s1"]
    assert stable_ids([("a",), ("b",)], {}) == ["s1", "s2"], "a first run numbers stories in order"
    # s9 was merged away in an earlier run: its number is not given to another story
    assert stable_ids([("a", "b", "c"), ("q",)], {"s1": frozenset("abc")}, issued=9) == ["s1", "s10"]


def test_sentence_vectors_are_kept_so_a_later_run_embeds_only_new_articles(tmp_path: Path, models, settings) -> None:
    from newsprism.corpus import encoder_key

    early, late = _split(tmp_path)
    encoded: list[str] = []
    plain = models._encode

    def counting(texts):
        encoded.extend(texts)
        return plain(texts)

    models._encode = counting
    try:
        with SQLiteStore(tmp_path / "corpus.db") as store:
            _ingest(store, EXAMPLES, early, settings=settings)
            analyze_corpus(store, settings=settings, models=models)
            first = len(encoded)
            kept = store.vectors(encoder_key(settings))
            assert len(kept) == len(set(encoded)) > store.count(), "the leads and the compared sentences are kept"
            assert all(v.shape == (384,) and abs(float(v @ v) - 1) < 1e-3 for v in kept.values())
            encoded.clear()
            analyze_corpus(store, settings=settings, models=models)
            assert encoded == [], "a run with nothing new embeds nothing"
            _ingest(store, late, settings=settings)
            report = analyze_corpus(store, settings=settings, models=models)
            new = {Path(name).stem for name in LATE}
            sentences = sum(len(report.annotations[i].sentences) for i in new if i in report.annotations)
            assert 0 < len(encoded) <= sentences + len(new) < first, "only the new articles' sentences and leads"
            assert not set(encoded) & set(kept), "nothing kept is embedded again"
    finally:
        del models._encode


@pytest.mark.slow
def test_comparison_workers_hand_back_the_vectors_they_make(tmp_path: Path) -> None:
    """The CLI in fresh processes (no encoder loaded yet), so the stories are compared in two forked workers."""
    import json
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "corpus.db"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    cli("ingest", str(MULTISTORY), "--db", str(db))
    first = json.loads(cli("analyze", "--db", str(db), "--n-process", "2", "--format", "json").stdout)
    with sqlite3.connect(db) as con:
        kept = con.execute("SELECT count(*) FROM vectors").fetchone()[0]
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert kept > 3 * articles, "the sentences the workers embedded are kept, not only the leads"
    again = json.loads(cli("analyze", "--db", str(db), "--n-process", "2", "--format", "json").stdout)
    assert again["stories"] == first["stories"]
