"""Direct quotes and who said them.

Quoted stretches are found from the marks alone by :mod:`._quote_marks`
(straight, curly and UK-style single quotes, paired by context so that a stray
or mis-typed mark never swallows the article), then attributed here with the
dependency parse:

1. the nearest reporting verb that governs the quote (``said it “…”``,
   ``“…,” the State Department said``, ``warning Paris: “…”``), or
   ``according to X`` / ``per X``;
2. else a reporting verb right next to the marks (``“…,” he said``,
   ``Smith said: “…”``) when the parser split them apart;
3. else a transcript label (``Mayor Bill de Blasio: “…”``);
4. else the speaker of the quote it continues (in the next sentence, in a
   paragraph that is only a quote, or across paragraphs) or of a lead-in
   paragraph (``Smith said:``).

Speakers are named by :mod:`._speakers`: the person inside the subject
(``State Department spokesman Matt Miller`` gives ``Matt Miller``), else the
organisation or group as written, and ``he``/``she`` resolved to the nearest
preceding person in subject position. Short quotes (under three words) are
kept only when someone is known to have said them; longer unattributed ones
keep ``speaker=None``. Titles and names in marks (a story “entitled …”,
NBC’s “Meet the Press”, Cory “Call Me Spartacus” Booker) are not quotes.

An embedded social-media post (:mod:`.posts`: 'Not fair! — Donald J. Trump
(@realDonaldTrump) September 30, 2017') is a quote of the author its signature
names, marks or none; quote marks inside it are the post's own, not the outlet's.

A quote's span is the words inside the marks, whitespace trimmed and a
trailing comma dropped (``“We’re working that out now,”`` gives ``We’re working
that out now``); other final punctuation (``.?!``) is kept as printed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import clause_verbs, data_lines, reporting_verbs
from ..model import Article, Mention, Quote, Sentence, Span
from ._article_index import Speaker, word_set
from ._quote_marks import MARKS, QuoteRegion, find_quote_regions
from ._speakers import Context, subject_of
from .posts import Post, embedded_posts, post_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["QuoteRegion", "extract_quotes", "find_quote_regions"]

#: Quotes shorter than this many words are kept only with a speaker.
MIN_FREE_WORDS = 3
#: A capitalised quote of at most this many words (and no verb, or a short one) is a title or a name.
MAX_TITLE_WORDS = 6

_WORDLIKE = re.compile(r"\w")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Words announcing a title or a name, not speech: a story "entitled “…”".
_TITLE_CUES = frozenset({"entitled", "titled", "headlined", "named", "dubbed", "nicknamed"})
#: Works whose capitalised name follows them in marks: her book “A Problem From Hell …”.
_WORK_NOUNS = word_set(
    "book books film movie documentary series show song album novel memoir play essay column headline "
    "program programme podcast newspaper magazine banner"
)
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_SINGULAR_FIRST = frozenset({"i", "me", "my"})
#: An unattributed quote this short with no verb is a term or a scare quote (a new “Ebola response unit”).
MAX_TERM_WORDS = 4


@cache
def _outlets() -> frozenset[str]:
    """News outlets (``data/news_outlets.txt``), lower-cased, with and without a leading "the"."""
    names = {n.lower() for n in data_lines("news_outlets.txt")}
    return frozenset(names | {n[4:] for n in names if n.startswith("the ")})


def _is_outlet(name: str) -> bool:
    low = name.lower()
    return low in _outlets() or (low.startswith("the ") and low[4:] in _outlets())


@dataclass(slots=True)
class _Found:
    region: QuoteRegion
    para: int
    content: list[Token]
    speaker: Speaker | None = None
    verb: Token | None = None
    inherited: bool = False


def _governing_verb(ctx: Context, content: Sequence[Token], para: tuple[int, int]) -> Token | None:
    """The nearest reporting verb above the quote in the parse tree, within its paragraph.

    The quote's words decide before its punctuation: a closing stop hangs on the sentence's root, which
    need not be the verb that governs the words ('Trump defended ..., dismissing critics as “ingrates.”').
    """
    inside = {t.i for t in content}
    words = [t for t in content if not t.is_punct]
    marks = [t for t in content if t.is_punct]
    for tokens in (words, marks):
        best: tuple[int, Token] | None = None
        for tok in tokens:
            if tok.head.i in inside or tok.head.i == tok.i:
                continue
            child, node, depth = tok, tok.head, 1
            while depth < 12 and para[0] <= node.idx < para[1]:
                if ctx.is_reporting(node):
                    # a clause coordinated with the reporting verb is not its content
                    if child.dep_ != "conj" and (best is None or depth < best[0]):
                        best = (depth, node)
                    break
                if node.head.i == node.i:
                    break
                child, node, depth = node, node.head, depth + 1
        if best is not None:
            return best[1]
    return None


@cache
def _quote_verbs() -> frozenset[str]:
    """The reporting verbs that can give a quote: not those that report only a clause ('the director showed
    “decisive leadership”' quotes no one)."""
    return frozenset(reporting_verbs()) - clause_verbs()


def _phrase_head(tok: Token) -> Token:
    """The head of the noun phrase that ``tok`` opens (``State Department spokesman Matt Miller`` -> Miller)."""
    while tok.dep_ in ("compound", "flat", "amod", "det", "poss", "nummod") and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _adjacent_verb(ctx: Context, region: QuoteRegion, para: tuple[int, int]) -> tuple[Token, Token | None] | None:
    """A reporting verb beside the marks: ``“…,” X said`` or ``X said: “…”``.

    Returns the verb and, when the parse gave it no usable subject, the token
    that names the speaker (the phrase right after the closing mark).
    """
    if region.close is not None:
        after = ctx.tokens(region.close + 1, para[1])[:30]
        if ctx.text[region.end - 1 : region.end] == "." and after and after[0].is_sent_start:
            after = []  # 'Banner: “… Visit.” Trump tweeted at 8:45.': a new sentence, not an attribution
        for n, tok in enumerate(after):
            if tok.text in MARKS:
                break
            if not ctx.is_reporting(tok):
                continue
            between = after[:n]
            if any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                break  # "“…” Smith said the plan …": the verb reports something else
            if tok.lower_ in ("according", "per") and "," not in ctx.text[region.end : tok.idx]:
                break  # "“…” According to data, …" opens the next sentence
            subject = subject_of(tok, ctx.in_quote)
            if subject is not None and not ctx.in_quote(subject.idx):
                allowed = set(subject.subtree)
                if all(t.is_punct or t in allowed or t.head == tok for t in between):
                    return tok, None
                break
            # a misparse hung the verb under the quote: name the phrase beside it
            words = [t for t in between if not t.is_punct]
            if any(t.tag_ in _FINITE for t in words):
                break
            if words:
                return tok, _phrase_head(words[0])
            nxt = after[n + 1] if n + 1 < len(after) else None
            if nxt is not None and nxt.pos_ in ("PROPN", "NOUN"):
                return tok, _phrase_head(nxt)
            break
    before = ctx.tokens(para[0], region.open)[-12:]
    words = [t for t in before if not t.is_space]
    if len(words) >= 2 and words[-1].text == ":":
        # "Trump responded to the quotes in the book with a scathing statement: “…”": the verb
        # that governs the phrase before the colon introduces the quote
        node, hops = words[-2], 0
        while hops < 4 and node.head.i != node.i and not ctx.is_reporting(node):
            node, hops = node.head, hops + 1
        if ctx.is_reporting(node) and node.i < words[-1].i and node.idx >= para[0]:
            return node, None
    for n in range(len(before) - 1, -1, -1):
        tok = before[n]
        if tok.text in MARKS or tok.text in (".", "!", "?"):
            break
        if ctx.is_reporting(tok):
            between = before[n + 1 :]
            if all((t.is_punct or tok in t.ancestors) and t.pos_ != "CCONJ" for t in between):
                return tok, None
            break
    return None


def _parenthetical_verb(ctx: Context, region: QuoteRegion, para: tuple[int, int]) -> Token | None:
    """A reporting clause set off by commas earlier in the quote's sentence.

    ``Donilon, the Times notes, has been a “…”`` and ``Any information, he said,
    could then be “…”``: the parser hangs such asides anywhere, so they are
    found by shape: ``, <subject> <verb>,`` before the opening mark.
    """
    first = ctx.tokens(region.open, region.open + 1)
    if not first:
        return None
    sent = first[0].sent
    toks = [t for t in sent if para[0] <= t.idx < region.open and not t.is_space]
    for n, tok in enumerate(toks):
        if n + 1 >= len(toks) or toks[n + 1].text != "," or tok.tag_ not in _FINITE or not ctx.is_reporting(tok):
            continue
        subject = subject_of(tok, ctx.in_quote)
        if subject is None or subject.i > tok.i or tok.i - subject.left_edge.i > 5:
            continue
        opening = subject.left_edge.i - 1
        aside = opening < sent.start or tok.doc[opening].text == ","
        if aside and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
            return tok
    return None


def _label_speaker(ctx: Context, region: QuoteRegion, para: tuple[int, int]) -> Speaker | None:
    """A transcript-style label: ``Mayor Bill de Blasio: “…”``."""
    before = [t for t in ctx.tokens(para[0], region.open) if not t.is_space]
    if len(before) < 2 or before[-1].text != ":":
        return None
    sent_start = before[-1].sent.start
    name = [t for t in before[:-1] if t.i >= sent_start]
    if not 0 < len(name) <= 6 or not all(t.pos_ == "PROPN" or t.text in (".", "-") for t in name):
        return None
    return ctx.name_subject(name[-1])


def _only_quotes(text: str, para: tuple[int, int], regions: Sequence[QuoteRegion]) -> bool:
    """Whether the paragraph holds nothing but quoted words."""
    chars = list(text[para[0] : para[1]])
    for r in regions:
        if para[0] <= r.open < para[1]:
            for j in range(r.open, min(r.stop, para[1])):
                chars[j - para[0]] = " "
    return not _WORDLIKE.search("".join(chars))


def _starts_sentence(ctx: Context, region: QuoteRegion) -> bool:
    first = ctx.tokens(region.open, region.open + 1)
    if not first:
        return False
    tok = first[0]
    return all(t.is_punct or t.is_space for t in tok.doc[tok.sent.start : tok.i])


def _title_like(content: Sequence[Token], *, loose: bool = False, any_length: bool = False) -> bool:
    """A quoted name or title (“The Art of the Deal”), not speech.

    ``loose``: any capitalised run of words (after a possessive, ``NBC’s “Meet the Press.”``).
    """
    words = [t for t in content if t.is_alpha]
    if not words or not all(t.text[0].isupper() or t.is_stop for t in words) or not words[0].text[0].isupper():
        return False
    if loose:
        return any_length or len(words) <= MAX_TITLE_WORDS
    # a capitalised clause is speech when it has its own verb, unless it is short and unpunctuated
    # like a show or a slogan ("Meet the Press", "Call Me Spartacus")
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
    return not has_verb or (len(words) <= 4 and content[-1].text not in (".", "!", "?"))


def _inherit(ctx: Context, item: _Found, found: Sequence[_Found], regions: Sequence[QuoteRegion]) -> None:
    """Give an unattributed quote the speaker of the quote or lead-in it continues."""
    r = item.region
    prev = found[-1] if found else None
    source: _Found | None = None
    runs_on = prev is not None and r.continued and prev.para == item.para - 1
    if runs_on or (prev is not None and prev.para == item.para and _starts_sentence(ctx, r)):
        source = prev
    elif _only_quotes(ctx.text, ctx.paras[item.para], regions):
        earlier = ctx.previous_paragraph(item.para)
        if earlier is None:
            return
        source = next((f for f in reversed(found) if f.para == earlier), None)
        if source is None:
            lead = ctx.lead_in(earlier)
            if lead is not None:
                item.speaker, item.inherited = lead, True
            return
    elif _starts_sentence(ctx, r):
        lead = _sentence_lead(ctx, r, ctx.paras[item.para])
        if lead is not None:
            item.speaker, item.inherited = lead, True
        return
    if source is not None and source.speaker is not None:
        item.speaker, item.verb, item.inherited = source.speaker, source.verb, True


def _sentence_lead(ctx: Context, region: QuoteRegion, para: tuple[int, int]) -> Speaker | None:
    """The speaker of the sentence just before, in the same paragraph, when it reports speech.

    ``The AP reports if this cease-fire holds, …. “However, Israel is reluctant …”``:
    a quote standing as its own sentence right after a reported statement
    carries on that statement.
    """
    first = ctx.tokens(region.open, region.open + 1)
    if not first:
        return None
    start = first[0].sent.start
    if start == 0:
        return None
    before = first[0].doc[start - 1]
    while before.is_space and before.i > 0:
        before = first[0].doc[before.i - 1]
    if before.idx < para[0] or ctx.in_quote(before.idx):
        return None
    root = before.sent.root
    if not (para[0] <= root.idx < para[1]) or not ctx.is_reporting(root):
        return None
    if reporting_verbs().get(root.lemma_.lower()) != "neutral":
        return None  # "The delegation demands …": a demand reported, not a speech the quote goes on with
    return ctx.speaker_of(root)


def _attribute(ctx: Context, item: _Found, found: Sequence[_Found], regions: Sequence[QuoteRegion]) -> None:
    """Find the quote's reporting verb and speaker, else its label or the quote it continues."""
    r, para = item.region, ctx.paras[item.para]
    verb = _governing_verb(ctx, item.content, para) if item.content else None
    beside = _adjacent_verb(ctx, r, para) if verb is None else None
    if verb is not None:
        item.verb, item.speaker = verb, ctx.speaker_of(verb)
    elif beside is not None:
        item.verb = beside[0]
        item.speaker = ctx.name_subject(beside[1]) if beside[1] is not None else ctx.speaker_of(beside[0])
    # "“… called me into a room …,” according to the Crimson": a paper (or an agency, a report)
    # printed someone's words and is a cited source; its own words ("Ajjawi faced questioning")
    # stay its own, and an organisation may speak as "we"
    relayed = item.verb is not None and item.verb.lower_ in ("according", "per")
    speaks = {t.lower_ for t in item.content} & _FIRST_PERSON
    org = item.speaker if item.speaker is not None and not item.speaker.person else None
    if relayed and org is not None and speaks and (_is_outlet(org.name) or speaks & _SINGULAR_FIRST):
        item.verb, item.speaker = None, None
    if item.verb is None:
        aside = _parenthetical_verb(ctx, r, para)
        if aside is not None:
            item.verb, item.speaker = aside, ctx.speaker_of(aside)
            return
        item.speaker = _label_speaker(ctx, r, para)
        if item.speaker is None:
            _inherit(ctx, item, found, regions)
        return
    prev = found[-1] if found else None
    participle = item.verb is not None and item.verb.tag_ == "VBG"
    if item.speaker is None and participle and prev is not None and prev.para == item.para:
        # "“…,” she said, adding, “…”": a participle with no parsed subject goes on the last speaker
        item.speaker = prev.speaker


def extract_quotes(
    doc: Doc,
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    posts: Sequence[Post] | None = None,
) -> tuple[Quote, ...]:
    """The direct quotes of ``article`` with their speakers, in text order.

    Args:
        doc: the spaCy Doc of ``article.text`` (parsed, with entities).
        article: the article the spans point into.
        sentences: its sentences (kept apart at paragraph breaks).
        mentions: its entity mentions (the names speakers are taken from).
        posts: its embedded posts (:func:`.posts.embedded_posts`), when found already: each is a quote.
    """
    posts = embedded_posts(article.text) if posts is None else posts
    posted = post_quotes(article, posts)
    regions = find_quote_regions(article.text)
    if not regions:
        return tuple(posted)
    ctx = Context.build(
        doc, article.text, sentences, mentions, _quote_verbs(), [(r.open, r.stop) for r in regions]
    )
    found: list[_Found] = []
    for r in regions:
        item = _Found(r, ctx.paragraph_of(r.open), ctx.tokens(r.start, r.end))
        _attribute(ctx, item, found, regions)
        found.append(item)
    # a quote left open at a paragraph end takes the speaker of its continuation
    for k in range(len(found) - 2, -1, -1):
        cur, nxt = found[k], found[k + 1]
        if cur.region.close is None and cur.speaker is None and nxt.region.continued and nxt.speaker:
            cur.speaker, cur.verb, cur.inherited = nxt.speaker, nxt.verb, True
    quotes = [q for q in (_to_quote(article, item) for item in found) if q is not None]
    if not posts:
        return tuple(quotes)
    # a post is its author's words whole: marks in it quote within the post, not the outlet
    outside = [q for q in quotes if not any(p.start < q.span.end and q.span.start < p.end for p in posts)]
    return tuple(sorted((*outside, *posted), key=lambda q: q.span.start))


def resolve_report_subjects(
    doc: Doc, article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> tuple[Sentence, ...]:
    """``sentences`` with :attr:`Sentence.subject_pronoun` set where a reporting verb's subject is a pronoun
    (and :attr:`Sentence.writer_speaks` where it is the first person: 'I believe'), and
    :attr:`Sentence.speaker` where that pronoun stands for a name the article gives ('He added that ...'
    after 'Marsh said ...')."""
    starts = [t.idx for t in doc]
    ctx: Context | None = None
    out = list(sentences)
    for n, sentence in enumerate(sentences):
        if sentence.report_verb is None or not sentence.report_subject:
            continue
        lo, hi = bisect_left(starts, sentence.span.start), bisect_left(starts, sentence.span.end)
        subject = next(
            (t for t in doc[lo:hi] if t.pos_ == "PRON" and t.text == sentence.report_subject and t.dep_ == "nsubj"),
            None,
        )
        if subject is None:
            continue
        out[n] = replace(sentence, subject_pronoun=True, writer_speaks=subject.morph.get("Person", []) == ["1"])
        if ctx is None:  # a fresh index: the quote attribution's leaves its state behind, which would mislead here
            regions = [(r.open, r.stop) for r in find_quote_regions(article.text)]
            ctx = Context.build(doc, article.text, sentences, mentions, _quote_verbs(), regions)
        named = ctx.name_of(subject)
        if named is not None:
            out[n] = replace(out[n], speaker=named.name)
    return tuple(out)


def _to_quote(article: Article, item: _Found) -> Quote | None:
    r, content = item.region, item.content
    n_words = len(_WORD.findall(article.text, r.start, r.end))
    cue = _WORD.findall(article.text, max(0, r.open - 20), r.open)
    if cue and cue[-1].lower() in _TITLE_CUES:
        return None
    if cue and cue[-1].lower() in _WORK_NOUNS and _title_like(content, loose=True, any_length=True):
        return None  # her book “A Problem From Hell: America and the Age of Genocide”
    if (
        item.speaker is None
        and item.verb is None
        and n_words <= MAX_TERM_WORDS
        and not any(t.pos_ in ("VERB", "AUX") for t in content)
    ):
        return None  # a term in marks: no “adults in the room”
    if (item.speaker is None and n_words < MIN_FREE_WORDS) or (n_words <= MAX_TITLE_WORDS and _title_like(content)):
        return None
    if (
        cue
        and article.text[max(0, r.open - 3) : r.open].rstrip().endswith(("’s", "'s"))
        and _title_like(content, loose=True)
    ):
        return None  # NBC’s “Meet the Press.”: a show, a book, a paper
    verb_span = verb_lemma = None
    if item.verb is not None and not item.inherited:
        v = item.verb
        end = v.idx + len(v.text)
        if v.lower_ == "according":
            nxt = v.doc[v.i + 1]
            end = nxt.idx + len(nxt.text)
        elif v.lower_ != "per":
            verb_lemma = v.lemma_.lower()
        verb_span = Span.of(article, v.idx, end)
    s = item.speaker
    return Quote(
        span=Span.of(article, r.start, r.end),
        speaker=s.name if s else None,
        speaker_span=Span.of(article, s.start, s.end) if s else None,
        verb=verb_span.text if verb_span else None,
        verb_span=verb_span,
        verb_lemma=verb_lemma,
    )
