"""Story-level entities: aliases merged across articles, lookup, spelling variants."""

from __future__ import annotations

import re

import pytest

from newsprism.model import Annotations, Article, Mention, Span
from newsprism.nlp.aliases import EntityIndex, acronym_of, name_form, similar

from .conftest import seed_article


@pytest.fixture(scope="module")
def seed_index(seed_articles: list, seed_annotations: dict) -> EntityIndex:
    return EntityIndex.build(seed_articles, [seed_annotations[a.id] for a in seed_articles])


def ids(seed_articles: list, *prefixes: str) -> tuple[str, ...]:
    return tuple(seed_article(seed_articles, p).id for p in prefixes)


def story(*texts: tuple[str, list[tuple[str, str]]]) -> tuple[list[Article], list[Annotations]]:
    """Articles with hand-labelled mentions: each (text, [(surface, label), ...]), first occurrences."""
    articles, annotations = [], []
    for n, (text, marks) in enumerate(texts):
        article = Article(id=f"a{n}", text=text)
        mentions, pos = [], 0
        for surface, label in marks:
            m = re.compile(re.escape(surface)).search(text, pos)
            assert m, surface
            mentions.append(Mention(Span.of(article, m.start(), m.end()), label))
            pos = m.end()
        articles.append(article)
        annotations.append(Annotations(article.id, mentions=tuple(mentions)))
    return articles, annotations


# --- the seeds --------------------------------------------------------------


def test_seed_entity_spans_are_exact(seed_articles: list, seed_index: EntityIndex) -> None:
    texts = {a.id: a.text for a in seed_articles}
    assert len(seed_index.entities) > 30
    for e in seed_index.entities:
        assert e.mentions
        for s in e.mentions:
            assert texts[s.article][s.start : s.end] == s.text


def test_seed_people_merge_across_titles_and_surnames(seed_index: EntityIndex) -> None:
    blinken = seed_index.lookup("Antony Blinken")
    assert blinken is not None and blinken.name == "Antony Blinken" and blinken.type == "PERSON"
    assert "Blinken" in blinken.aliases
    for alias in ("Blinken", "Mr Blinken", "Secretary of State Antony Blinken", "US Secretary of State Antony Blinken"):
        assert seed_index.lookup(alias) is blinken, alias
    biden = seed_index.lookup("Joe Biden")
    assert biden is not None and biden.name == "Joe Biden"
    for alias in ("President Joe Biden", "US President Joe Biden", "President Biden", "Biden"):
        assert seed_index.lookup(alias) is biden, alias
    lammy = seed_index.lookup("Mr Lammy")
    assert lammy is not None and lammy.name == "David Lammy" and lammy.type == "PERSON"
    assert seed_index.lookup("UK Foreign Secretary David Lammy") is lammy


def test_seed_transliterations_merge(seed_articles: list, seed_index: EntityIndex) -> None:
    kyiv = seed_index.lookup("Kyiv")
    assert kyiv is not None and kyiv.type == "GPE"
    assert seed_index.lookup("Kiev") is kyiv and seed_index.lookup("kyiv") is kyiv
    assert {s.article for s in kyiv.mentions} == set(ids(seed_articles, "000", "001", "002", "003", "004"))
    zelensky = seed_index.lookup("Zelenskyy")
    assert zelensky is not None and zelensky.name == "Volodymyr Zelensky" and zelensky.type == "PERSON"
    for alias in ("Vladimir Zelensky", "Volodymyr Zelenskyy", "Mr Zelensky", "President Volodymyr Zelensky"):
        assert seed_index.lookup(alias) is zelensky, alias


def test_seed_acronym_merges_with_long_form(seed_index: EntityIndex) -> None:
    atacms = seed_index.lookup("ATACMS")
    assert atacms is not None and atacms.name == "Army Tactical Missile System"
    assert seed_index.lookup("Army Tactical Missile Systems") is atacms
    assert {"ATACMS", "Army Tactical Missile Systems"} <= set(atacms.aliases)


