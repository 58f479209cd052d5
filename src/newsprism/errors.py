"""One error family for everything newsprism raises on purpose.

    NewsprismError
     ├── InputError        an input cannot be read (names the input and why)
     ├── ExtractError      an HTML page yields no article text
     ├── ModelError        a model is missing or is not the expected one
     ├── StoreError        the storage backend failed
     └── ConfigError       a setting or settings file is invalid

Bad input never surfaces as a traceback: the CLI turns these into report
``errors`` entries and stderr messages.
"""

from __future__ import annotations

__all__ = ["ConfigError", "ExtractError", "InputError", "ModelError", "NewsprismError", "StoreError"]


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input could not be read. ``input`` names it, ``reason`` says why."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class ExtractError(InputError):
    """An HTML page yielded no article text."""


class ModelError(NewsprismError):
    """A model package is missing, or is not the version expected."""


class StoreError(NewsprismError):
    """The storage backend failed."""


class ConfigError(NewsprismError):
    """A setting or settings file is invalid."""
