"""Our pipeline changes: sentence hints before the parser, the fast attribute ruler."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsprism.nlp.models import ATTRIBUTE_RULER, Models, bf16_native
from newsprism.nlp.sentences import COMPONENT


def test_pipeline_order(models: Models) -> None:
    names = models.nlp.pipe_names
    assert names.index("tagger") < names.index(COMPONENT) < names.index("parser")
    assert names.index("parser") < names.index(ATTRIBUTE_RULER) < names.index("lemmatizer")
    assert "attribute_ruler" not in names and "attribute_ruler" in models.nlp.disabled


def test_fast_attribute_ruler_matches_the_stock_one(models: Models, seed_articles: list) -> None:
    nlp = models.nlp
    texts = [a.text for a in seed_articles] + ["I ain't gonna lie: there's nothin' he doin' about it, y'all."]

    def attributes() -> list[tuple[str, str, str, str, str]]:
        return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_) for doc in nlp.pipe(texts) for t in doc]

    ours = attributes()
    nlp.disable_pipe(ATTRIBUTE_RULER)
    nlp.enable_pipe("attribute_ruler")
    try:
        stock = attributes()
    finally:
        nlp.disable_pipe("attribute_ruler")
        nlp.enable_pipe(ATTRIBUTE_RULER)
    assert len(ours) > 3000
    assert ours == stock
    assert nlp.pipe_names.index(ATTRIBUTE_RULER) == nlp.pipe_names.index("parser") + 1


def test_fast_lemmatizer_matches_the_stock_one(models: Models, seed_articles: list) -> None:
    from newsprism.nlp.models import STOCK_LEMMATIZER

    nlp = models.nlp
    texts = [a.text for a in seed_articles] + ["She was running late; the mice were caught and geese flew by."]

    def lemmas() -> list[tuple[str, str]]:
        return [(t.text, t.lemma_) for doc in nlp.pipe(texts) for t in doc]

    ours = lemmas()
    nlp.disable_pipe("lemmatizer")
    nlp.enable_pipe(STOCK_LEMMATIZER)
    try:
        stock = lemmas()
    finally:
        nlp.disable_pipe(STOCK_LEMMATIZER)
        nlp.enable_pipe("lemmatizer")
    assert len(ours) > 3000
    assert ours == stock
    assert ("running", "run") in ours and ("caught", "catch") in ours


class _FakeEncoder:
    """Counts what it is asked to embed; each text gets a distinct unit vector."""

    dimension = 4

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        import numpy as np

        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, hash(text) % self.dimension] = 1.0
        return out


class _CountingModels(Models):
    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.fake = _FakeEncoder()

    @property
    def encoder(self):
        return self.fake


def test_a_run_embeds_each_text_once_and_prefetches_in_one_call(settings) -> None:
    models = _CountingModels(settings)
    with models.run_vectors():
        models.prefetch(["a", "b", "a"])
        first = models.embed(["b", "a"])
        again = models.embed(["a", "c"])
    assert models.fake.calls == [["a", "b"], ["c"]]  # 'a' and 'b' once, in one call; 'c' when first asked
    assert (first[1] == again[0]).all()
    models.embed(["a"])  # outside a run nothing is kept
    assert models.fake.calls[-1] == ["a"]
    models.prefetch(["z"])  # and prefetching does nothing
    assert models.fake.calls[-1] == ["a"]


@pytest.mark.slow
@pytest.mark.parametrize("native", [True, False], ids=["native bf16", "emulated bf16"])
def test_the_encoder_runs_fp32_unless_asked_and_warns_where_bf16_is_emulated(
    models: Models, settings, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    """fp32 by default; bf16 autocast when asked, with a warning where the CPU would emulate it (~7x slower)."""
    from newsprism.nlp import models as model_module

    assert isinstance(bf16_native(), bool)
    assert settings.embedding_bf16 is False and models.encoder.bf16 is False
    vectors = models.encoder.encode(["The storm cut power to 40,000 homes.", "Officials said the dam held."])
    assert vectors.shape == (2, models.encoder.dimension)
    assert abs(float((vectors * vectors).sum(axis=1).min()) - 1) < 1e-3
    monkeypatch.setattr(model_module, "bf16_native", lambda: native)
    asked = Models(replace(settings, embedding_bf16=True))
    if native:
        assert asked.encoder.bf16 is True  # no warning: pytest turns any warning into an error here
    else:
        with pytest.warns(RuntimeWarning, match="no native bfloat16"):
            assert asked.encoder.bf16 is True
