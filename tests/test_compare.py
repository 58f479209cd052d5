"""The story stage's own helpers: titles and story quotes."""

from __future__ import annotations

from newsprism.compare import story_quotes, story_title
from newsprism.model import Annotations, Article, Mention, Quote, Span
from newsprism.nlp.aliases import EntityIndex


def test_story_title_prefers_a_plain_headline_over_a_quote() -> None:
    quoted = Article("a", "x", title="“We will rebuild,” mayor says after floods")
    plain = Article("b", "x", title="Floods cut off three villages in the north")
    reprint = Article("c", "x", title="Agency copy headline", duplicate_of="b")
    assert story_title([quoted, plain, reprint]) == "Floods cut off three villages in the north"
    assert story_title([quoted]) == "“We will rebuild,” mayor says after floods"
    assert story_title([Article("d", "x", outlet="Daily Post")]) == "Daily Post"


def test_story_quotes_name_speakers_by_their_canonical_entity() -> None:
    text = "Mayor Anna Kowalski said the bridge would reopen. “We will rebuild,” Kowalski said."
    article = Article("a", text)
    full = Span.of(article, text.index("Anna Kowalski"), text.index("Anna Kowalski") + len("Anna Kowalski"))
    short_at = text.rindex("Kowalski")
    short = Span.of(article, short_at, short_at + len("Kowalski"))
    quote_at = text.index("We will")
    quote = Quote(Span.of(article, quote_at, quote_at + len("We will rebuild")), "Kowalski", short, "say")
    ann = Annotations("a", mentions=(Mention(full, "PERSON"), Mention(short, "PERSON")), quotes=(quote,))
    index = EntityIndex.build([article], [ann])
    (sq,) = story_quotes("s1", [ann], index)
    assert (sq.id, sq.speaker, sq.verb, sq.span.text) == ("s1-q1", "Anna Kowalski", "say", "We will rebuild")
    assert sq.speaker_entity == index.lookup("Kowalski").id


def test_story_title_comes_from_news_not_from_an_opinion_piece() -> None:
    from newsprism.model import Genre

    column = Article("c", "text", title="The dam owners should go to jail", genre=Genre("opinion", "URL path /opinion/"))
    news = Article("n", "text", title="Dam collapse kills 12 in Moldova")
    assert story_title([column, news]) == "Dam collapse kills 12 in Moldova"
    assert story_title([column]) == "The dam owners should go to jail"  # only opinion: its title still names it