def test_seed_different_people_stay_apart(seed_index: EntityIndex) -> None:
    putin = seed_index.lookup("Vladimir Putin")
    zelensky = seed_index.lookup("Volodymyr Zelensky")
    assert putin is not None and zelensky is not None and putin is not zelensky  # a shared first name
    assert seed_index.lookup("Putin") is putin
    assert seed_index.lookup("Joe Biden") is not seed_index.lookup("Antony Blinken")
    for pronoun in ("he", "He", "they", "she"):
        assert seed_index.lookup(pronoun) is None
    assert seed_index.lookup("Vladimir") is None
    assert seed_index.lookup("Hunter Biden") is None


def test_seed_spelling_variants(seed_articles: list, seed_index: EntityIndex) -> None:
    variants = {(e.name, tuple(sorted(v))): v for e, v in seed_index.spelling_variants()}
    assert variants[("Kyiv", ("Kiev", "Kyiv"))] == {
        "Kiev": ids(seed_articles, "000", "004"),
        "Kyiv": ids(seed_articles, "001", "002", "003"),
    }
    assert variants[("Volodymyr Zelensky", ("Zelensky", "Zelenskyy"))] == {
        "Zelensky": ids(seed_articles, "000", "003", "004"),
        "Zelenskyy": ids(seed_articles, "002"),
    }
    assert variants[("Volodymyr Zelensky", ("Vladimir", "Volodymyr"))]["Vladimir"] == ids(seed_articles, "000")
    # fullness, case and synonyms are not spelling differences
    names = {name for name, _ in variants}
    assert not names & {"Antony Blinken", "Joe Biden", "UK", "US", "Army Tactical Missile System"}


# --- own cases --------------------------------------------------------------


