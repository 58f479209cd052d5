"""Conflicts between aligned sentences: figures, days, negation, denials, speakers.

Units are built by hand from realistic news sentences (no model needed), so
each rule is tested on its own; the end-to-end cases through
``compare_claims`` are in ``test_claims.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from newsprism.compare.claims.conflicts import (
    conflict,
    date_conflict,
    denial_target,
    numeric_conflict,
    polarity_conflict,
    speaker_conflict,
)
from newsprism.compare.claims.denials import denies
from newsprism.compare.claims.scores import Salience as _Salience
from newsprism.compare.claims.units import Unit
from newsprism.config import Settings
from newsprism.model import Article, Quantity, Sentence, Span
from newsprism.nlp import annotate
from newsprism.nlp.models import Models
from newsprism.nlp.quantities import extract_quantities

from .conftest import sentence_unit

_NLP: list[Models] = []


@pytest.fixture(autouse=True, scope="module")
def _parser(models: Models) -> None:
    """The figures come from the NLP pass, as in a run: the session's spaCy pipeline parses each sentence."""
    _NLP[:] = [models]


def quantities(text: str) -> tuple[Quantity, ...]:
    return extract_quantities(_NLP[0].nlp(text), Article(id="q", text=text))


def unit(text: str, **fields: Any) -> Unit:
    """A sentence as one claim unit, parsed by the session's pipeline (see :func:`.conftest.sentence_unit`)."""
    return sentence_unit(_NLP[0], text, **fields)


def test_different_death_tolls_conflict() -> None:
    a = unit("At least 12 people were killed when the dam gave way, the ministry said.")
    c = unit("14 people died when the dam burst, the mayor said.", article="c")
    found = numeric_conflict(a, c)
    assert found is not None and (found[0].value, found[1].value) == (12, 14)
    got = conflict(a, c)
    assert got is not None and got.kind == "numeric"


def test_same_or_unrelated_figures_do_not_conflict() -> None:
    a = unit("About 4,000 people were evacuated from the villages.")
    b = unit("Close to 4,000 people have been moved to safety.", article="b")
    assert numeric_conflict(a, b) is None
    # 12 dead against 4,000 evacuated count different things, however the nouns line up
    c = unit("At least 12 people were killed and 4,000 people evacuated.", article="c")
    d = unit("Some 4,000 people were evacuated overnight.", article="d")
    assert numeric_conflict(c, d) is None


def test_negation_flip_is_a_contradiction_but_not_yet_and_still_agree() -> None:
    a = unit("The warning sirens sounded before the water reached the village.")
    b = unit("The warning sirens never sounded before the water reached the village.", article="b", negated=True)
    assert polarity_conflict(a, b)
    got = conflict(a, b)
    assert got is not None and got.kind == "contradiction"
    c = unit("The details of the plan are not yet finalized, officials said.", negated=True)
    d = unit("The details of the plan are still being finalized.", article="d")
    assert not polarity_conflict(c, d)
    # a negation in another clause does not flip the shared content
    e = unit("No decision has been made yet, but the leaders will meet at the White House on Friday.", negated=True)
    f = unit("The two leaders will meet at the White House on Friday to discuss the weapons.", article="f")
    assert not polarity_conflict(e, f)


def test_one_negation_quoted_by_two_outlets_is_no_contradiction() -> None:
    # the same tweet in two outlets: the parser hangs its 'No' on different verbs, so only one side reads as
    # negated, but both carry the same negation of the same word and say the same thing
    posted = unit(
        "On Monday, he posted on Twitter: \u201cNo inconsistency in statements, meeting ended up being primarily "
        "about adoptions."
    )
    quoted = unit(
        "\u201cNo inconsistency in statements, meeting ended up being primarily about adoptions,\u201d he said in "
        "another tweet.",
        article="b",
        negated=True,
    )
    assert posted.negations and quoted.negations
    assert not polarity_conflict(posted, quoted)
    assert conflict(posted, quoted) is None
    # a negation of another word still flips the shared content
    sounded = unit("The warning sirens sounded before the water reached the village, and no one was hurt.")
    silent = unit("The warning sirens never sounded before the water reached the village.", article="b", negated=True)
    assert polarity_conflict(sounded, silent)
    # the same cue and first word, then other words: the plain side negates something else
    unnamed = unit("Police did not immediately identify the victim.", article="b", negated=True)
    named = unit("Police identified the victim on Monday but did not immediately release the cause of death.")
    assert named.negations and polarity_conflict(named, unnamed)


