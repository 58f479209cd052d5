"""Whether a sentence asks: a fact of the sentence, made once in the NLP pass.

A question asserts nothing, so it carries no claim; and how often the
writer asks (not a quoted speaker) tells a column from a report. A sentence
asks when it ends in a question mark, unless it is a statement that ends by
quoting one ('Clinton answered the question, "Are you better off than you
were four years ago?"'). A question quoted without words before it is still
one ('"Are you better off now than you were four years ago?"'), and so is
the writer's question that ends on a quoted phrase ('Did he call it a
"witch hunt"?').
"""

from __future__ import annotations

import re

__all__ = ["asks"]

#: A sentence that ends in a question mark (closing quotes may follow).
_QUESTION = re.compile(r"\?[\"'”’]*\s*$")
#: An opening quotation mark: a curly one, or a straight one at the start or after a space, colon, comma or '('.
_OPENING_QUOTE = re.compile(r"[“‘]|(?:^|(?<=[\s:,(]))[\"']")
#: Closing quotation marks (a straight one closes too).
_CLOSING_QUOTES = frozenset("”’\"'")


def asks(text: str) -> bool:
    """Whether the sentence ``text`` is a question.

    Its question mark must then be inside its last quotation (after the
    opening mark, before the closing one), with words before that quotation,
    for it to be a statement that quotes a question instead.
    """
    end = _QUESTION.search(text)
    if end is None:
        return False
    openings = list(_OPENING_QUOTE.finditer(text))
    if not openings:
        return True
    last = openings[-1]
    closed_before = any(ch in _CLOSING_QUOTES for ch in text[last.end() : end.start()])
    return closed_before or not text[: last.start()].strip()
