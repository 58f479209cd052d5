"""``newsprism serve``: a read-only web app over a corpus store (:func:`.app.create_app`)."""

from __future__ import annotations

from .app import create_app, settle

__all__ = ["create_app", "settle"]
