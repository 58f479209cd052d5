"""Cited sources: who an article says its reporting comes from.

A cited source is an origin of reporting named in the text: a news outlet or
agency (``Politico reported``, ``told Axios``, ``an Axios reporter has
claimed``, ``Bloomberg quoted …``, ``a Reuters report``), or a named person,
organisation or document introduced by ``according to`` or ``citing``
(``according to the UN``, ``citing Congressman Daniel Reyes``). People who
are merely quoted (``Marsh said``) are speakers, not cited sources, and vague
unnamed sources (``citing unnamed officials``, ``according to a person familiar
with the talks``) are left out.

Outlets are recognised from the entity mentions and from the curated list in
``data/news_outlets.txt`` (the tagger often misses or mislabels them), plus
names built like an outlet's (``… Times``, ``… Herald``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import data_lines, reporting_verbs
from ..model import Article, Citation, Mention, Span
from ._article_index import PERSON_LABELS, Speaker, strip_titles, word_set
from ._quote_marks import find_quote_regions
from ._speakers import Context
from .posts import Post, embedded_posts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_citations", "news_outlets"]

#: Verbs by which an outlet passes on news: "Politico reported", "Bloomberg quoted ...".
OUTLET_VERBS = word_set(
    "report write reveal publish quote claim say note tweet post broadcast air confirm learn obtain cite add"
)
#: Verbs by which any named organisation is a source of information ("the ministry reported").
ORG_REPORT_VERBS = frozenset({"report", "reveal", "publish"})
#: People who report for an outlet: "an Axios reporter", "Axios journalist X".
JOURNALIST_NOUNS = word_set("reporter journalist correspondent editor columnist writer anchor host producer reporting")
#: Nouns for a document whose named author or publisher is the source.
DOCUMENT_NOUNS = word_set(
    "report reports data statement statements figures survey poll study analysis estimate estimates "
    "document documents records filing filings memo letter transcript count tally census assessment "
    "review investigation interview article story"
)
#: Words that end the names of newspapers, broadcasters and agencies.
OUTLET_WORDS = word_set(
    "Times Post News Journal Reporter Herald Tribune Gazette Telegraph Mail Guardian Express Observer "
    "Chronicle Radio Television TV Broadcasting Press Agency Magazine Wire Today Mirror Standard "
    "Independent Register Inquirer Examiner Bulletin Dispatch Courier Monitor Weekly Media Network Daily"
)
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
#: Named things that are cited as reasons, never as the origin of reporting (laws, works, events).
NOT_SOURCES = frozenset({"LAW", "EVENT", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


@cache
def news_outlets() -> frozenset[str]:
    """Known outlet names, as they are written (``The Guardian``, ``Guardian``, ``Reuters``)."""
    return frozenset(data_lines("news_outlets.txt"))


def _strip_the(text: str, *, keep_capital: bool = False) -> str:
    """Drop a leading article: always ``the``, and ``The`` unless it is part of the name."""
    if text.startswith("the ") or (text.startswith("The ") and not keep_capital):
        return text[4:]
    return text


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding punctuation and a possessive."""
    if text.endswith(("’s", "'s"), start, end):
        end -= 2
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return start, end


