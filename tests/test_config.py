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
