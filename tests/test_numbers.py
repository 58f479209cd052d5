"""Numbers as news writes them: values, precision and ranges of number runs."""

from __future__ import annotations

import pytest

from newsprism.nlp.models import Models
from newsprism.nlp.numbers import digits, group_value, number_groups, number_value, range_end


@pytest.mark.parametrize(
    ("text", "value"), [("3,000", 3000), ("7.8", 7.8), ("twelve", 12), ("dozens", 24), ("x", None)]
)
def test_number_value(text: str, value: float | None) -> None:
    assert number_value(text) == value


def test_runs_of_number_words_read_as_one_figure(models: Models) -> None:
    doc = models.nlp("In 2019 14 people died, twenty-five were hurt and $61 billion was spent on 2.1 million homes.")
    runs = {" ".join(t.text for t in run): (group_value(run), digits(run)) for run in number_groups(doc)}
    assert runs["2019"] == (2019, 4) and runs["14"] == (14, 2)  # a year ends a run
    assert runs["twenty five"][0] == 25  # the hyphen joins the words into one run
    assert runs["61 billion"] == (61e9, 2)
    assert runs["2.1 million"] == (2.1e6, 2)


def test_range_end(models: Models) -> None:
    doc = models.nlp("Between 10 and 20 people were hurt; claims were revised up by 8,000 to 2,438,000.")
    ten = next(t for t in doc if t.text == "10")
    found = range_end(ten)
    assert found is not None and found[0] == 20
    by = next(t for t in doc if t.text == "8,000")
    assert range_end(by) is None  # a change and the level it reaches, not a range