def test_days_conflict_only_when_named() -> None:
    thursday = "2024-05-16"
    a = unit("The minister visited the village on Tuesday.", published=thursday)
    b = unit("The minister visited the village on Wednesday.", article="b", published=thursday)
    assert date_conflict(a, b) == ("Tuesday (2024-05-14)", "Wednesday (2024-05-15)")
    # a clock time names no day: articles of different days agree on it
    c = unit("The sirens were switched on at 11.52pm.", published="2024-05-13")
    d = unit("The sirens were switched on at 11.52pm.", article="d", published="2024-05-14")
    assert date_conflict(c, d) is None


def test_same_statement_from_two_people() -> None:
    a = unit("The dam was inspected in March, Lozovan said.", speaker="e1", speaker_type="PERSON")
    b = unit("The dam was inspected in March, Calancea said.", article="b", speaker="e2", speaker_type="PERSON")
    c = unit("The dam was inspected in March, the company said.", article="c", speaker="e3", speaker_type="ORG")
    assert speaker_conflict(a, b)
    assert not speaker_conflict(a, c)
    got = conflict(a, b)
    assert got is not None and got.kind == "attribution"


def test_denial_never_supports_and_points_back() -> None:
    claim = unit("The US said Iran had shipped ballistic missiles to Russia.", index=0, entities=frozenset({"e1"}))
    denial = unit("Tehran has denied the allegations.", index=1, denial=True, speaker="e1", verb="deny")
    got = conflict(claim, denial)
    assert got is not None and got.kind == "denial"
    assert denial_target(denial, claim) is claim
    explicit = unit("Tehran has denied supplying any weapons for the war.", index=1, denial=True, speaker="e1")
    assert denial_target(explicit, claim) is None  # no anaphor: the target is found by similarity instead
    own = unit("The company said its sirens worked.", index=0, speaker="e1")
    assert denial_target(denial, own) is None  # no one denies their own statement


def test_statement_days_and_bounds_do_not_conflict() -> None:
    wednesday = "2024-05-15"
    said = unit("The local mayor said yesterday that 14 bodies had been recovered.", published=wednesday)
    assert [(m.iso, m.role) for m in said.dates.values()] == [("2024-05-14", "statement")]
    bound = unit(
        "The mayor told reporters that 14 bodies had been recovered by Wednesday morning.",
        article="b",
        published=wednesday,
    )
    assert [m.role for m in bound.dates.values()] == ["bound"]
    assert date_conflict(said, bound) is None
    since = unit("Rain has fallen since Friday, the service said.", published=wednesday)
    told = unit("Rain began on Saturday, officials told reporters on Monday.", article="c", published=wednesday)
    assert date_conflict(since, told) is None
    # the event's own days still conflict
    a = unit("The dam gave way on Monday, officials said.", published=wednesday)
    b = unit("The dam gave way on Tuesday.", article="d", published=wednesday)
    assert date_conflict(a, b) == ("Monday (2024-05-13)", "Tuesday (2024-05-14)")


def _story(*texts: str, denial: int | None = None, speakers: dict[int, str] | None = None) -> list[Unit]:
    speakers = speakers or {}
    out = []
    for n, t in enumerate(texts):
        u = unit(
            t,
            article=f"a{n}",
            index=n,
            denial=n == denial,
            speaker=speakers.get(n),
            verb="deny" if n == denial else None,
        )
        out.append(u)
    return out


