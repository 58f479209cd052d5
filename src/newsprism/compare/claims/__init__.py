"""Claim alignment: which sentences of which outlets state the same fact, and where they disagree.

The package holds the steps of :func:`compare_claims`, each in its module:

- :mod:`.units` — the story's claim-bearing sentences (:class:`~.units.Unit`),
  with their words, entities, quantities, dates, polarity and attribution;
- :mod:`.candidates` — generous candidate pairs: lexical partners and
  embedding neighbours, capped per sentence;
- :mod:`.scores` — the hand-tuned pair score and the story-level salience
  of terms; :mod:`.fitted` — the fitted pair model
  (``data/claim_pairs.json``) and its features;
- :mod:`.align` — planning, scoring, clustering into claims (one sentence
  per article, restatements beside), ordering;
- :mod:`.conflicts` and :mod:`.denials` — what keeps two sentences apart
  (a figure, a day, a negation, a speaker, a denial) and the disagreements
  that result;
- :mod:`.off_topic` — passages the rest of the story hardly writes about.
"""

from __future__ import annotations

from .align import ClaimPlan, compare_claims, finish_claims, outlet_keys, plan_claims

__all__ = ["ClaimPlan", "compare_claims", "finish_claims", "outlet_keys", "plan_claims"]
