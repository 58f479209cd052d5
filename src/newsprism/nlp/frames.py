"""What a reported sentence reports: its content, apart from the attribution frame.

'The minister said that the dam had been inspected in May' reports 'the
dam had been inspected in May'; 'The levee will hold, the engineer said'
reports 'The levee will hold'; 'According to the agency, 40 homes were
flooded' reports '40 homes were flooded'. The content is
read from the parse of the sentence, once, in the NLP pass: the reporting
verb's complement clause when it has one, else what is left of the
sentence without the frame (the verb's clause or the 'according to'
phrase). Later stages compare contents, so that 'X said Y' meets a plain
'Y'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DESCRIBING_VERBS", "JUDGING_VERBS", "content_range", "judgements", "result_clause", "that_clause"]

#: Dependencies of a reporting verb's child that holds what is reported.
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
#: Tokens trimmed from the edges of a content: punctuation, quote marks, a leading 'that'.
_EDGE = frozenset({",", ";", ":", "–", "—", "-", '"', "“", "”", "‘", "’", "'", "(", ")"})
#: Words that open a question rather than a statement ('asked whether ...').
_QUESTIONS = frozenset({"whether", "if", "why", "what", "who", "when", "where", "which"})
#: Words that make a later 'that' open a result, not what was said ('so long that', 'such a way that').
_RESULT_WORDS = frozenset({"so", "such"})
#: Verbs by which a subject passes a judgement on something, as ``call X outrageous`` (naming: the judgement is
#: the object complement) or ``describe X as reckless`` (description: the judgement follows 'as').
JUDGING_VERBS = frozenset({"call", "label", "dub", "brand", "deem", "term", "declare"})
#: ... and verbs of description, whose judgement follows 'as'.
DESCRIBING_VERBS = frozenset({"describe", "portray", "depict", "characterize", "characterise", "paint", "cast"})
#: Fewest words a content keeps; shorter ones ('it', 'so') say nothing on their own.
MIN_WORDS = 4


def content_range(doc: Doc, a: int, b: int, verb: Token | None, according: Token | None) -> tuple[int, int] | None:
    """The token range ``[start, end)`` of what the sentence ``doc[a:b]`` reports; ``None`` when it has no frame.

    ``verb`` is the sentence's reporting verb, ``according`` the ``to`` of
    an 'according to X' (either may be ``None``). ``None`` is returned too
    when the content cannot be told apart from what the outlet itself
    states ('The mayor has been lobbying for funds, saying ...': the
    lobbying is the outlet's own statement), or when it is too short to
    compare.
    """
    if verb is not None:
        complement = _complement(verb)
        if verb.dep_ in ("advcl", "conj") and complement is not None:
            return None  # a second clause beside the sentence's own statement
        found: tuple[int, int] | None
        if complement is not None:
            end = complement.right_edge.i + 1
            if complement.i < verb.i:  # content first: it ends where the frame begins
                end = min(end, min((c.left_edge.i for c in verb.children if c.i > complement.i), default=verb.i))
                end = min(end, verb.i)
            first = complement.left_edge.i if complement.dep_ != "advcl" else _that_mark(complement) or complement.i
            found = _trim(doc, max(a, first), min(b, end))
        else:
            found = _beside(doc, a, b, verb, verb)
    elif according is not None:
        phrase = according.head if according.head.lower_ == "according" else according
        found = _beside(doc, a, b, phrase, according)
    else:
        return None
    if found is None or found == (a, b):
        return None
    start, end = _balanced(doc, *found, b)
    if start >= end:
        return None  # nothing but punctuation after the frame ('He said:' ending the text)
    if doc[start].lower_ == "how" and start + 1 < end and doc[start + 1].pos_ not in ("ADJ", "ADV"):
        start += 1  # 'stressed how the river had risen overnight': the river had risen overnight
    if doc[start].lower_ in _QUESTIONS:
        return None  # 'whether the administration would lift ...' reports no fact
    if sum(1 for t in doc[start:end] if t.is_alpha) < MIN_WORDS:
        return None
    return start, end


def _complement(verb: Token) -> Token | None:
    """The clause a reporting verb reports: its ``ccomp``, an active verb's ``xcomp`` after it, 'as saying that'."""
    for child in verb.children:
        if child.dep_ == "ccomp" and not result_clause(child, verb):
            return child
    passive = _passive(verb)
    for child in verb.children:
        if that_clause(child, verb):
            return child
        if child.dep_ == "xcomp" and child.i > verb.i and not passive:
            return child
        if child.dep_ == "prep" and child.lower_ == "as":  # quoted X as saying that ...
            for grand in child.children:
                if grand.dep_ == "pcomp":
                    inner = next((c for c in grand.children if c.dep_ == "ccomp"), None)
                    if inner is not None:
                        return inner
    return None


def that_clause(child: Token, verb: Token) -> bool:
    """Whether ``child`` is a 'that' clause after ``verb`` that the parser hung on it as an adverbial clause
    ('Trump wrote on Twitter, in legal-minded language, that Cohen received a retainer'), not one of
    purpose or result ('so that', 'spoke for so long that', 'in such a way that')."""
    if child.dep_ != "advcl" or child.i < verb.i:
        return False
    return _that_mark(child) is not None and not result_clause(child, verb)


def result_clause(child: Token, verb: Token) -> bool:
    """Whether ``child`` is a 'that' clause of result after ``verb`` ('spoke for so long that the meeting
    overran', 'in such a way that'), which tells what followed, not what was said."""
    mark = _that_mark(child)
    return mark is not None and mark > verb.i and any(t.lower_ in _RESULT_WORDS for t in child.doc[verb.i + 1 : mark])


def _that_mark(clause: Token) -> int | None:
    """The position of the 'that' opening ``clause`` (before its subject), if one does ('now that' and
    'given that' do not; whether it opens a result is :func:`result_clause`'s)."""
    for m in clause.children:
        if m.dep_ == "mark" and m.lower_ == "that" and m.i > 0:
            subject = next((c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), clause.i)
            if clause.doc[m.i - 1].lower_ not in ("now", "given") and m.i < subject:
                return m.i
    return None


def _beside(doc: Doc, a: int, b: int, frame: Token, last: Token) -> tuple[int, int] | None:
    """The part of ``doc[a:b]`` on the side of the frame's head, without the frame (``frame``'s subtree to ``last``'s).

    A frame set off inside or after the content ('..., the paper reported,
    but ...', '..., according to a person familiar with the talks') is cut
    out and the clause it hangs on kept. When the frame is the whole
    sentence (its verb is the root), the content is what follows the verb
    ('The company has denied any wrongdoing').
    """
    left = max(a, frame.left_edge.i)
    right = min(b, max(frame.right_edge.i, last.right_edge.i) + 1)
    if left <= a and right >= b:
        if _passive(frame):
            return None  # 'The suspect is believed to have fled ...': the subject is the content's
        return _trim(doc, frame.i + 1, b)
    head = frame.head
    if head.i != frame.i and a <= head.i < b:
        return _trim(doc, a, left) if head.i < left else _trim(doc, right, b)
    before, after = _trim(doc, a, left), _trim(doc, right, b)
    return before if before[1] - before[0] >= after[1] - after[0] else after


def _passive(verb: Token) -> bool:
    """Whether a verb is passive ('is believed to'): its subject is then the content's, not the frame's."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without edge punctuation, quote marks, spaces and a leading 'that'."""
    while start < end and (doc[start].text in _EDGE or doc[start].is_space or doc[start].lower_ == "that"):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE or doc[end - 1].is_space or doc[end - 1].text == "."):
        end -= 1
    return start, end