def test_a_denial_of_a_negative_disputes_the_negative() -> None:
    units = _story(
        "Survivors said no warning sirens sounded before the water hit the village.",
        "The company says the warning sirens did work on the night.",
        "Hidrocom denied that the warning sirens had failed.",
        "Rescue boats reached the flooded village before dawn.",
        "The regional governor visited the shelter in the school.",
        "Prices of bread rose in the capital this week.",
        speakers={1: "The company", 2: "Hidrocom"},
        denial=2,
    )
    sal = _Salience.of(units)
    assert denies(units[2], units[0], sal)  # 'had failed' is denied: the target says they failed
    assert not denies(units[2], units[1], sal)  # 'the sirens did work' agrees with the denier
    assert not denies(units[2], units[3], sal)  # no shared content of what is denied


def test_a_denial_needs_what_it_denies() -> None:
    units = _story(
        "Washington has long claimed that deep strikes into Russia could escalate the conflict.",
        "The United States said Tehran had shipped ballistic missiles to Moscow.",
        "Iran has denied shipping any missiles to Russia.",
        "Talks between the allies will continue in Washington on Friday.",
        "Officials in Kyiv welcomed the visit of the two ministers.",
        "Russia launched more drones at Ukrainian cities overnight.",
        speakers={2: "Iran"},
        denial=2,
    )
    sal = _Salience.of(units)
    assert denies(units[2], units[1], sal)
    assert not denies(units[2], units[0], sal)


def test_salience_discounts_the_story_vocabulary() -> None:
    texts = [f"Ukraine asked again for missiles to strike Russia, official {n} said." for n in range(8)]
    texts += ["Ukraine finalized the missiles plan.", "The missiles plan for Ukraine was finalized."]
    units = [unit(t, article=f"a{n}", index=n) for n, t in enumerate(texts)]
    sal = _Salience.of(units)
    assert sal.weight["ukrain"] == 0.0 and sal.weight["missil"] == 0.0
    what, share = sal.evidence(8, 9)
    assert what > 0 and share > 0.5
    assert sal.evidence(0, 8)[0] == 0.0  # only the story's common words in common


def test_a_rounded_figure_is_the_same_figure() -> None:
    from newsprism.compare.claims.conflicts import shared_figure

    precise = unit("New claims for unemployment benefits fell to 2.123 million last week.")
    rough = unit("First-time claims for unemployment benefits totaled 2.1 million last week.", article="b")
    assert shared_figure(precise, rough, specific=True)
    assert numeric_conflict(precise, rough) is None
    # The same value written two ways, whatever noun the parser finds beside it.
    a = unit("The prior week was revised up by 8,000 to 2,438,000.")
    b = unit("That was down from the previous week's upwardly revised 2.438 million.", article="b")
    assert shared_figure(a, b, specific=True)
    # Small counts match only for the same counted thing, and are never 'specific'.
    three = unit("Three soldiers were wounded in the clash near the border.")
    assert not shared_figure(three, unit("Three villages lost power overnight in the storm.", article="b"))
    assert not shared_figure(three, unit("Three soldiers were hurt in the clash.", article="b"), specific=True)


# --- shapes met on real multi-outlet stories (AllSides) ------------------------


def test_figures_that_add_up_are_one_fact() -> None:
    parts = unit("Israeli officials have said 64 Israeli soldiers and three civilians in Israel died in violence.")
    total = unit("The war has also claimed the lives of 67 Israelis, all but three of whom were soldiers.", article="b")
    assert numeric_conflict(parts, total) is None and conflict(parts, total) is None
    counts = unit(
        "The maximum punishment on the first charge is five to 99 years in prison, and two to 10 years on the second."
    )
    summed = unit("He faces charges that carry a maximum sentence of 109 years in prison.", article="b")
    assert numeric_conflict(counts, summed) is None
    # the side with the higher figure naming the gap is a dispute, not a sum
    more = unit("The district hospital said on Wednesday that 14 people had died, two more than the ministry's figure.")
    less = unit("At least 12 people were killed when the dam gave way, the ministry said.", article="b")
    got = conflict(more, less)
    assert got is not None and got.kind == "numeric"


