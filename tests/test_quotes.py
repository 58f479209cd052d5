"""Direct quotes and their speakers, on the seeds and on hand-written news text."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.model import Article, Mention, Quote, Sentence, Span
from newsprism.nlp.models import Models
from newsprism.nlp.quotes import extract_quotes, find_quote_regions

from .conftest import seed_article


def quotes_of(models: Models, article: Article) -> tuple[Quote, ...]:
    """Run the extractor on one article, with sentences and mentions taken straight from spaCy."""
    doc = models.nlp(article.text)
    sentences = [Sentence(Span.of(article, s.start_char, s.end_char)) for s in doc.sents]
    mentions = [Mention(Span.of(article, e.start_char, e.end_char), e.label_) for e in doc.ents]
    return extract_quotes(doc, article, sentences, mentions)


def quotes_in(models: Models, text: str) -> tuple[Quote, ...]:
    return quotes_of(models, Article(id="t", text=text))


def find(quotes: tuple[Quote, ...], text: str, *, verb: str | None = ...) -> Quote:  # type: ignore[assignment]
    """The one quote whose words are exactly ``text`` (and whose verb is ``verb``, when given)."""
    hits = [q for q in quotes if q.span.text == text and (verb is ... or q.verb == verb)]
    assert len(hits) == 1, f"{text!r}: {[(q.span.text, q.speaker, q.verb) for q in quotes]}"
    return hits[0]


def starting(quotes: tuple[Quote, ...], prefix: str) -> Quote:
    hits = [q for q in quotes if q.span.text.startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r}: {[(q.span.text[:40], q.speaker) for q in quotes]}"
    return hits[0]


@pytest.fixture(scope="module")
def seed_quotes(seed_articles: list, models: Models) -> dict[str, tuple[Quote, ...]]:
    return {
        prefix: quotes_of(models, seed_article(seed_articles, prefix)) for prefix in ("000", "001", "002", "003", "004")
    }


# --- the seeds ------------------------------------------------------------------


def test_every_seed_quote_span_is_exact(seed_articles: list, seed_quotes: dict) -> None:
    for prefix, quotes in seed_quotes.items():
        article = seed_article(seed_articles, prefix)
        assert quotes, prefix
        for q in quotes:
            assert article.text[q.span.start : q.span.end] == q.span.text
            assert q.span.text == q.span.text.strip() and not q.span.text.endswith(",")
            assert not any(mark in q.span.text[:1] + q.span.text[-1:] for mark in '“”"')
            if q.speaker_span is not None:
                assert article.text[q.speaker_span.start : q.speaker_span.end] == q.speaker_span.text
                assert q.speaker_span.text.endswith(q.speaker.split()[-1])
            if q.verb_span is not None:
                assert q.verb_span.text == q.verb


def test_speaker_after_the_quote(seed_quotes: dict) -> None:
    q = find(seed_quotes["000"], "We’re working that out now", verb="told")
    assert (q.speaker, q.speaker_span.text) == ("Biden", "Biden")
    q = starting(seed_quotes["000"], "I talked to Blinken two days ago, and he is traveling")
    assert q.span.text.endswith("[to hit Russia with ATACMS]")
    assert (q.speaker, q.verb) == ("McCaul", "told")
    assert find(seed_quotes["001"], "from day one").speaker == "Blinken"


def test_inverted_speaker_after_the_quote(seed_quotes: dict) -> None:
    q = starting(seed_quotes["002"], "When it comes to escalation, we have seen Russia")
    assert q.span.text.endswith("it would appear to be Putin")
    assert (q.speaker, q.verb) == ("Blinken", "said")


def test_speaker_before_the_quote(seed_quotes: dict) -> None:
    q = find(seed_quotes["004"], "We're working on that right now.")
    assert (q.speaker, q.verb) == ("Biden", "told")
    # 003 prints this quote twice (once more under a photo); both say who spoke
    hits = [q for q in seed_quotes["003"] if q.span.text.startswith("We never rule anything out. But when we do,")]
    assert hits and {(q.speaker, q.verb) for q in hits} <= {("Blinken", "said"), ("Antony Blinken", "said")}
    assert all(q.span.text.endswith("what the Ukrainians are trying to achieve.") for q in hits)


def test_speaker_is_the_subject_of_the_governing_clause(seed_quotes: dict) -> None:
    q = find(seed_quotes["003"], "We have the ability to strike any strategic target in Iran.")
    assert (q.speaker, q.verb) == ("Gallant", "warning")
    q = find(seed_quotes["003"], "would be completely wrong to comment on the details of operational issues")
    assert (q.speaker, q.verb) == ("Lammy", "saying")


def test_partial_quotes_inside_a_sentence(seed_quotes: dict) -> None:
    q = find(seed_quotes["000"], "to show continued support for Ukraine’s defense")
    assert (q.speaker, q.speaker_span.text, q.verb) == ("Matt Miller", "Matt Miller", "confirmed")
    assert find(seed_quotes["000"], "We’re going to look and to listen").speaker == "Blinken"
    assert find(seed_quotes["000"], "up to its ears").speaker == "Vassily Nebenzya"
    assert find(seed_quotes["002"], "count on some strong decisions").speaker == "Volodymyr Zelenskyy"
    assert find(seed_quotes["003"], "purposes").speaker == "Blinken"


def test_titles_and_roles_are_stripped_from_speakers(seed_quotes: dict) -> None:
    q = find(seed_quotes["000"], "No missile was sent to Russia and this claim is a kind of psychological warfare")
    assert (q.speaker, q.verb) == ("Fazlollah Nozari", "told")
    q = starting(seed_quotes["000"], "Iran’s accusers are the ones")
    assert (q.speaker, q.verb) == ("Nasser Kanaani", "pointed")


def test_quotes_attributed_to_organisations_and_groups(seed_quotes: dict) -> None:
    first = [q for q in seed_quotes["003"] if q.span.text == "has not ruled out"][0]
    assert (first.speaker, first.verb) == ("United States", "said")
    assert find(seed_quotes["003"], "within weeks").speaker == "British sources"


def test_he_said_resolves_to_the_nearest_subject(seed_quotes: dict) -> None:
    q = find(seed_quotes["003"], "Iran is behind the chaos")
    assert (q.speaker, q.verb) == ("Gallant", "said")
    assert q.speaker_span is not None and q.speaker_span.text == "Gallant"
    # "he said" across a sentence with another name that is not a subject
    assert find(seed_quotes["002"], "stop").speaker == "Donald Trump"
    # the passive agent of "comments made by Defense Secretary Lloyd Austin" counts as a subject
    assert starting(seed_quotes["004"], "I don’t believe any particular capability").speaker == "Lloyd Austin"


def test_he_said_never_takes_a_name_from_a_caption(seed_quotes: dict) -> None:
    q = starting(seed_quotes["003"], "We have been clear that any transfer of ballistic missiles")
    assert q.speaker not in ("Gallant", "Yoav Gallant")


def test_quote_continuing_in_the_next_sentence_and_paragraph(seed_quotes: dict) -> None:
    q = starting(seed_quotes["003"], "Iran is creating a war of attrition against Israel")
    assert (q.speaker, q.verb) == ("Gallant", None)
    q = starting(seed_quotes["002"], "Escalation is a factor we consider")
    assert (q.speaker, q.verb) == ("Blinken", None)


def test_scare_quotes_without_a_speaker_are_not_quotes(seed_quotes: dict) -> None:
    texts = {q.span.text for q in seed_quotes["003"]} | {q.span.text for q in seed_quotes["004"]}
    assert "massively important" not in texts
    assert "unleashed" not in texts and "hesitant" not in texts


# --- hand-written news text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "verb"),
    [
        ("“We will not back down,” Smith told reporters on Monday.", "We will not back down", "Smith", "told"),
        (
            "“The economy is strong,” said Treasury Secretary Janet Yellen.",
            "The economy is strong",
            "Janet Yellen",
            "said",
        ),
        (
            '"It is a great day for the city," Mayor Karen Bass said.',
            "It is a great day for the city",
            "Karen Bass",
            "said",
        ),
        ("‘It is a great day for Britain,’ Mr Johnson said.", "It is a great day for Britain", "Johnson", "said"),
        (
            "Senator Elizabeth Warren said: “This is a turning point.”",
            "This is a turning point.",
            "Elizabeth Warren",
            "said",
        ),
        (
            'Chancellor Olaf Scholz told parliament on Thursday, "We have no plans to raise taxes."',
            "We have no plans to raise taxes.",
            "Olaf Scholz",
            "told",
        ),
        (
            "Jones said the deal would be “a disaster for working families” if it passed.",
            "a disaster for working families",
            "Jones",
            "said",
        ),
        (
            "“The allegations are baseless,” the Defense Ministry said in a statement.",
            "The allegations are baseless",
            "Defense Ministry",
            "said",
        ),
        (
            "Hospital officials said the patient was in “stable but serious condition.”",
            "stable but serious condition.",
            "Hospital officials",
            "said",
        ),
        (
            "“Prices will keep rising,” said Mark Carney, the former governor of the Bank of England.",
            "Prices will keep rising",
            "Mark Carney",
            "said",
        ),
        (
            "The company’s chief executive, Satya Nadella, said the results were “a clear signal of demand.”",
            "a clear signal of demand.",
            "Satya Nadella",
            "said",
        ),
        (
            "General Mark Milley issued a warning on Monday, telling the rebels: “Lay down your arms now.”",
            "Lay down your arms now.",
            "Mark Milley",
            "telling",
        ),
        (
            "“Everything is under control,” according to Boeing.",
            "Everything is under control",
            "Boeing",
            "according to",
        ),
    ],
)
def test_quote_shapes(models: Models, text: str, quote: str, speaker: str, verb: str) -> None:
    q = find(quotes_in(models, text), quote)
    assert (q.speaker, q.verb) == (speaker, verb)
    assert q.verb_span is not None and text[q.verb_span.start : q.verb_span.end] == verb
    lemmas = {"said": "say", "told": "tell", "telling": "tell", "according to": None}
    assert q.verb_lemma == lemmas[verb]  # 'according to' relays a source: no verb of its own
    assert q.speaker_span is not None and text[q.speaker_span.start : q.speaker_span.end] == speaker


def test_continuations_keep_the_speaker(models: Models) -> None:
    text = (
        "“The bridge is closed,” said police spokesman Tom Reed. “Drivers should use the ring road instead.”\n"
        "“We expect it to reopen by Friday.”\n"
        "Nadia Petrova said: “We have waited long enough.\n"
        "“Now it is time to act.”"
    )
    quotes = quotes_in(models, text)
    assert [(q.span.text, q.speaker) for q in quotes] == [
        ("The bridge is closed", "Tom Reed"),
        ("Drivers should use the ring road instead.", "Tom Reed"),
        ("We expect it to reopen by Friday.", "Tom Reed"),
        ("We have waited long enough.", "Nadia Petrova"),
        ("Now it is time to act.", "Nadia Petrova"),
    ]
    assert [q.verb for q in quotes] == ["said", None, None, "said", None]


def test_pronoun_speakers(models: Models) -> None:
    text = (
        "Anna Kowalski spoke first at the hearing. “I met John Brown yesterday and he agreed with me,” she said.\n"
        "Peter Novak met Maria Silva in Lisbon on Tuesday. “The talks went well,” he said.\n"
        "Tom Hardy and Emma Stone arrived late. “We were stuck in traffic,” she said."
    )
    quotes = quotes_in(models, text)
    assert starting(quotes, "I met John Brown").speaker == "Anna Kowalski"
    assert find(quotes, "The talks went well").speaker == "Peter Novak"
    # two people in the subject: "she" cannot be told apart without guessing
    assert find(quotes, "We were stuck in traffic").speaker is None


def test_he_said_without_an_antecedent_is_none(models: Models) -> None:
    quotes = quotes_in(models, "“We are ready for whatever comes next,” he said.")
    assert [(q.span.text, q.speaker, q.verb) for q in quotes] == [
        ("We are ready for whatever comes next", None, "said")
    ]


def test_a_pronoun_subject_of_saying_is_marked_and_resolved_where_the_article_tells(models: Models) -> None:
    from newsprism.nlp import annotate_doc

    text = (
        "Peter Novak met Maria Silva in Lisbon on Tuesday. He said the talks had gone well.\n"
        "The ministry said the border would reopen. Two ferries were cancelled, they said."
    )
    article = Article(id="t", text=text)
    sentences = annotate_doc(models.nlp(text), article).sentences
    by_text = {s.span.text: s for s in sentences}
    novak = by_text["He said the talks had gone well."]
    assert novak.subject_pronoun and novak.speaker == "Peter Novak"
    ferries = by_text["Two ferries were cancelled, they said."]
    assert ferries.subject_pronoun and ferries.speaker is None  # 'they' is not told
    assert not by_text["The ministry said the border would reopen."].subject_pronoun


def test_no_antecedent_from_a_photo_caption(models: Models) -> None:
    text = "Viktor Orban (pictured) arrives at the summit in Brussels.\n“We made real progress today,” he said."
    assert find(quotes_in(models, text), "We made real progress today").speaker is None


def test_scare_quotes_titles_and_apostrophes_are_not_quotes(models: Models) -> None:
    text = (
        "The so-called “deep state” was blamed again.\n"
        "She starred in “The Lord of the Rings” and later in ‘Dune’.\n"
        "The Joneses’ house was sold in the ’90s, and the band’s album didn’t chart."
    )
    assert quotes_in(models, text) == ()


def test_an_unbalanced_mark_does_not_swallow_the_article(models: Models) -> None:
    text = (
        "Officials said “the inquiry is not over and then nobody closed the quote.\n"
        "The next paragraph is ordinary reporting with no quotes at all.\n"
        "“We will publish the findings,” the inspector general said."
    )
    quotes = quotes_in(models, text)
    assert [(q.span.text, q.speaker) for q in quotes] == [("We will publish the findings", "inspector general")]


def test_regions_pair_marks_by_context() -> None:
    text = 'He said "yes" and left.\nShe wrote ”wrong way round“ once.\nA 6" pipe, then "quoted words" here.'
    found = [text[r.start : r.end] for r in find_quote_regions(text)]
    assert found == ["yes", "wrong way round", "quoted words"]


def test_long_runaway_quotes_are_capped() -> None:
    text = "“" + "word " * 400 + "end.”"
    assert find_quote_regions(text) == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "verb"),
    [
        (  # "per <outlet>" attributes the quoted words to the outlet
            'Orban and his allies have "systematically taken control of the media," per NPR, consolidating outlets.',
            "systematically taken control of the media",
            "NPR",
            "per",
        ),
        (  # a transcript-style label
            "Mayor Bill de Blasio: “Based on the information we have now, this was an act of terror.”",
            "Based on the information we have now, this was an act of terror.",
            "Bill de Blasio",
            None,
        ),
        (  # object control: Yelp is the one who posts
            "The traffic prompted Yelp to post a warning that “reviews motivated by the news will be removed.”",
            "reviews motivated by the news will be removed.",
            "Yelp",
            "post",
        ),
        (  # a comma, not "and": one person, the title before it dropped
            "The panel’s ranking Democrat, Rep. Elijah E. Cummings of Maryland, said the director showed "
            "“decisive leadership.”",
            "decisive leadership.",
            "Elijah E. Cummings",
            "said",
        ),
        (  # "by shouting": the subject of the clause the participle modifies
            'An old man in a wool cap startles a reporter by shouting: "What are you doing here asking questions?"',
            "What are you doing here asking questions?",
            "old man in a wool cap",
            "shouting",
        ),
    ],
)
def test_more_attribution_shapes(models: Models, text: str, quote: str, speaker: str, verb: str | None) -> None:
    q = find(quotes_in(models, text), quote)
    assert (q.speaker, q.verb) == (speaker, verb)
    if verb in ("per", None):
        assert q.verb_lemma is None  # 'per NPR' relays a source: no verb of its own
    else:
        assert q.verb_lemma == {"post": "post", "said": "say", "shouting": "shout"}[verb]


def test_a_participle_without_subject_goes_on_the_last_speaker(models: Models) -> None:
    text = (
        "Masha Gessen addressed an audience in Sydney. “Fighting for gay marriage,” she said, “generally involves "
        "lying about what we’re going to do,” adding, “It’s a no-brainer that the institution should not exist.”"
    )
    quotes = quotes_in(models, text)
    assert [(q.speaker, q.verb) for q in quotes] == [
        ("Masha Gessen", "said"),
        ("Masha Gessen", "said"),
        ("Masha Gessen", "adding"),
    ]


def test_the_subject_of_a_reported_clause_is_not_the_antecedent(models: Models) -> None:
    text = (
        "Duane Gray, 63, a truck driver from Boise, backs the president. Asked if Trump was doing better than he "
        "expected as president, he said: “I don't know what I expected.”"
    )
    assert find(quotes_in(models, text), "I don't know what I expected.").speaker == "Duane Gray"


def test_titles_and_shows_in_quotes_are_not_quotes(models: Models) -> None:
    text = (
        "The New York Times ran a story entitled “Staying Aloft; What Does Keep Them Up There?” in 2003.\n"
        "Marc Short said on NBC’s “Meet the Press” that a vote was planned."
    )
    assert quotes_in(models, text) == ()


def test_the_nlp_pass_carries_quotes_and_citations(seed_articles: list, seed_annotations: dict) -> None:
    """Wired into ``annotate``: the cleaned seeds' quotes keep their speakers (captions gone)."""
    a003 = seed_article(seed_articles, "003")
    quotes = seed_annotations[a003.id].quotes
    assert find(quotes, "Iran is behind the chaos").speaker == "Gallant"
    clear = starting(quotes, "We have been clear that any transfer of ballistic missiles")
    assert clear.speaker in ("Lammy", "David Lammy", None)
    for q in quotes:
        assert a003.text[q.span.start : q.span.end] == q.span.text
    a001 = seed_article(seed_articles, "001")
    assert {c.name for c in seed_annotations[a001.id].citations} == {"Politico", "The Guardian"}