class _Finder:
    """Names the source behind one cue token."""

    def __init__(self, ctx: Context, article: Article) -> None:
        self.ctx = ctx
        self.article = article
        self.outlets = news_outlets()

    def _phrases(self, tok: Token) -> Iterator[tuple[int, int]]:
        """Character ranges that could be the name headed by ``tok``: its mention, its compound chain, itself."""
        m = self.ctx.mention_of_token.get(tok.i)
        if m is not None:
            yield m.span.start, m.span.end
        chain = [c for c in tok.lefts if c.dep_ in ("compound", "flat", "det") and c.i < tok.i]
        first = min((c.left_edge.i for c in chain), default=tok.i)
        for i in range(first, tok.i + 1):
            yield tok.doc[i].idx, tok.idx + len(tok.text)

    def _named(self, start: int, end: int) -> Speaker:
        """A name at ``[start, end)``; a capital ``The`` is kept unless it opens the sentence."""
        start, end = _trim(self.ctx.text, start, end)
        text = self.ctx.text[start:end]
        at_start = not self.ctx.text[max(0, start - 2) : start].strip(" \n([")
        bare = _strip_the(text, keep_capital=not at_start)
        return Speaker(bare, end - len(bare), end)

    def outlet(self, tok: Token) -> Speaker | None:
        """The outlet named at ``tok`` (list, mention or outlet-like name)."""
        m = self.ctx.mention_of_token.get(tok.i)
        for start, end in self._phrases(tok):
            start, end = _trim(self.ctx.text, start, end)
            text = self.ctx.text[start:end]
            if m is not None and m.label in PERSON_LABELS and (m.span.start, m.span.end) != (start, end):
                continue  # "Dwight Hill" is no "The Hill"
            if not text.startswith(("the ", "The ")) and self.ctx.text[max(0, start - 4) : start] in ("the ", "The "):
                start, text = start - 4, self.ctx.text[start - 4 : end]
            if text.startswith(("the ", "The ")) and "The " + text[4:] in self.outlets:
                return Speaker("The " + text[4:], start, end)
            bare = _strip_the(text)
            if bare in self.outlets:
                return Speaker(bare, end - len(bare), end)
        if m is not None and m.label == "ORG":
            words = m.span.text.split()
            if len(words) > 1 and words[-1].strip(".,/") in OUTLET_WORDS:
                return self._named(m.span.start, m.span.end)
        for c in tok.lefts if tok.pos_ == "PROPN" else ():
            if c.dep_ == "poss" and c.i < tok.i:
                # a network's show: "on NBC's Meet the Press", "ABC's This Week"
                named = self.outlet(c)
                if named is not None:
                    return named
        return None

    def journalist_outlet(self, tok: Token) -> Speaker | None:
        """``an Axios reporter`` / ``Axios journalist X`` / ``a reporter for Axios`` -> the outlet."""
        nouns = [tok, *(c for c in tok.lefts if c.dep_ == "compound")]
        if not any(n.lemma_.lower() in JOURNALIST_NOUNS for n in nouns):
            return None
        for c in tok.subtree:
            if c.i != tok.i and c.i - tok.i < 6:
                named = self.outlet(c)
                if named is not None:
                    return named
        return None

    def named_source(self, tok: Token) -> Speaker | None:
        """The source named by the object of ``according to``/``citing``; ``None`` when vague."""
        named = self.outlet(tok) or self.journalist_outlet(tok)
        if named is not None:
            return named
        m = self.ctx.mention_of_token.get(tok.i)
        if m is not None and m.label in PERSON_LABELS:
            person = self.ctx.mention_name(tok)
            return person[0] if person else None
        if m is not None and m.label in ORG_LABELS - {"NORP"}:
            return self._named(m.span.start, m.span.end)
        for a in tok.children:
            if a.dep_ == "appos" and (self.ctx.mention_of_token.get(a.i) or a.pos_ == "PROPN"):
                return self.named_source(a)
        if tok.pos_ == "PROPN":
            chain = self.ctx.name_of(tok)
            return (
                Speaker(strip_titles(chain.name), chain.end - len(strip_titles(chain.name)), chain.end)
                if chain
                else None
            )
        if tok.lemma_.lower() in DOCUMENT_NOUNS:
            return self._document(tok)
        return None

    def _document(self, tok: Token) -> Speaker | None:
        """``a Pentagon report`` -> Pentagon; ``a report by Reuters`` -> Reuters; ``court documents`` as written."""
        for c in tok.children:
            if c.dep_ in ("compound", "poss") or (
                c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of", "in")
            ):
                target = (
                    c if c.dep_ in ("compound", "poss") else next((g for g in c.children if g.dep_ == "pobj"), None)
                )
                if target is not None and (self.ctx.mention_of_token.get(target.i) or target.pos_ == "PROPN"):
                    found = self.named_source(target)
                    if found is not None:
                        return found
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound")]
        if not mods:
            return None
        start = min(c.left_edge.idx for c in mods)
        return Speaker(self.ctx.text[start : tok.idx + len(tok.text)], start, tok.idx + len(tok.text))

    def cite(self, named: Speaker | None, cue: str) -> Citation | None:
        if named is None:
            return None
        return Citation(named.name, Span.of(self.article, named.start, named.end), cue)