def test_parts_and_subsets_are_different_facts_not_disputes() -> None:
    from newsprism.compare.claims.conflicts import distinct_figures

    part = unit("The attack in Benghazi led to the deaths of the U.S. ambassador and three other Americans.")
    whole = unit("The attacks on a diplomatic post led to the deaths of four Americans in Benghazi.", article="b")
    assert numeric_conflict(part, whole) is None and distinct_figures(part, whole)
    hospital = unit("More than 70 people who may have had contact with him at the hospital are being monitored.")
    community = unit("Jenkins said 48 other people in the community still are being monitored.", article="b")
    got = conflict(hospital, community)
    assert got is not None and got.kind == "distinct"  # never one claim, never a disagreement
    militants = unit("Lerner said that about 900 Palestinian militants had been killed by Israeli forces.")
    all_dead = unit("Nearly 1,900 Palestinians have been killed in Gaza during the conflict.", article="b")
    assert numeric_conflict(militants, all_dead) is None and distinct_figures(militants, all_dead)


def test_approximate_figures_cover_only_what_rounds_to_them() -> None:
    a = unit("Lerner said that some 3,500 rockets had been fired at Israel by the time the truce began.")
    b = unit("He said Hamas and other militants had fired some 3,300 rockets at Israel.", article="b")
    got = numeric_conflict(a, b)
    assert got is not None and {got[0].span.text, got[1].span.text} == {"some 3,500", "some 3,300"}
    c = unit("About 4,000 people were evacuated from the villages.")
    d = unit("Officials said 3,870 people were evacuated from the villages.", article="d")
    assert numeric_conflict(c, d) is None


def test_vote_tallies_are_figures() -> None:
    from newsprism.compare.claims.conflicts import shared_tally

    a = unit("In a 7-2 decision, the justices set aside a Colorado court ruling against the baker.")
    b = unit("The 7-2 verdict criticized the state's treatment of the baker.", article="b")
    c = unit("In a 5-4 decision, the justices set aside the ruling against the baker.", article="c")
    assert [q.span.text for q in a.quantities] == ["7-2"]
    assert shared_tally(a, b) and not shared_tally(a, c)
    got = numeric_conflict(a, c)
    assert got is not None and (got[0].span.text, got[1].span.text) == ("7-2", "5-4")
    assert not [q for q in quantities("The results came back on 2014-10-15 and a 67-year-old man") if q.unit == "tally"]


def test_negation_needs_its_predicate_stated_plainly() -> None:
    quote = unit(
        "“It’s not just bread to eat,” Abdullah Mustafa, a father of seven who was buying hot loaves at a bakery, "
        "told the Los Angeles Times.",
        negated=True,
    )
    para = unit(
        "The Los Angeles Times spoke to Abdullah Mustafa, a father of seven buying freshly baked bread.", article="b"
    )
    assert conflict(quote, para) is None
    full = unit("Nobody likes him, nobody wants to work with him, he got nothing done.")
    cut = unit("Nobody likes him, nobody wants to work with him.", article="b", negated=True)
    assert conflict(full, cut) is None
    absent = unit(
        "Perry did not attend Monday's unveiling of his new defense team at an upscale Austin hotel.", negated=True
    )
    unveiled = unit("On Monday, Perry's legal team was unveiled at an upscale Austin hotel.", article="b")
    got = conflict(absent, unveiled)
    assert got is not None and got.kind == "distinct" and not polarity_conflict(absent, unveiled)
    dissent = unit(
        '"Phillips would not sell to Craig and Mullins, for no reason other than their sexual orientation," Ginsburg said.',
        negated=True,
    )
    other = unit(
        "\"I see no reason why the comments of one or two Commissioners should be taken to overcome Phillips' refusal "
        'to sell a wedding cake to Craig and Mullins," Ginsburg wrote.',
        article="b",
    )
    assert not polarity_conflict(dissent, other)


