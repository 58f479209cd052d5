"""Language identification: a real detector, and 'und' when there is too little to tell."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.lang import detect_language

from .conftest import SEEDS


@pytest.mark.parametrize("path", sorted(Path(SEEDS).glob("*.txt")), ids=lambda p: p.stem[:3])
def test_english_seeds_are_english(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Die Bundesregierung hat am Mittwoch beschlossen, die Hilfe für die Ukraine deutlich auszuweiten. "
         "Der Kanzler sprach von einem wichtigen Signal an die Verbündeten.", "de"),
        ("Le gouvernement a annoncé mercredi une nouvelle aide militaire à l'Ukraine. Le ministre des Affaires "
         "étrangères a salué une décision importante pour la sécurité de l'Europe.", "fr"),
        ("El gobierno anunció el miércoles un nuevo paquete de ayuda para Ucrania, según informó el ministerio "
         "de Asuntos Exteriores en un comunicado.", "es"),
        ("Министр иностранных дел заявил в среду, что переговоры продолжатся на следующей неделе.", "ru"),
    ],
)
def test_other_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "News", "12:30 — 4/5", "Kyiv, Ukraine"])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_answer_is_a_two_letter_code_for_mixed_scripts() -> None:
    code = detect_language("東京 — 政府は水曜日、新たな経済対策を発表した。首相は記者会見で国民に協力を求めた。")
    assert code == "ja"