# --- shapes met on real articles (AllSides), written afresh -----------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "verb"),
    [
        (  # brackets inside the quote gave the verb a second subject; the one outside the marks speaks
            "“You want them to go after Kamala [Harris] or after Elizabeth [Warren],” Clinton said.",
            "You want them to go after Kamala [Harris] or after Elizabeth [Warren]",
            "Clinton",
            "said",
        ),
        (  # a dateline taken for a subject
            "WASHINGTON – President Trump defended his administration's hurricane relief efforts on Sunday, "
            'dismissing critics as "fake news" and "politically motivated ingrates."',
            "politically motivated ingrates.",
            "Trump",
            "dismissing",
        ),
        (  # the name hung under "to the Crimson": it still stands where the subject stands
            "In an email to the Crimson, U.S. Customs and Border Protection spokesperson Michael McCarthy said "
            '"Applicants must demonstrate they are admissible into the U.S."',
            "Applicants must demonstrate they are admissible into the U.S.",
            "Michael McCarthy",
            "said",
        ),
        (  # a title whose name the parser hung under "to the United Nations"
            "U.S. Ambassador to the United Nations Nikki Haley called the resolution “the single largest economic "
            "sanctions package ever leveled against the North Korean regime.”",
            "the single largest economic sanctions package ever leveled against the North Korean regime.",
            "Nikki Haley",
            "called",
        ),
        (  # "X, a spokesman for …, said": the person, not the role
            "“North Korea should realize that it will face stronger sanctions if it doesn’t stop,” Moon Sang-gyun, "
            "a spokesman for South Korea’s defense ministry, said on Tuesday.",
            "North Korea should realize that it will face stronger sanctions if it doesn’t stop",
            "Moon Sang-gyun",
            "said",
        ),
        (  # "they" stands for the coordinated subject before it
            "Craig and Mullins, the couple in the case, said the decision means their fight will continue.\n\n"
            '"We have always believed that you should not be turned away from a business because of who you are,"'
            " they said.",
            "We have always believed that you should not be turned away from a business because of who you are",
            "Craig and Mullins",
            "said",
        ),
        (  # "it" stands for the document that spoke before
            'The report says the president "engaged in a pattern of misconduct that will continue if left '
            'unchecked."\n\n"We cannot rely on the next election as a remedy for presidential misconduct," it says.',
            "We cannot rely on the next election as a remedy for presidential misconduct",
            "report",
            "says",
        ),
        (  # "he" is the main clause's subject, not the one inside its relative clause
            "Sanders, who has been battling accusations of misogyny after Warren accused of him of saying that a "
            "woman could not win in 2020, sought to downplay the tensions with Clinton. “My focus today is on a "
            "monumental moment in American history: the impeachment trial of Donald Trump,” he said in a statement.",
            "My focus today is on a monumental moment in American history: the impeachment trial of Donald Trump",
            "Sanders",
            "said",
        ),
        (  # an aside set off by commas: "Any information, he said, could then be …"
            "Bannon told the author that any such meeting should have been held with lawyers present. Any "
            "information, he said, could then be “dumped down to Breitbart or something like that.”",
            "dumped down to Breitbart or something like that.",
            "Bannon",
            "said",
        ),
        (  # a quote standing as its own sentence after a reported statement carries it on
            'The AP reports the peace process may begin anew if the truce holds. "However, Israel is reluctant to '
            "open Gaza's borders unless the militants are disarmed.\"",
            "However, Israel is reluctant to open Gaza's borders unless the militants are disarmed.",
            "AP",
            None,
        ),
        (  # "the spokesman" is the spokesman the article named
            "State Department spokesman Matt Miller declined to discuss the talks in detail on Monday.\n\n"
            '"We are not going to negotiate in public," the spokesman said.',
            "We are not going to negotiate in public",
            "Matt Miller",
            "said",
        ),
        (  # an unnamed official stays unnamed
            "An official close to the talks said the decision had been made in haste.\n\n"
            '"If we knew then what we know now, we would have moved him," the official told CNN.',
            "If we knew then what we know now, we would have moved him",
            "official",
            "told",
        ),
        (  # a finite verb the parser hung on the name before it
            "President Obama named Susan Rice as his national security adviser on Wednesday.\n\n"
            'Obama, speaking in the Rose Garden, called Rice a "tireless advocate" for advancing America\'s interests.',
            "tireless advocate",
            "Obama",
            "called",
        ),
        (  # an epithet for the person the text is about
            "Hillary Clinton said Tuesday night that she would endorse Bernie Sanders if he wins the nomination.\n\n"
            "The former secretary of state had earlier refused to say whether she would back Sanders, instead "
            "telling the outlet: “I’m not going to go there yet.”",
            "I’m not going to go there yet.",
            "Hillary Clinton",
            "telling",
        ),
    ],
)
def test_real_world_attribution_shapes(models: Models, text: str, quote: str, speaker: str, verb: str | None) -> None:
    q = find(quotes_in(models, text), quote)
    assert (q.speaker, q.verb) == (speaker, verb)