def test_one_speaker_named_twice_and_days_around_midnight() -> None:
    a = unit("Lt. Col. Peter said Israel withdrew all its forces.", speaker="e1", speaker_type="PERSON")
    a = replace(a, speaker_name="Peter")
    b = unit("Lerner said Israel withdrew all its forces.", article="b", speaker="e2", speaker_type="PERSON")
    b = replace(b, speaker_name="Peter Lerner")
    assert not speaker_conflict(a, b)
    late = unit(
        "Preliminary tests were run in Austin and results came back at approximately midnight Wednesday.",
        published="2014-10-16",
    )
    early = unit(
        "A preliminary test was done late Tuesday in Austin, and the results came back around midnight.",
        article="b",
        published="2014-10-16",
    )
    assert [(m.iso, m.edge) for m in late.dates.values()] == [("2014-10-15", True)]
    assert [(m.iso, m.edge) for m in early.dates.values()] == [("2014-10-14", True)]
    assert date_conflict(late, early) is None
    plain = unit("A preliminary test was done on Tuesday in Austin.", article="c", published="2014-10-16")
    wednesday = unit("Preliminary tests were run in Austin on Wednesday.", article="d", published="2014-10-16")
    assert date_conflict(plain, wednesday) is not None  # neither at the edge of a day


def test_rejecting_an_action_is_not_denying_a_statement() -> None:
    from newsprism.compare.claims.denials import denies_a_statement

    rejected = unit(
        "Perry's defense lawyers have rejected his indictment by a grand jury as an attempt to criminalize politics.",
        denial=True,
        speaker="Perry's defense lawyers",
        verb="reject",
    )
    assert not denies_a_statement(rejected)
    allegations = unit(
        "The company rejected the allegations of negligence.", denial=True, speaker="The company", verb="reject"
    )
    assert denies_a_statement(allegations)
    denied = unit("Iran has denied supplying missiles to Russia.", denial=True, speaker="Iran", verb="deny")
    assert denies_a_statement(denied)


def test_video_and_photo_captions_carry_no_claim() -> None:
    from newsprism.compare.claims.units import usable
    from newsprism.nlp.debris import is_debris, is_ended

    def carries(text: str) -> bool:  # the sentence marked as the NLP pass marks it
        return usable(Sentence(Span("c", 0, len(text), text), debris=is_debris(text), ended=is_ended(text)))

    assert not carries(
        "Hide Caption 16 of 73 Photos: Photos: Israel-Gaza crisis – Displaced Palestinians carry their belongings as "
        "they leave a school to return to their homes Tuesday."
    )
    assert not carries("JUST WATCHED Dallas doctors try to calm Ebola fears Replay More Videos ... MUST WATCH")
    assert carries("Displaced Palestinians carried their belongings as they left a school to return to their homes.")


def test_another_figure_and_ages_are_not_the_fact() -> None:
    from newsprism.compare.claims.conflicts import distinct_figures, shared_figure

    fired = unit("He said Hamas and other militants had fired some 3,300 rockets at Israel.")
    destroyed = unit("He estimated that Israeli forces destroyed another 3,000 rockets on the ground.", article="b")
    assert numeric_conflict(fired, destroyed) is None and distinct_figures(fired, destroyed)
    turned = unit("U.S. officials turned away a 17-year-old Palestinian incoming Harvard freshman last week.")
    doubt = unit("But the 17-year-old Palestinian's hard-won education is now in doubt.", article="b")
    assert not shared_figure(turned, doubt)


