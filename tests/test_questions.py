"""Whether a sentence asks (newsprism.nlp.questions): lines of AllSides articles and their shapes."""

from __future__ import annotations

import pytest

from newsprism.nlp.questions import asks


@pytest.mark.parametrize(
    "text",
    [
        "Are We About to Be Urged to Start Wearing Masks?",  # a headline question
        "“Are you better off now than you were four years ago?”",  # quoted without its speaker
        'Did Trump really call the special counsel\'s investigation a "witch hunt"?',  # ends on a quoted phrase
        "Why won't the Senate act on the bill before the August recess?  ",
    ],
)
def test_a_question(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize(
    "text",
    [
        'Clinton answered the question, "Are you better off than you were four years ago?"',
        "And Clinton also answered, emphatically, the question Obama’s aides struggled with on the Sunday morning "
        "shows: “Are you better off now than you were four years ago?”",
        "“Why did he do it?” she asked the crowd outside the courthouse.",
        "“We have done our part,” Pelosi said, asking: “Where is the Senate?”",
        "Mr Corbyn asked the prime minister: 'Why has nothing been done about it?'",
        "The council approved the $4 billion budget on Tuesday (who pays?)",
        "The Senate did not act.",
    ],
)
def test_not_a_question(text: str) -> None:
    assert not asks(text)