def test_she_said_far_from_the_name_is_the_last_person_quoted(models: Models) -> None:
    text = (
        'U.S. Ambassador Nikki Haley said the sanctions were "a gut-punch to North Korea."\n\n'
        "China, North Korea's largest trading partner, is expected to enforce the measures. Beijing voted for the "
        "resolution on Saturday.\n\n"
        "The vote came after months of negotiations at the Security Council in New York.\n\n"
        "“Ninety percent of the trade that North Korea has is with China,” she emphasized."
    )
    q = find(quotes_in(models, text), "Ninety percent of the trade that North Korea has is with China")
    assert (q.speaker, q.verb) == ("Nikki Haley", "emphasized")


def test_a_paper_relaying_first_person_words_is_not_their_speaker(models: Models) -> None:
    text = (
        "Ajjawi said he was questioned for hours at the airport. After about five hours, he said, an immigration "
        "official “called me into a room, and she started screaming at me,” according to the Crimson."
    )
    q = find(quotes_in(models, text), "called me into a room, and she started screaming at me")
    assert (q.speaker, q.verb) == ("Ajjawi", "said")


def test_terms_and_work_titles_in_marks_are_not_quotes(models: Models) -> None:
    text = (
        "The failure to contain the virus has forced the CDC to create a new “Ebola response unit” to help other "
        "hospitals prepare.\n\n"
        "She won the Pulitzer Prize in 2002 for her book “A Problem From Hell: America and the Age of Genocide.”\n\n"
        "The lawyers will question him over information in Michael Wolff’s book: “Fire and Fury: Inside the "
        "Trump White House.”"
    )
    assert quotes_in(models, text) == ()


