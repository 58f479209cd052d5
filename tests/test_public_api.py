"""The package exports exactly the API we mean to."""

from __future__ import annotations

import newsprism


def test_exported_names() -> None:
    assert set(newsprism.__all__) == {
        "Annotations",
        "Article",
        "BriefSentence",
        "Claim",
        "ConfigError",
        "Disagreement",
        "Entity",
        "ExtractError",
        "FramingItem",
        "InputError",
        "InputFailure",
        "ModelError",
        "Models",
        "NewsprismError",
        "Report",
        "Settings",
        "Span",
        "StoreError",
        "Story",
        "StoryQuote",
        "TimelineEntry",
        "analyze",
        "analyze_articles",
        "load_settings",
    }
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_errors_form_one_family() -> None:
    for cls in (
        newsprism.InputError,
        newsprism.ExtractError,
        newsprism.ModelError,
        newsprism.ConfigError,
        newsprism.StoreError,
    ):
        assert issubclass(cls, newsprism.NewsprismError)
    err = newsprism.InputError("a.txt", "empty file")
    assert (err.input, err.reason, str(err)) == ("a.txt", "empty file", "a.txt: empty file")


def test_importing_the_package_does_not_load_the_models() -> None:
    import subprocess
    import sys

    code = "import sys, newsprism, newsprism.model; print(sorted({'spacy', 'torch'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
