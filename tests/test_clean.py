"""Cleaning on the real seeds and on hand-made pages: noise out with its reason, content kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.clean import PARAGRAPH_SEPARATOR, clean_article, encoding_replacement, split_paragraphs
from newsprism.config import Settings
from newsprism.model import Article, Removal
from newsprism.nlp.posts import post_quotes

from .conftest import SEEDS

SETTINGS = Settings()


def _clean(text: str, **fields: object) -> Article:
    return clean_article(Article(id="t", text=text, **fields), settings=SETTINGS)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """Seed prefix ('000'...) to the article cleaned from the raw file text."""
    out = {}
    for path in sorted(Path(SEEDS).glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        out[path.stem[:3]] = clean_article(Article(id=path.stem, text=raw), settings=SETTINGS)
    assert len(out) == 5
    return out


def paragraphs(article: Article) -> list[str]:
    return article.text.split(PARAGRAPH_SEPARATOR)


def removed(article: Article, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def assert_removed(article: Article, line: str, reason: str) -> None:
    assert line not in paragraphs(article), f"{line!r} still in the text"
    assert line not in article.text
    assert line in removed(article, reason), f"{line!r} not removed as {reason}: {article.removed}"


def assert_kept(article: Article, line: str) -> None:
    assert line in paragraphs(article), f"{line!r} was not kept as a paragraph"
    assert all(line != r.text for r in article.removed)


# --- seed 000: "Read more" link titles and "READ MORE:" --------------------------------


def test_read_more_blocks_and_their_link_titles_are_removed(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert removed(a, "related_links").count("Read more") == 2
    assert "Read more" not in paragraphs(a)
    assert_removed(a, "Pentagon explains refusal to let Ukraine use long-range missiles", "related_links")
    assert_removed(a, "US knows Russia’s red lines – Lavrov", "related_links")
    assert_removed(a, "READ MORE: US trying to maintain dominance at ‘any cost’ – Putin", "related_links")
    assert "READ MORE" not in a.text


def test_prose_around_read_more_blocks_is_kept(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert_kept(
        a,
        "Blinken will be in Kiev on Wednesday “to show continued support for Ukraine’s defense,” State Department "
        "spokesman Matt Miller has confirmed. He did not announce any policy changes.",
    )
    assert any(p.startswith("However, Bloomberg quoted Blinken on Tuesday") for p in paragraphs(a))
    assert_kept(a, "Iran has categorically denied the accusation, insisting it has not supported either party in the conflict.")
    assert any(p.startswith("Russian ambassador to the UN, Vassily Nebenzya") for p in paragraphs(a))
    assert any(p.startswith("As late as August 27, the Pentagon maintained") for p in paragraphs(a))


# --- seed 001: mojibake -----------------------------------------------------------------


def test_stray_a_circumflex_is_repaired_and_recorded(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    assert "Â" not in a.text
    repairs = [r for r in a.removed if r.reason == "encoding"]
    assert repairs == [Removal("Â", "encoding", 'replaced by ""')]
    assert encoding_replacement(repairs[0]) == ""
    assert_kept(
        a,
        "Biden is expected to discuss the long-range weapons issue with U.K. Prime Minister Keir Starmer during their "
        "meeting at the White House on Sept. 13, an official told Politico.",
    )
    assert len(paragraphs(a)) == 10


# --- seed 002: label, promo, © caption, "Articles You May Like" ------------------------


def test_section_label_and_newsletter_promo_are_removed(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert_removed(a, "News", "section_label")
    assert_removed(a, "Unlock the US Election Countdown newsletter for free", "promo")
    assert any(p.startswith("US secretary of state Antony Blinken and UK foreign secretary David Lammy held talks") for p in paragraphs(a))


def test_getty_caption_is_removed_and_its_neighbours_kept(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert_removed(
        a,
        "US secretary of state Antony Blinken greets President Volodymyr Zelenskyy, right, as UK foreign secretary "
        "David Lammy, left, looks on, in Kyiv on Wednesday © Getty Images",
        "caption",
    )
    assert_kept(
        a,
        "Blinken and Lammy said the issue would be discussed by Biden when he holds talks with UK Prime Minister Sir "
        "Keir Starmer in Washington on Friday.",
    )
    assert_kept(
        a,
        "Ukrainian President Volodymyr Zelenskyy, who held talks with Blinken and Lammy, said on Wednesday he wanted "
        "to “count on some strong decisions”.",
    )


def test_articles_you_may_like_list_is_removed_to_the_end(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert_removed(a, "Articles You May Like", "related_links")
    for headline in (
        "Shares of California utility Edison International drop 10% as wildfires rage",
        "Children’s Minnesota plans $181M revenue bond sale",
        "European wind stocks tumble after Trump says he will stop new turbine construction",
    ):
        assert_removed(a, headline, "related_links")
    assert len(removed(a, "related_links")) == 6
    assert paragraphs(a)[-1].startswith("Blinken also said he was in Kyiv to reaffirm that the US wants Ukraine to win")
    assert "\xa0" not in a.text  # no-break spaces are whitespace: normalised, content intact
    assert "humanitarian, energy and other needs." in a.text


# --- seed 003: (pictured) captions, photo caption, repeat, byline -----------------------------


def test_pictured_and_photo_captions_are_removed(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    captions = removed(a, "caption")
    assert len(captions) == 4
    assert any(c.startswith("President Joe Biden (pictured) “has not ruled out”") for c in captions)
    assert any(c.startswith("Asked about the West’s stance on the missiles, Antony Blinken (pictured right) said") for c in captions)
    assert any(c.startswith("Yoav Gallant (pictured) spoke as his country braces") for c in captions)
    assert_removed(
        a,
        "This photo shows a residential building damaged after a Ukrainian drone strike in Ramenskoye, Moscow region, "
        "on September 10, 2024.",
        "caption",
    )
    assert "(pictured" not in a.text


def test_body_sentences_next_to_captions_are_kept(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    assert paragraphs(a)[0].startswith("President Joe Biden “has not ruled out” allowing Ukraine")
    assert any(p.startswith("Asked about the West’s stance on missiles, Blinken said: “We never rule anything out.") for p in paragraphs(a))
    assert_kept(a, "At least one civilian has been killed in a Ukrainian drone strike in Moscow")
    assert_kept(
        a,
        "Yoav Gallant spoke as his country braces for a retaliatory strike following the assassination of Hamas chief "
        "Ismail Haniyeh in Tehran.",
    )


def test_repeated_paragraph_is_kept_once(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    repeat = (
        "At a joint news conference in London, Foreign Secretary David Lammy and his US counterpart, Secretary of "
        "State Antony Blinken, said Iran had ignored warnings that the transfer of such weapons would be a deep "
        "escalation of the conflict."
    )
    assert paragraphs(a).count(repeat) == 1
    repeats = [r for r in a.removed if r.reason == "repeated"]
    assert [r.text for r in repeats] == [repeat]
    assert repeats[0].detail is not None and "At a joint news conference in London" in repeats[0].detail
    assert_kept(a, "Mr Lammy warned last night that Iran’s supply of ballistic missiles to Russia constituted “a significant and dangerous escalation”.")


def test_by_line_is_removed_and_the_story_around_it_kept(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    assert_removed(a, "By Harriet Line and Natalie Lisbona in Tel Aviv", "byline")
    assert_kept(a, "Iran sanctioned by YUK and US for supplying ballistic missiles to Russia")
    assert any(p.startswith("Iran was sanctioned yesterday by the United Kingdom and the United States") for p in paragraphs(a))


# --- seed 004: Sky News caption, trailing author, Source URL, comment counter ------------------


def test_photo_credit_caption_is_removed(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    assert_removed(
        a,
        "There was a significant change in tone, signaling that the Biden administration may be ready to accede to "
        "Ukraine's requests for the use of US-funded weapons. Photo: Sky News",
        "caption",
    )
    assert any(p.startswith("The current talks between Washington and Kiev mark a significant change in tone") for p in paragraphs(a))
    assert any(p.startswith("The White House National Security Council declined to comment.") for p in paragraphs(a))


def test_trailing_author_source_line_and_comment_counter_are_removed(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    source = (
        "Source: https://www.nguoiduatin.vn/nha-trang-dang-hoan-thien-ke-hoach-mo-rong-pham-vi-ukraine-co-the-tan-cong-"
        "vao-nga-204240912095217039.htm"
    )
    assert_removed(a, "Minh Duc (According to Politico)", "byline")
    assert_removed(a, source, "source_line")
    assert_removed(a, "Comment (0)", "comment_counter")
    assert paragraphs(a)[-1].startswith("Additionally, U.S. officials have pointed out that because the military")


def test_source_line_supplies_outlet_and_url(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    assert a.outlet == "nguoiduatin.vn"
    assert a.url is not None and a.url.startswith("https://www.nguoiduatin.vn/nha-trang-dang-hoan-thien")
    assert all(seeds[k].outlet is None for k in ("000", "001", "002", "003"))
    given = _clean("A line of body text that is long enough to be a paragraph of prose.\nSource: https://example.org/a/b", outlet="Example Daily")
    assert given.outlet == "Example Daily" and given.url == "https://example.org/a/b"


def test_seed_texts_are_tidy_and_english(seeds: dict[str, Article]) -> None:
    for a in seeds.values():
        assert a.language == "en"
        assert a.text == a.text.strip() and "\n\n\n" not in a.text
        for p in paragraphs(a):
            assert p and p == " ".join(p.split())


# --- hand-made pages ----------------------------------------------------------------------

NOISY = """Home › News › World
By Maria Lopez and Tom Berg, Reuters
Posted 12 March 2024, 09:15 GMT