def test_an_article_does_not_dispute_itself() -> None:
    from newsprism.compare.claims.conflicts import collect
    from newsprism.model import Claim

    a = unit("Some 3,500 rockets had been fired at Israel, Lerner said.", article="x", index=0)
    b = unit("Militants had fired some 3,300 rockets at Israel over the month.", article="x", index=1)
    c = unit("Lerner said some 3,500 rockets were fired at Israel.", article="y", index=2)
    ca = Claim("c1", a.text, (a.span, c.span))
    cb = Claim("c2", b.text, (b.span,))
    found = [("numeric", 0, 1, ("3,500", "3,300")), ("numeric", 2, 1, ("3,500", "3,300"))]
    assert collect(found, {0: ca, 1: cb, 2: ca}, [a, b, c], str) == ()
    other = Claim("c3", b.text, (replace(b.span, article="z"),))
    b_z = replace(b, article="z", span=replace(b.span, article="z"))
    got = collect([("numeric", 2, 1, ("3,500", "3,300"))], {2: ca, 1: other}, [a, b_z, c], str)
    assert len(got) == 1 and got[0].kind == "numeric"
    # nor does an outlet: its two articles on the two sides would show it disputing itself
    day = unit("The parcel exploded just after midnight on March 19.", article="fox-1", index=0, published="2018-03-21")
    same = unit("A parcel exploded early on Tuesday at the depot.", article="fox-2", index=1, published="2018-03-21")
    other_day = unit("The parcel exploded at the depot early Tuesday.", article="cnn", index=2, published="2018-03-21")
    c_day, c_tuesday = Claim("d1", day.text, (day.span,)), Claim("d2", same.text, (same.span, other_day.span))
    outlet = {"fox-1": "Fox", "fox-2": "Fox", "cnn": "CNN"}.__getitem__
    claims = {0: c_day, 1: c_tuesday, 2: c_tuesday}
    assert collect([("date", 0, 2, ("March 19", "Tuesday"))], claims, [day, same, other_day], outlet) == ()
    assert len(collect([("date", 0, 2, ("March 19", "Tuesday"))], claims, [day, same, other_day], str)) == 1


def test_elapsed_times_are_not_disputed() -> None:
    from newsprism.compare.claims.conflicts import distinct_figures

    later = unit("After more than seven weeks of heavy fighting, Israel and Hamas agreed to an open-ended ceasefire.")
    earlier = unit(
        "The truce follows four weeks of intense fighting and paves the way for talks in Egypt.", article="b"
    )
    assert numeric_conflict(later, earlier) is None and distinct_figures(later, earlier)


@pytest.mark.slow
def test_a_question_carries_no_claim_but_a_statement_quoting_one_does(models: Models, settings: Settings) -> None:
    """Lines of AllSides articles: a headline question (National Review, April 2020) asserts nothing; Clinton
    answering a question (CNN, September 2012) is a fact, though the sentence ends with the question. Whether
    a sentence asks is read in the NLP pass (``Sentence.question``; the cases are in tests/test_questions.py)."""
    from newsprism.compare.claims.units import usable

    def carries(text: str, position: int = 5) -> bool:
        (annotations,) = annotate([Article("q", text)], models=models, settings=settings)
        (sentence,) = annotations.sentences
        return usable(sentence, position)

    assert not carries("Are We About to Be Urged to Start Wearing Masks?", 0)
    assert not carries("“Are you better off now than you were four years ago?”")
    assert carries('Clinton answered the question, "Are you better off than you were four years ago?"')
    assert carries("“Why did he do it?” she asked the crowd outside the courthouse.")
    assert not carries('Did Trump really call the special counsel\'s investigation a "witch hunt"?')


def test_speakers_share_a_name_word_only_when_it_names_someone() -> None:
    from newsprism.compare.claims.units import name_words

    assert name_words("Secretary Helen Marsh") & name_words("Marsh")
    assert not name_words("a spokesman for the army") & name_words("the head of the navy")
    assert not name_words("Ali al-Sistani") & name_words("Omar al-Anani")