def test_surname_merges_only_when_unambiguous() -> None:
    articles, annotations = story(
        (
            "Joe Biden met Hunter Biden. Biden said little.",
            [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON"), ("Biden", "PERSON")],
        ),
        ("Antony Blinken spoke. Mr Blinken left.", [("Antony Blinken", "PERSON"), ("Mr Blinken", "PERSON")]),
    )
    index = EntityIndex.build(articles, annotations)
    names = sorted(e.name for e in index.entities)
    assert names == ["Antony Blinken", "Biden", "Hunter Biden", "Joe Biden"]
    assert index.lookup("Blinken") is index.lookup("Antony Blinken")
    assert index.lookup("Mr Biden") is index.lookup("Biden")
    assert index.lookup("Joe Biden") is not index.lookup("Hunter Biden")
    assert index.lookup("Blinken, the top US diplomat") is index.lookup("Antony Blinken")
    assert index.lookup("the top US diplomat, Antony Blinken") is index.lookup("Antony Blinken")


def test_first_names_shared_by_different_people() -> None:
    articles, annotations = story(
        (
            "Vladimir Putin and Volodymyr Zelenskyy spoke.",
            [("Vladimir Putin", "PERSON"), ("Volodymyr Zelenskyy", "PERSON")],
        ),
        ("Vladimir Zelensky answered Putin.", [("Vladimir Zelensky", "PERSON"), ("Putin", "PERSON")]),
    )
    index = EntityIndex.build(articles, annotations)
    assert len(index.entities) == 2
    zelensky, putin = index.lookup("Zelensky"), index.lookup("Vladimir Putin")
    assert zelensky is not None and zelensky.name in ("Vladimir Zelensky", "Volodymyr Zelenskyy")
    assert len(zelensky.mentions) == 2 and index.lookup("Vladimir Zelensky") is zelensky
    assert putin is not None and putin is not zelensky and len(putin.mentions) == 2


def test_label_majority_and_variant_table_types() -> None:
    articles, annotations = story(
        (
            "Kyiv said. Kyiv agreed. In Kiev, Odessa waited.",
            [("Kyiv", "ORG"), ("Kyiv", "GPE"), ("Kiev", "PERSON"), ("Odessa", "GPE")],
        ),
        ("Odesa was shelled near Odesa port.", [("Odesa", "ORG"), ("Odesa", "GPE")]),
    )
    index = EntityIndex.build(articles, annotations)
    kyiv, odesa = index.lookup("Kyiv"), index.lookup("Odessa")
    assert kyiv is not None and kyiv.type == "GPE" and len(kyiv.mentions) == 3
    assert odesa is not None and odesa.type == "GPE" and odesa.name == "Odesa"


def test_acronyms_and_possessives() -> None:
    articles, annotations = story(
        (
            "NATO’s chief spoke about the North Atlantic Treaty Organization.",
            [("NATO", "ORG"), ("North Atlantic Treaty Organization", "ORG")],
        ),
    )
    index = EntityIndex.build(articles, annotations)
    assert len(index.entities) == 1
    assert index.lookup("NATO's") is index.entities[0]
    assert index.lookup("the North Atlantic Treaty Organization") is index.entities[0]


def test_name_helpers() -> None:
    form = name_form("US Secretary of State Antony Blinken’s")
    assert form is not None and form.key == ("antony", "blinken") and form.display == "Antony Blinken" and form.titled
    assert name_form("he") is None and name_form("US") is not None
    for kept in ("Martin Luther King Jr", "Prime Minister", "John Major"):
        form = name_form(kept)
        assert form is not None and form.display == kept
    form = name_form("UK Prime Minister Sir Keir Starmer")
    assert form is not None and form.display == "Keir Starmer"
    org = name_form("General Motors", person=False)
    assert org is not None and org.key == ("general", "motors")
    assert similar("zelensky", "zelenskiy") and similar("haniyeh", "haniyah")
    assert not similar("sudan", "sedan") and not similar("austria", "australia")
    assert acronym_of("ATACMS", ["Army", "Tactical", "Missile", "Systems"])
    assert acronym_of("SAMs", ["Surface", "to", "Air", "Missiles"])
    assert not acronym_of("NASA", ["North", "Atlantic", "Treaty", "Organization"])


# --- real-news shapes (AllSides-style stories) -------------------------------


def test_short_given_names_and_lone_first_names_merge() -> None:
    articles, annotations = story(
        (
            "Rice will replace Tom Donilon. Donilon is leaving. Hillary Clinton spoke; Hillary smiled.",
            [("Tom Donilon", "PERSON"), ("Donilon", "PERSON"), ("Hillary Clinton", "PERSON"), ("Hillary", "PERSON")],
        ),
        (
            "National security adviser Thomas E. Donilon resigned. Justice Clarence Thomas and Thomas Frieden met.",
            [("Thomas E. Donilon", "PERSON"), ("Clarence Thomas", "PERSON"), ("Thomas Frieden", "PERSON")],
        ),
        ("Mr Thomas wrote the dissent.", [("Thomas", "PERSON")]),
    )
    index = EntityIndex.build(articles, annotations)
    donilon = index.lookup("Donilon")
    assert donilon is not None and donilon.name == "Thomas E. Donilon" and len(donilon.mentions) == 3
    assert index.lookup("Thomas E. Donilon") is donilon
    hillary = index.lookup("Hillary Clinton")
    assert hillary is not None and len(hillary.mentions) == 2
    # "Thomas" is Clarence Thomas's surname here: never taken for Thomas Frieden's first name
    frieden = index.lookup("Thomas Frieden")
    assert frieden is not None and len(frieden.mentions) == 1


def test_generational_suffix_keeps_father_and_son_apart() -> None:
    articles, annotations = story(
        (
            "Donald Trump Jr. met the lawyer. Trump Jr. said Trump knew nothing.",
            [("Donald Trump Jr.", "PERSON"), ("Trump Jr.", "PERSON"), ("Trump", "PERSON")],
        ),
        (
            "President Donald Trump said Don Jr. did nothing wrong.",
            [("Donald Trump", "PERSON"), ("Don Jr.", "PERSON")],
        ),
    )
    index = EntityIndex.build(articles, annotations)
    son, father = index.lookup("Donald Trump Jr."), index.lookup("Donald Trump")
    assert son is not None and father is not None and son is not father
    assert son.name == "Donald Trump Jr." and len(son.mentions) == 3
    assert len(father.mentions) == 2 and father.type == "PERSON"


def test_names_the_model_tags_as_organisations() -> None:
    articles, annotations = story(
        (
            "Obama will name Samantha Power to the UN. Ms. Power won a Pulitzer. Power left.",
            [("Samantha Power", "ORG"), ("Ms. Power", "PERSON"), ("Power", "PERSON")],
        ),
        (
            "Clinton aide Nick Merrill responded. Merrill noted her record. Nikki Haley spoke; Haley warned.",
            [("Nick Merrill", "PERSON"), ("Merrill", "ORG"), ("Nikki Haley", "PERSON"), ("Haley", "ORG")],
        ),
        ("Ambassador Nikki Haley said Haley's view held.", [("Nikki Haley", "ORG"), ("Haley", "ORG")]),
    )
    index = EntityIndex.build(articles, annotations)
    power = index.lookup("Samantha Power")
    assert power is not None and power.type == "PERSON" and len(power.mentions) == 3
    merrill = index.lookup("Nick Merrill")
    assert merrill is not None and len(merrill.mentions) == 2
    haley = index.lookup("Nikki Haley")
    assert haley is not None and haley.type == "PERSON" and len(haley.mentions) == 4


def test_shortened_body_names_merge_only_when_their_users_give_the_full_name() -> None:
    articles, annotations = story(
        (
            "The Colorado Civil Rights Commission ruled. The Civil Rights Commission erred, the Supreme Court said.",
            [("Colorado Civil Rights Commission", "ORG"), ("Civil Rights Commission", "ORG"), ("Supreme Court", "ORG")],
        ),
        (
            "The Washington Supreme Court held that the florist broke the law.",
            [("Washington Supreme Court", "ORG")],
        ),
        ("The Supreme Court ruled 7-2.", [("Supreme Court", "ORG")]),
    )
    index = EntityIndex.build(articles, annotations)
    commission = index.lookup("Colorado Civil Rights Commission")
    assert commission is not None and len(commission.mentions) == 2
    assert index.lookup("Supreme Court") is not index.lookup("Washington Supreme Court")


def test_canonical_is_the_full_name_and_junk_is_dropped() -> None:
    articles, annotations = story(
        ("Warren said Sanders told her. The garb was thin.", [("Warren", "PERSON"), ("garb", "ORG")]),
        ("Warren spoke to reporters.", [("Warren", "PERSON")]),
        (
            "Sen. Elizabeth Warren and the Centers for Disease Control and Prevention (CDC) agreed. The CDC said so.",
            [("Elizabeth Warren", "PERSON"), ("Centers for Disease Control and Prevention", "ORG"), ("CDC", "ORG")],
        ),
    )
    index = EntityIndex.build(articles, annotations)
    names = {e.name for e in index.entities}
    assert "Elizabeth Warren" in names and "Warren" not in names
    assert "garb" not in names
    cdc = index.lookup("CDC")
    assert cdc is not None and cdc.name == "Centers for Disease Control and Prevention" and len(cdc.mentions) == 2
    assert acronym_of("CDC", ["Centers", "for", "Disease", "Control", "and", "Prevention"])


def test_lookup_past_a_country_in_front_of_a_name() -> None:
    articles, annotations = story(
        ("U.S. Ambassador Nikki Haley spoke. Haley warned.", [("Nikki Haley", "PERSON"), ("Haley", "PERSON")]),
    )
    index = EntityIndex.build(articles, annotations)
    haley = index.lookup("Nikki Haley")
    assert haley is not None and index.lookup("U.S. Haley") is haley and index.lookup("UN Haley") is haley
    assert index.lookup("U.S.") is None


def test_curated_exonyms_are_naming_contrasts_and_short_forms_are_not() -> None:
    articles, annotations = story(
        ("Daesh fighters fled as ISIS lost ground.", [("Daesh", "ORG"), ("ISIS", "ORG")]),
        (
            "The Islamic State of Iraq and the Levant (ISIL) retreated.",
            [("Islamic State of Iraq and the Levant", "ORG")],
        ),
        ("Shelling hit Shujaya and Gaza City; in the Gaza Strip, Tom Frieden spoke.", [("Shujaya", "PERSON")]),
        ("Residents of Shijaiyah returned.", [("Shijaiyah", "GPE")]),
    )
    index = EntityIndex.build(articles, annotations)
    isis = index.lookup("Islamic State")
    assert isis is not None and isis.type == "ORG" and len(isis.mentions) == 4
    shujaiya = index.lookup("Shejaiya")
    assert shujaiya is not None and shujaiya.type == "GPE" and len(shujaiya.mentions) == 2
    naming = {e.name: set(v) for e, v in index.spelling_variants()}
    assert naming[isis.name] >= {"Daesh", "ISIS", "ISIL"}
    assert naming[shujaiya.name] == {"Shujaya", "Shijaiyah"}
