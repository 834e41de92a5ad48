"""The store: the SQLite database of a data folder and the services on it (API: see below)."""

from wjself.store.workspace import Workspace

__all__ = ["Workspace"]