The city council voted on Tuesday to approve a new budget that doubles spending on public transport.
Advertisement
Share this article
Sign up for our Morning Briefing newsletter to get the day's top stories in your inbox.
The mayor, who proposed the plan in January, said the vote was â€œa turning pointâ€\x9d for the city.
Commuters wait at a bus stop in the city centre on Monday. (Photo by Jane Doe/AFP via Getty Images)
Opposition members said the council had not explained how the plan would be paid for.
FILE PHOTO: The city hall building is seen in a picture taken last year. REUTERS/John Smith/File Photo
Related articles
Council leader faces confidence vote
Transport strike called off after talks
The budget will take effect in April, officials said.
Tags: Budget, Transport, City council
12 comments
Reporting by Maria Lopez; Editing by Tom Berg
"""


def test_handmade_page_noise_is_removed_with_reasons() -> None:
    a = _clean(NOISY)
    assert_removed(a, "Home › News › World", "section_label")
    assert_removed(a, "By Maria Lopez and Tom Berg, Reuters", "byline")
    assert_removed(a, "Posted 12 March 2024, 09:15 GMT", "boilerplate")
    assert_removed(a, "Advertisement", "boilerplate")
    assert_removed(a, "Share this article", "boilerplate")
    assert_removed(a, "Sign up for our Morning Briefing newsletter to get the day's top stories in your inbox.", "promo")
    assert_removed(a, "Commuters wait at a bus stop in the city centre on Monday. (Photo by Jane Doe/AFP via Getty Images)", "caption")
    assert_removed(
        a, "FILE PHOTO: The city hall building is seen in a picture taken last year. REUTERS/John Smith/File Photo", "caption"
    )
    assert_removed(a, "Related articles", "related_links")
    assert_removed(a, "Council leader faces confidence vote", "related_links")
    assert_removed(a, "Transport strike called off after talks", "related_links")
    assert_removed(a, "Tags: Budget, Transport, City council", "section_label")
    assert_removed(a, "12 comments", "comment_counter")
    assert_removed(a, "Reporting by Maria Lopez; Editing by Tom Berg", "byline")
    assert paragraphs(a) == [
        "The city council voted on Tuesday to approve a new budget that doubles spending on public transport.",
        "The mayor, who proposed the plan in January, said the vote was “a turning point” for the city.",
        "Opposition members said the council had not explained how the plan would be paid for.",
        "The budget will take effect in April, officials said.",
    ]
    repairs = {(r.text, encoding_replacement(r)) for r in a.removed if r.reason == "encoding"}
    assert repairs == {("â€œ", "“"), ("â€\x9d", "”")}


CLEAN_PROSE = [
    "The news of the ceasefire spread quickly through the city, and residents poured into the streets.",
    "A source familiar with the talks said the photo was taken before the meeting began.",
    "Readers who want to read more about the budget can find the full report on the ministry's website.",
    "Photo agencies were not allowed into the courtroom, the judge said on Monday.",
    "By Tuesday evening, the army had withdrawn from the town.",
    "By Monday",
    "Sources said the deal would be signed on Friday in Geneva.",
    "Source material for the report came from three ministries and two regional offices.",
    "More than 200 people were evacuated, according to the local news agency.",
    "Related talks in Vienna ended without agreement, the spokesman said.",
    "He said: “Read more, and you will understand why the region is so divided.”",
    "Follow-up talks with alliance members are planned for next month, diplomats said.",
    "Support for free trade has fallen among voters in both parties, the survey found.",
    "News outlets including the BBC and Reuters reported the explosion within minutes.",
]


def test_prose_mentioning_noise_words_is_kept() -> None:
    a = _clean("\n".join(CLEAN_PROSE))
    assert a.removed == ()
    assert paragraphs(a) == CLEAN_PROSE


def test_near_repeat_with_one_word_changed_is_removed() -> None:
    first = "The minister said on Monday that the new rules would take effect in the spring."
    again = "The minister said on Tuesday that the new rules would take effect in the spring."
    longer = (
        "The minister said on Tuesday that the new rules would take effect in the spring, but unions have already "
        "promised to challenge them in the constitutional court."
    )
    a = _clean(f"{first}\nUnions disagreed with the plan and called a strike.\n{again}\n{longer}")
    assert [(r.text, r.reason) for r in a.removed] == [(again, "repeated")]
    assert paragraphs(a) == [first, "Unions disagreed with the plan and called a strike.", longer]


def test_pull_quote_repeating_a_sentence_is_removed_but_short_repeats_are_kept() -> None:
    body = (
        "The report was published on Friday. It found that emissions from the sector had risen for a third year in a "
        "row despite new rules. Officials declined to comment."
    )
    quote = "It found that emissions from the sector had risen for a third year in a row despite new rules."
    a = _clean(f"{body}\nHe declined.\n{quote}\nHe declined.")
    assert [(r.text, r.reason) for r in a.removed] == [(quote, "repeated")]
    assert paragraphs(a) == [body, "He declined.", "He declined."]


def test_title_repeated_as_first_line_is_removed_and_earlier_removals_kept() -> None:
    title_removal = Removal("Council Approves Budget", "title")
    a = clean_article(
        Article(
            id="t",
            title="Council approves budget",
            text="Council approves budget\nThe council approved the budget on Tuesday after a long debate.",
            removed=(title_removal,),
        ),
        settings=SETTINGS,
    )
    assert a.removed[0] == title_removal
    assert a.removed[1] == Removal("Council approves budget", "repeated", "repeats the title")
    assert a.text == "The council approved the budget on Tuesday after a long debate."


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    text = (
        "The council voted on Tuesday to approve the new budget, which includes\n"
        "funding for schools and a new bus line.\n\n"
        "Critics said the plan was rushed and that the costs of the bus line\n"
        "were not known.\n"
    )
    assert split_paragraphs(text) == [
        "The council voted on Tuesday to approve the new budget, which includes funding for schools and a new bus line.",
        "Critics said the plan was rushed and that the costs of the bus line were not known.",
    ]


def test_invisible_characters_and_entities_are_repaired() -> None:
    a = _clean("The ministry\u200b said the talks &amp; the vote would go ahead as planned on Monday.")
    assert a.text == "The ministry said the talks & the vote would go ahead as planned on Monday."
    assert {(r.text, encoding_replacement(r)) for r in a.removed} == {("\u200b", ""), ("&amp;", "&")}
    assert all(r.reason == "encoding" for r in a.removed)


def test_curly_quotes_and_foreign_letters_are_not_touched() -> None:
    line = "„Wir schaffen das“, sagte die Kanzlerin am Montag in Berlin – und Ärzte stimmten zu."
    a = _clean(line)
    assert a.text == line and a.removed == ()
    assert a.language == "de"


def test_empty_article() -> None:
    a = _clean("  \n\n ")
    assert a.text == "" and a.removed == () and a.language == "und"


BEFORE = "Officials in the capital said on Wednesday that the talks would resume next week."
AFTER = "The foreign ministry did not respond to a request for comment on the report."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement Continue reading the main story", "boilerplate"),
        ("This article is more than 1 year old", "boilerplate"),
        ("Updated: 10:42 AM EST, Tue March 5, 2024", "boilerplate"),
        ("5 min read", "boilerplate"),
        ("Listen to this article", "boilerplate"),
        ("Copyright 2024 The Daily Example. All rights reserved.", "boilerplate"),
        ("Image caption Rescue workers search the rubble after the strike", "caption"),
        ("FILE - Police officers stand guard outside the parliament building, Jan. 6, 2021.", "caption"),
        ("The ministers (left and right) met in the capital on Tuesday", "caption"),
        ("Protesters march through the city centre. REUTERS/Jane Doe", "caption"),
        ("Rescue workers at the scene of the blast on Monday. Picture: Alamy", "caption"),
        ("A satellite image taken on Monday shows damage to the runway", "caption"),
        ("Watch: The minister's full statement to parliament", "related_links"),
        ("SEE ALSO: Talks collapse as deadline passes", "related_links"),
        ("Follow us on Telegram for the latest updates", "promo"),
        ("Already a subscriber? Log in to continue reading.", "promo"),
        ("Become a member today", "promo"),
        ("Topics: Diplomacy, Elections", "section_label"),
        ("BREAKING NEWS", "section_label"),
        ("Opinion", "section_label"),
        ("Additional reporting by John Roe in Geneva", "byline"),
        ("By JANE DOE, Diplomatic Correspondent", "byline"),
        ("View 24 comments", "comment_counter"),
        ("Comments (12)", "comment_counter"),
        ("Source: Reuters", "source_line"),
        ("This story was originally published by the Example Herald.", "source_line"),
        ("This article tagged under: Planned Parenthood", "section_label"),
        ("Who Won the Presidential Debate? Vote Here!", "boilerplate"),
        ("For more on the long tail of TABOR, click here.", "boilerplate"),
        ("To read the rest of the Monitor’s coverage of the U.S.-Iran clash, please click here.", "boilerplate"),
    ],
)
def test_noise_line_between_prose_is_removed(line: str, reason: str) -> None:
    a = _clean(f"{BEFORE}\n{line}\n{AFTER}")
    assert paragraphs(a) == [BEFORE, AFTER]
    assert [(r.text, r.reason) for r in a.removed] == [(line, reason)]


#: Notes on the article itself and pitches to the reader, from real pages (AllSides), each a paragraph of its own.
ARTICLE_NOTES = [
    ("Update, May 24: Adds information about a doctored Nancy Pelosi video.", "edit note"),
    (
        "Updates, 12:04 p.m.: Includes more remarks from Zuckerberg and interview with Washington Post; "
        "1:01 p.m.: Adds comments from Color of Change.",
        "edit note",
    ),
    ("Update: Story updated with comments from John Bolton.", "edit note"),
    ("This story was updated on Aug. 6, 2015.", "edit note"),
    (
        "• This article was amended on 24 January 2019. An earlier version said Joe Biden would be five years older "
        "at a potential inauguration than Ronald Reagan was on taking office. This has been corrected to nine years: "
        "Reagan was 69 when he became president.",
        "edit note",
    ),
    ("Originally published Oct. 1, 8:23 a.m. PT.", "republication note"),
    ("Originally published Oct. 17, 10:28 a.m. PT.", "republication note"),
    ("Update 5:15PM ET: Added Google’s new statements about The Federalist and its change in policy.", "edit note"),
    ("Update: This post has been updated with comments from Gov. Rick Scott and the Broward County sheriff.", "edit note"),
    (
        "This article was amended on 26 December to correct the name of the General Services Administration. The "
        "article had referred to the GSA as the Government Services Authority, which is not correct.",
        "edit note",
    ),
    ("[Originally published at SheilaKennedy.net on September 14, 2015]", "republication note"),
    (
        "Originally published on October 9, 2019. Edited and republished with permission from The Intercept, an "
        "award-winning nonprofit news organization dedicated to holding the powerful accountable through fearless, "
        "adversarial journalism.",
        "republication note",
    ),
    (
        "Something to Consider If you enjoyed this article, we have a proposition for you: Join NRPLUS. Members get "
        "all of our content (including the magazine), no paywalls or content meters, an advertising-minimal "
        "experience, and unique access to our writers and editors (conference calls, social-media groups, etc.). And "
        "importantly, NRPLUS members help keep NR going. Consider it? If you enjoyed this article, and were "
        "stimulated by its contents, we have a proposition for you: Join NRPLUS. LEARN MORE",
        "reader pitch",
    ),
    ("If you liked this map, sign up to be notified of new Metrocosm posts", "reader pitch"),
]


@pytest.mark.parametrize(("line", "detail"), ARTICLE_NOTES)
def test_notes_on_the_article_and_reader_pitches_are_removed(line: str, detail: str) -> None:
    a = _clean(f"{BEFORE}\n{line}\n{AFTER}")
    assert paragraphs(a) == [BEFORE, AFTER]
    assert [(r.text, r.detail) for r in a.removed] == [(line, detail)]


#: Real paragraphs that open like such notes but report the story or argue.
NOT_ARTICLE_NOTES = [
    "Update at 1:25 p.m. ET: By a vote of 285-144, the House just passed a Republican plan that postpones for three "
    "months the federal government's next bump up against the so-called debt ceiling.",
    "If you like your president, you’re going to be able to keep him.",
    "If you enjoy having a good argument, Friday's report on the labor market gives you plenty to chew over. Find a "
    "debate partner and let's get started.",
    'Originally published under the headline "It\'s Okay to Hate Republicans," the online version at '
    "InTheseTimes.com has drawn the wrath of Republicans and conservatives around the country.",
    "This story was reported by the Thomson Reuters Foundation.",
    "This story has been updated to reflect additional developments. The 116th class of Congress broke barriers "
    "before its members even set foot in Washington.",
    # written for this test: a live blog's update that reports, and a bare 'Originally posted' that opens a clause
    "Update: Adding to the confusion, the White House said the meeting was off.",
    "UPDATE 3: Included among the dead were two children and a police officer.",
    "Originally posted on Facebook, the video has been viewed more than a million times.",
    "Originally published in 2016, the report found that most voters approved of the plan.",
    "Supporters say that if you like this plan, you should urge members of Congress to back it.",
    "If you value our democracy, you should support the bill.",
]


def test_prose_that_opens_like_an_article_note_is_kept() -> None:
    a = _clean("\n".join([BEFORE, *NOT_ARTICLE_NOTES, AFTER]))
    assert a.removed == ()
    assert paragraphs(a) == [BEFORE, *NOT_ARTICLE_NOTES, AFTER]


def test_a_note_run_into_the_storys_next_sentence_is_kept() -> None:
    fused = (
        "This story has been updated to reflect additional developments.The 116th class of Congress broke barriers "
        "before its members even set foot in Washington."
    )
    assert paragraphs(_clean(f"{BEFORE}\n{fused}\n{AFTER}")) == [BEFORE, fused, AFTER]


def test_a_post_signature_stays_with_the_post_it_signs() -> None:
    post = "Fake News CNN is going out of its way to disparage our great First Responders. Not fair!"
    signature = "— Donald J. Trump (@realDonaldTrump) September 30, 2017"
    a = _clean(f"{BEFORE}\n{post}\n{signature}\n{AFTER}")
    assert paragraphs(a) == [BEFORE, f"{post} {signature}", AFTER] and a.removed == ()
    (found,) = post_quotes(a)  # the NLP pass reads the post as Trump's words
    assert (found.speaker, found.span.text) == ("Donald J. Trump", post)


def test_a_post_signature_under_cut_noise_goes_with_it() -> None:
    caption = "Image caption Rescue workers search the rubble after the storm"
    signature = "— Donald J. Trump (@realDonaldTrump) September 30, 2017"
    a = _clean(f"{BEFORE}\n{caption}\n{signature}\n{AFTER}")  # the post itself was not kept: sign nothing else
    assert paragraphs(a) == [BEFORE, AFTER]
    assert [r.text for r in a.removed] == [caption, signature]


@pytest.mark.parametrize("heading", ["Read more:", "More from the Example Herald", "Most read", "You might also like"])
def test_list_heading_takes_only_the_link_titles_under_it(heading: str) -> None:
    a = _clean(f"{BEFORE}\n{heading}\nTalks collapse as deadline passes\nWhy the ceasefire failed?\n{AFTER}")
    assert paragraphs(a) == [BEFORE, AFTER]
    assert [(r.text, r.reason) for r in a.removed] == [
        (heading, "related_links"),
        ("Talks collapse as deadline passes", "related_links"),
        ("Why the ceasefire failed?", "related_links"),
    ]
    assert a.removed[1].detail == f"link title under {json.dumps(heading)}"


def test_more_from_in_a_sentence_is_not_a_heading() -> None:
    line = "More from the interview will be published on Sunday, the editors said."
    assert _clean(f"{BEFORE}\n{line}\nTalks collapse as deadline passes\n{AFTER}").removed == ()


def test_repairs_in_a_very_long_line_are_recorded_without_a_quadratic_diff() -> None:
    line = ("Itâ€™s a long line of prose about the budget vote. " * 400).strip()
    a = _clean(line)
    assert "â€™" not in a.text and a.text.count("It’s") == 400
    repairs = [r for r in a.removed if r.reason == "encoding"]
    assert len(repairs) == 1 and repairs[0].text.startswith("â€™") and repairs[0].text.endswith("â€™")
    assert encoding_replacement(repairs[0]) == repairs[0].text.replace("â€™", "’")


def test_video_players_and_photo_galleries_are_captions() -> None:
    from newsprism.clean_rules import classify_paragraph

    video = (
        "JUST WATCHED Harbour crews race to clear the spill Replay More Videos ... "
        "MUST WATCH Harbour crews race to clear the spill 02:27"
    )
    gallery = (
        "Photos: Photos: Storm damage Storm damage – Residents wade through a flooded street on Monday. "
        "Hide Caption 1 of 12 Photos: Photos: Storm damage Storm damage – A fallen tree blocks a road. Hide Caption 2 of 12"
    )
    assert classify_paragraph(video).reason == "caption"
    assert classify_paragraph(gallery).reason == "caption"
    # Prose that mentions watching or captions stays.
    assert classify_paragraph("Residents who just watched the water rise said the warning came too late.") is None
    assert classify_paragraph("The museum will show 12 of its 40 photos of the flood from Monday.") is None