def _balanced(doc: Doc, start: int, end: int, limit: int) -> tuple[int, int]:
    """``[start, end)`` reaching on to the quote mark that closes or opens a quote it holds part of ('to “stop”')."""
    text = doc[start:end].text
    if text.count("”") > text.count("“") and start > 0 and doc[start - 1].text == "“":
        return start - 1, end
    if text.count("“") > text.count("”"):
        close = "”"
    elif text.count('"') % 2:
        close = '"'
    else:
        return start, end
    for k in range(end, min(end + 3, limit)):
        if doc[k].text == close:
            return start, k + 1
        if doc[k].text not in (",", ".", "!", "?"):
            break
    return start, end


def judgements(doc: Doc, a: int, b: int, lemmas: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of the judgements the sentence ``doc[a:b]`` reports its subjects passing, in their words
    though without quote marks: 'his lawyers call the charges *outrageous*', 'critics described the plan as
    *reckless*', 'the president labeled the reporters *the enemy of the people*'. ``lemmas`` are the doc's
    lower-cased lemmas, one per token (:attr:`.words.DocWords.lemma`): only a judging verb's token is read."""
    out: list[tuple[int, int]] = []
    for i in range(a, b):
        lemma = lemmas[i]
        if lemma not in JUDGING_VERBS and lemma not in DESCRIBING_VERBS:
            continue
        verb = doc[i]
        if verb.pos_ != "VERB" or not _judge(verb):
            continue
        for child in verb.children:
            if lemma in JUDGING_VERBS and child.dep_ == "oprd":
                judged = (child.left_edge.i, child.right_edge.i + 1)
            elif lemma in DESCRIBING_VERBS and child.dep_ == "prep" and child.lower_ == "as" and child.n_rights:
                judged = (child.i + 1, child.right_edge.i + 1)
            else:
                continue
            if a <= judged[0] < judged[1] <= b:
                out.append(judged)
    return out


#: Subjects by which the writer passes the judgement ('I would call this outrageous'): it is the outlet's own.
_WRITER = frozenset({"i", "we"})


def _judge(verb: Token) -> bool:
    """Whether a judging verb names who judges, other than the writer: a subject ('his lawyers call ...') or
    an agent ('was called reckless by critics'); 'the plan has been widely called reckless' names no one."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child.lower_ not in _WRITER
        if child.dep_ == "agent":
            return True
    return False
