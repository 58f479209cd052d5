"""The corpus store: articles, input errors and analysed stories, kept between runs behind one interface.

:class:`Store` is the interface the command line and the library use;
:class:`SQLiteStore` is the embedded default (one file, WAL, migrations
recorded in the file, full-text search over titles and text). Another
backend implements the same protocol without touching the stages.
"""

from __future__ import annotations

from .base import AddCounts, Store, content_hash
from .sqlite import SQLiteStore

__all__ = ["AddCounts", "SQLiteStore", "Store", "content_hash"]
