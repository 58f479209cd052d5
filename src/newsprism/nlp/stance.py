"""The stance of an article toward what a sentence says, from the frame the NLP pass read.

A sentence **states** what it says in the outlet's own voice, **reports** a
source saying it ('X said that ...', 'according to X', a quote with its
speaker), or reports a source **denying** it ('X denied that ...', 'Y
rejected the report'). The reporting verb's category comes from the
reporting-verb lexicon (``data/reporting_verbs.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import reporting_verbs
from ..model import Quote, Sentence, Stance

__all__ = ["sentence_stance"]


def sentence_stance(sentence: Sentence, quotes: Sequence[Quote] = ()) -> Stance:
    """How the article gives ``sentence``: ``denies`` under a verb of denial; ``reports`` under another
    reporting verb or a verb of saying without a clause ('demanded an inquiry'), hedged ('reportedly'),
    inside a quote (at least half the sentence: someone's words, named or not), or signing a quote with its
    speaker's name after it and no verb ('Not fair! — Donald J. Trump (@realDonaldTrump) ...', an embedded
    post's signature); else ``states``."""
    if sentence.report_verb is not None and reporting_verbs().get(sentence.report_verb) == "denial":
        return "denies"
    if sentence.report_verb is not None or sentence.content is not None or sentence.hedged or sentence.speech_act:
        return "reports"
    span = sentence.span
    for quote in quotes:
        overlap = min(span.end, quote.span.end) - max(span.start, quote.span.start)
        if overlap <= 0:
            continue
        if 2 * overlap >= span.end - span.start:
            return "reports"
        named = quote.speaker_span
        if quote.verb is None and named is not None and quote.span.end <= named.start and named.end <= span.end:
            return "reports"  # a post's signature (a quote given with a verb is not signed: 'dubbed “...” by X')
    return "states"
