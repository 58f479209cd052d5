"""Language identification with py3langid (a naive Bayes model over byte n-grams).

The detector is restricted to the languages that have an ISO 639-1 code, so
the answer is always a two-letter code, or ``und`` when the text is too short
or the model is not confident. The model loads once per process, on first use.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
MIN_LETTERS = 20
"""Texts with fewer letters than this get ``und``: n-gram statistics on a word or two are noise."""
MIN_CONFIDENCE = 0.5
"""Below this normalised probability the answer is ``und``."""
SAMPLE_CHARS = 600
"""Only the start of long texts is classified: the answer settles long before, and cost grows with length."""

_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> LanguageIdentifier:
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    # Restricting the languages leaves a strided float16 view; one contiguous float32 copy (~46 MB)
    # makes each classification twice as fast (numpy has no fast float16 matrix product).
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or len(code) != 2:
        return UNDETERMINED
    return str(code)
