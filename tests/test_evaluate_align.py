"""Gold sentences found again in cleaned text; spans mapped onto them."""

from __future__ import annotations

from newsprism.evaluate.align import locate_sentences, sentences_under
from newsprism.evaluate.goldsets import GoldSentence


def _sentences(raw: str, parts: list[str]) -> list[GoldSentence]:
    out = []
    for part in parts:
        start = raw.index(part)
        out.append(GoldSentence(start, start + len(part), True))
    return out


def test_located_through_removed_lines_and_collapsed_whitespace() -> None:
    raw = "Officials met on Friday.\nADVERTISEMENT\nThe talks   lasted\nthree hours."
    cleaned = "Officials met on Friday.\n\nThe talks lasted three hours."
    gold = _sentences(raw, ["Officials met on Friday.", "ADVERTISEMENT", "The talks   lasted\nthree hours."])
    located = locate_sentences(raw, cleaned, gold)
    assert located[0] is not None and cleaned[located[0][0] : located[0][1]] == "Officials met on Friday."
    assert located[1] is None  # cleaning removed it
    assert located[2] is not None and cleaned[located[2][0] : located[2][1]] == "The talks lasted three hours."


def test_mojibake_in_the_raw_text_is_repaired_before_lookup() -> None:
    raw = "Romney goes against GOP on \u00e2\u20ac\u02dctax\u00e2\u20ac\u2122 label."
    cleaned = "Romney goes against GOP on \u2018tax\u2019 label."
    located = locate_sentences(raw, cleaned, [GoldSentence(0, len(raw), True)])
    assert located == [(0, len(cleaned))]


def test_span_maps_to_the_sentences_it_covers() -> None:
    located = [(0, 20), (21, 60), None, (61, 90)]
    assert sentences_under(21, 60, located) == [1]
    assert sentences_under(0, 60, located) == [0, 1]  # one predicted sentence over two gold ones
    assert sentences_under(55, 70, located) == [3]  # 9 of its 15 chars lie in 3, only 5 in 1
    assert sentences_under(200, 210, located) == []
