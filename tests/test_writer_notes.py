"""A note on the writer closing the article, read by the NLP pass (nlp/writer_notes.py: Sentence.writer_note)."""

from __future__ import annotations

from dataclasses import replace

from newsprism.clean_rules import AUTHOR_NOTE
from newsprism.compare.brief import MIN_QUALITY, score_wording
from newsprism.compare.claims.units import usable
from newsprism.config import Settings
from newsprism.genre import closes_with_writer_note
from newsprism.model import Article, Removal
from newsprism.nlp import annotate
from newsprism.nlp.models import Models
from newsprism.nlp.writer_notes import WINDOW

COLUMN = (
    "I have never believed that tariffs protect the workers they are sold to. "
    "A decade of evidence has only hardened that view. "
    "Congress should repeal them before the damage spreads to every farm state. "
)


def _notes(text: str, models: Models, settings: Settings) -> list[bool]:
    (ann,) = annotate([Article(id="a", text=text)], models=models, settings=settings)
    return [s.writer_note for s in ann.sentences]


def test_a_note_on_the_writer_runs_from_its_first_line_to_the_end(models: Models, settings: Settings) -> None:
    text = COLUMN + (
        "Maria Ellison is a senior fellow at the Cato Institute. "
        "Her latest book is about the history of the grain trade. "
        "For more of her columns, visit our opinion page."
    )
    assert _notes(text, models, settings) == [False, False, False, True, True, True]


def test_a_surname_after_an_honorific_names_the_writer(models: Models, settings: Settings) -> None:
    text = COLUMN + "Mr. Okonkwo is a member of the newspaper's editorial board."
    assert _notes(text, models, settings) == [False, False, False, True]


def test_a_person_the_story_named_before_is_no_writer(models: Models, settings: Settings) -> None:
    text = (
        "Senator Dana Whitfield introduced the farm bill on Monday. "
        "The bill would end the tariffs on imported fertiliser. "
        "It faces a vote in the committee next week. "
        "Dana Whitfield is the ranking member of that committee."
    )
    assert not any(_notes(text, models, settings))


def test_a_quoted_line_or_a_thing_for_subject_is_no_note(models: Models, settings: Settings) -> None:
    text = COLUMN + (
        "The crowd outside the hall chanted one line all night. "
        "“Tom Barrow is a fraud and a liar.” "
        "Hurricane Sandy was the most destructive storm of the season."
    )
    assert not any(_notes(text, models, settings))


def test_a_judgement_under_a_modal_or_a_negation_is_no_note(models: Models, settings: Settings) -> None:
    control = COLUMN + "Ada Whitlock is a crank, and she deserved a hearing before the board."
    assert _notes(control, models, settings)[-1], "the same sentence without a modal opens a note"
    for judged in ("may have been a crank", "was not a crank"):
        text = COLUMN + f"Ada Whitlock {judged}, and she deserved a hearing before the board."
        assert not any(_notes(text, models, settings)), judged


def test_a_clause_joined_to_an_earlier_verb_is_no_note(models: Models, settings: Settings) -> None:
    text = COLUMN + "The board met on Monday, and Ada Whitlock was the only member to vote against the plan."
    assert not any(_notes(text, models, settings))


def test_a_title_in_quote_marks_does_not_hide_the_note(models: Models, settings: Settings) -> None:
    text = COLUMN + "Maria Ellison is the author of “The Long Harvest: How Grain Built an Empire.”"
    assert _notes(text, models, settings) == [False, False, False, True]


def test_a_note_starts_only_among_the_last_sentences(models: Models, settings: Settings) -> None:
    def tail(n: int) -> str:
        return " ".join(f"The committee met again on day {k} of the session." for k in range(1, n + 1))

    note = "Maria Ellison is a senior fellow at the Cato Institute. "
    assert _notes(COLUMN + note + tail(WINDOW - 1), models, settings) == [False] * 3 + [True] * WINDOW
    assert not any(_notes(COLUMN + note + tail(WINDOW), models, settings))


def test_the_genre_reads_a_note_in_the_text_or_one_the_cleaner_removed(models: Models, settings: Settings) -> None:
    kept = Article(id="kept", text=COLUMN + "Maria Ellison is a senior fellow at the Cato Institute.")
    removed = Article(
        id="removed",
        text=COLUMN,
        removed=(Removal("Maria Ellison is a reporter at the Ledger.", "byline", AUTHOR_NOTE),),
    )
    plain = Article(id="plain", text=COLUMN)
    annotations = {a.article_id: a for a in annotate([kept, removed, plain], models=models, settings=settings)}
    assert closes_with_writer_note(kept, annotations["kept"])
    assert closes_with_writer_note(removed, annotations["removed"])
    assert not closes_with_writer_note(plain, annotations["plain"])


def test_claims_and_the_brief_leave_the_note_out(models: Models, settings: Settings) -> None:
    text = COLUMN + "Maria Ellison is a senior fellow at the Cato Institute and a former trade negotiator."
    (ann,) = annotate([Article(id="a", text=text)], models=models, settings=settings)
    note = ann.sentences[-1]
    assert note.writer_note
    assert usable(replace(note, writer_note=False), len(ann.sentences) - 1)
    assert not usable(note, len(ann.sentences) - 1)
    assert score_wording(note.span, ann) < MIN_QUALITY, "the brief never words a sentence scoring below this"