def test_a_quote_closed_by_a_full_stop_is_not_attributed_to_the_next_sentence(models: Models) -> None:
    text = (
        'Cable news covered the story at 8:24am. A viewer wrote in: "Officials are still counting the dead in the '
        'flooded towns." Trump tweeted at 8:45 about the football players instead.'
    )
    q = find(quotes_in(models, text), "Officials are still counting the dead in the flooded towns.")
    assert q.speaker != "Trump" and q.verb != "tweeted"


# --- real AllSides articles (the shared sample, by line number) ------------------------------


@pytest.fixture(scope="module")
def allsides_quotes(models: Models, settings: Settings) -> dict[int, tuple[tuple[Quote, ...], Article]]:
    """Quotes of four cleaned AllSides articles: The Hill, Politico, AP and the Washington Times."""
    import gzip
    import json

    from newsprism.clean import clean_article

    from .conftest import SHARED

    wanted, out = {7396, 9836, 29076, 29463}, {}
    with gzip.open(SHARED / "data" / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n in wanted:
                r = json.loads(line)
                raw = Article(r["id"], r["text"], title=r["title"], outlet=r["outlet"], published=r["published"])
                article = clean_article(raw, settings=settings)
                out[n] = (quotes_of(models, article), article)
            if n >= max(wanted):
                break
    return out


@pytest.mark.slow
def test_real_articles_speakers(allsides_quotes: dict) -> None:
    hill, _ = allsides_quotes[7396]
    # "Craig and Mullins, the couple in the case, said …" then “…,” they said.
    assert starting(hill, "We have always believed that in America").speaker == "Craig and Mullins"
    politico, _ = allsides_quotes[9836]
    # a bracketed name inside the quote is no subject of "Clinton said"
    assert starting(politico, "I don’t think we want to go down that road again").speaker == "Clinton"
    # "Sanders, who … after Warren accused …, sought …. “…,” he said"
    assert starting(politico, "My focus today is on a monumental moment").speaker == "Sanders"
    ap, _ = allsides_quotes[29076]
    # "The former secretary of state … instead telling the outlet: “…”"
    assert find(ap, "I’m not going to go there yet.").speaker == "Hillary Clinton"
    times, article = allsides_quotes[29463]
    assert find(times, "They have made America safer.").speaker == "Obama"  # "the president proclaimed"
    assert not any(q.span.text.startswith("A Problem From Hell") for q in times)  # her book “…”
    for q in (*hill, *politico, *ap, *times):
        assert q.span.text == q.span.text.strip() and not q.span.text.endswith(",")
    assert all(article.text[q.span.start : q.span.end] == q.span.text for q in times)


def test_a_storm_named_like_a_person_is_no_antecedent(models: Models) -> None:
    text = (
        "Hurricane Maria devastated Puerto Rico two weeks ago.\n\n"
        "As Dhrumil Mehta has shown at FiveThirtyEight, Maria was relatively invisible on cable.\n\n"
        "“People on TV news shows spoke significantly fewer sentences about Hurricane Maria than about Hurricanes "
        "Harvey and Irma,” he writes."
    )
    q = starting(quotes_in(models, text), "People on TV news shows")
    assert (q.speaker, q.verb) == ("Dhrumil Mehta", "writes")


@pytest.mark.slow
def test_a_pronoun_that_reports_is_named_after_whom_it_stands_for(seed_annotations: dict) -> None:
    said = [s for ann in seed_annotations.values() for s in ann.sentences if s.report_verb and s.report_subject]
    resolved = {s.report_subject: s.speaker for s in said if s.speaker is not None}
    # 'He added that US President Joe Biden and UK Prime Minister Keir Starmer will discuss ...' follows Blinken
    added = next(s for s in said if s.span.text.startswith("He added that US President Joe Biden"))
    assert added.speaker is not None and "Blinken" in added.speaker
    assert resolved and set(resolved) <= {"He", "She", "They", "It", "he", "she", "they", "it"}  # only pronouns