def _objects(tok: Token, deps: Sequence[str]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in deps:
            out.append(c)
            out.extend(g for g in c.children if g.dep_ == "conj")
    return out


def find_citations(
    doc: Doc, article: Article, mentions: Sequence[Mention], posts: Sequence[Post] | None = None
) -> tuple[Citation, ...]:
    """Every place ``article`` names where its reporting comes from, in text order.

    Args:
        doc: the spaCy Doc of ``article.text`` (parsed, with entities).
        article: the article the spans point into.
        mentions: its entity mentions.
        posts: its embedded posts (:func:`.posts.embedded_posts`), when found already.
    """
    # quoted words and embedded posts are someone else's: a source they name is theirs, not the article's
    posts = embedded_posts(article.text) if posts is None else posts
    regions = [(r.open, r.stop) for r in find_quote_regions(article.text)]
    regions += [(p.words_start, p.words_end) for p in posts]
    ctx = Context.build(doc, article.text, (), mentions, frozenset(reporting_verbs()), regions)
    find = _Finder(ctx, article)
    found: list[Citation] = []
    for tok in doc:
        if ctx.in_quote(tok.idx):
            continue
        lemma = tok.lemma_.lower()
        cites: list[Citation | None] = []
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            cites += [find.cite(find.named_source(o), "according to") for o in _objects(to, ("pobj",))]
        elif tok.lower_ == "per" and tok.dep_ == "prep":  # "per Reuters", never "per cent"
            cites += [find.cite(find.outlet(o), "per") for o in _objects(tok, ("pobj",))]
        elif lemma == "cite" and tok.pos_ == "VERB" and not any(c.lower_ == "as" for c in tok.children):
            # "cited the Posse Comitatus Act as a complicating factor" gives a reason, not a source
            cites += [
                find.cite(find.named_source(o), tok.lower_)
                for o in _objects(tok, ("dobj",))
                if (m := ctx.mention_of_token.get(o.i)) is None or m.label not in NOT_SOURCES
            ]
        elif lemma == "tell" and tok.pos_ == "VERB":
            cites += [find.cite(find.outlet(o), tok.lower_) for o in _objects(tok, ("dobj", "dative"))]
        elif lemma in ("interview", "speak", "talk") or (lemma in ("say", "confirm") and tok.pos_ == "VERB"):
            cites += [_interview(find, tok)]
        if lemma in OUTLET_VERBS and tok.pos_ == "VERB":
            cites += _outlet_subjects(find, tok, lemma)
        if lemma in ("report", "article", "story", "investigation", "interview") and tok.pos_ == "NOUN":
            cites += [find.cite(_document_outlet(find, tok), "report" if lemma == "report" else lemma)]
        found.extend(c for c in cites if c is not None)
    seen: set[tuple[int, int]] = set()
    unique = []
    for c in sorted(found, key=lambda c: c.span.start):
        if (c.span.start, c.span.end) not in seen:
            seen.add((c.span.start, c.span.end))
            unique.append(c)
    return tuple(unique)


def _outlet_subjects(find: _Finder, verb: Token, lemma: str) -> list[Citation | None]:
    """``Politico reported``, ``an Axios reporter has claimed``, ``first reported by Axios``."""
    out: list[Citation | None] = []
    if not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children):
        # a misparse left the verb without subject: "Politico on September 11 quoted ..."
        for j in range(verb.i - 1, max(-1, verb.i - 9), -1):
            tok = verb.doc[j]
            if tok.is_punct or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux"):
                break
            named = find.outlet(tok)
            if named is not None:
                out.append(find.cite(named, verb.lower_))
                break
        return out
    for c in verb.children:
        if c.dep_ == "nsubj":
            named = find.outlet(c) or find.journalist_outlet(c)
            m = find.ctx.mention_of_token.get(c.i)
            if named is None and lemma in ORG_REPORT_VERBS and m is not None and m.label == "ORG":
                named = find._named(m.span.start, m.span.end)
            out.append(find.cite(named, verb.lower_))
        elif c.dep_ == "agent" and lemma in ("report", "publish", "reveal", "write", "broadcast", "air"):
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append(find.cite(find.outlet(o), verb.lower_))
    return out


def _interview(find: _Finder, tok: Token) -> Citation | None:
    """``in an interview with CNN``, ``speaking to the BBC``, ``said on Fox News``."""
    for p in tok.subtree:
        if p.dep_ != "prep" or p.lower_ not in ("with", "to", "on") or p.i - tok.i > 4 or p.i < tok.i:
            continue
        for o in p.children:
            if o.dep_ == "pobj":
                named = find.outlet(o)
                if named is not None:
                    return find.cite(named, "interview" if p.head.lemma_.lower() == "interview" else tok.lower_)
    return None


def _document_outlet(find: _Finder, tok: Token) -> Speaker | None:
    """``a Reuters report``, ``a report by the Guardian``, ``Bloomberg's investigation``."""
    for c in tok.children:
        target = c if c.dep_ in ("compound", "poss") else None
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "in"):
            target = next((g for g in c.children if g.dep_ == "pobj"), None)
        if target is not None:
            named = find.outlet(target)
            if named is not None:
                return named
    return None
