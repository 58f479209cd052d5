from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings, load_settings
from newsprism.errors import ConfigError


def test_toml_overrides_only_what_it_sets(tmp_path: Path) -> None:
    path = tmp_path / "newsprism.toml"
    path.write_text("story_threshold = 0.7\nn_process = 2\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.story_threshold == 0.7 and settings.n_process == 2
    assert settings.claim_threshold == Settings().claim_threshold


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("story_treshold = 0.7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="story_treshold"):
        load_settings(path)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("story_threshold = = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.toml"):
        load_settings(path)


def test_every_setting_has_help() -> None:
    helps = Settings().help()
    assert helps and all(len(text) > 10 for text in helps.values())


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('max_article_chars = "big"', "setting max_article_chars = 'big': Input should be a valid integer"),
        ("max_article_chars = -5", "setting max_article_chars = -5: Input should be greater than or equal to 1"),
        ("repeat_similarity = [0.5, 0.6]", "setting repeat_similarity = [0.5, 0.6]: Input should be a valid number"),
        ("embedding_bf16 = 1", "setting embedding_bf16 = 1: Input should be a valid boolean"),
        ("claim_probability = 1.5", "setting claim_probability = 1.5: Input should be less than or equal to 1"),
        ("[story]\nthreshold = 0.5", "unknown setting(s): story"),
    ],
    ids=["wrong type", "out of range", "wrong shape", "int for a flag", "above one", "a table"],
)
def test_a_bad_config_is_one_line_naming_the_key_and_exit_2(tmp_path: Path, toml: str, says: str) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main

    path = tmp_path / "settings.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == says
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--config", str(path)])
    assert result.exit_code == 2 and says in result.stderr and "Traceback" not in result.output


def test_valid_values_keep_their_types() -> None:
    settings = load_settings(story_threshold=1, n_process=2, claim_probability=0.5)
    assert settings.story_threshold == 1.0 and isinstance(settings.story_threshold, float)
    assert (settings.n_process, settings.claim_probability) == (2, 0.5)
