"""The story list's query parameters, validated: a bad value is a 422 naming the parameter, never a 500.

The same parameters serve the page (``/``, from its form) and its JSON twin (``/stories.json``). A form
sends an empty value for a field left alone ("any lean"), which counts as not given; an unknown
parameter is refused, so that a misspelt filter ("sort_by") is not silently ignored.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..listing import Blindspot, GenreChoice, Sort, StoryQuery
from ..model import Lean

__all__ = ["StoryListParams", "problems"]

#: Stories per page at most, and unless asked.
MAX_PER_PAGE = 200
PER_PAGE = StoryQuery().per_page


class StoryListParams(BaseModel):
    """What the story list is asked for (see :class:`~newsprism.listing.StoryQuery`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: Annotated[str, Field(max_length=200, description="Words one of the story's articles holds, all of them")] = ""
    outlet: Annotated[str | None, Field(max_length=200, description="An outlet that covered the story")] = None
    lean: Annotated[Lean | None, Field(description="A lean one of its outlets has")] = None
    blindspot: Annotated[Blindspot | None, Field(description="Blindspots only: for either side, or one")] = None
    min_outlets: Annotated[int, Field(ge=1, le=10_000, description="Independent outlets at least")] = 1
    genre: Annotated[GenreChoice | None, Field(description="Stories holding news, or opinion or analysis")] = None
    singles: Annotated[bool, Field(description="List single-article stories too")] = False
    since: Annotated[date | None, Field(description="An article published on or after this day (YYYY-MM-DD)")] = None
    until: Annotated[date | None, Field(description="An article published on or before this day (YYYY-MM-DD)")] = None
    sort: Annotated[Sort, Field(description="Order: most articles, newest, most outlets")] = "size"
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE)] = PER_PAGE

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @model_validator(mode="after")
    def _range(self) -> StoryListParams:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    def query(self) -> StoryQuery:
        fields = self.model_dump()
        return StoryQuery(text=fields.pop("q").strip(), **fields)

    def given(self, **changes: Any) -> dict[str, str]:
        """The parameters that differ from their defaults (after ``changes``), as a query string holds them."""
        values = self.model_dump() | changes
        out = {}
        for name, value in values.items():
            if value == _DEFAULTS[name]:
                continue
            out[name] = "true" if value is True else str(value)
        return out

    def url(self, path: str, **changes: Any) -> str:
        """``path`` with these parameters (only those not at their default), after ``changes``."""
        given = self.given(**changes)
        return path + ("?" + urlencode(given) if given else "")


_DEFAULTS = StoryListParams().model_dump()


def problems(errors: Any) -> str:
    """Validation errors as one line a reader can act on: 'sort: Input should be ... (given 'x')'."""
    out = []
    for e in errors:
        where = [str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path")]
        name = where[-1] if where else ""
        message = "unknown parameter" if e.get("type") == "extra_forbidden" else str(e.get("msg", "invalid"))
        message = message.removeprefix("Value error, ")
        given = e.get("input")
        shown = f" (given {given!r})" if isinstance(given, str) and len(given) <= 80 and e.get("type") != "extra_forbidden" else ""
        out.append(f"{name}: {message}{shown}" if name else f"{message}{shown}")
    return "; ".join(out) or "invalid parameters"
