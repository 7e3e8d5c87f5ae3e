"""The incident file: an append-only, hash-chained history of events, merged without loss.

No Textual here (a test checks): the TUI, the command line and the exports all build on this package.
See docs/incident-file.md for the format. The names below are loaded on first use, so that a module of
the package (the guard, say) can be imported without the rest (pydantic, the facts, the brief).
"""

from __future__ import annotations

import importlib

_WHERE = {"Brief": "brief", "IntegrityError": "errors", "StoreError": "errors",
          "Event": "events", "Responder": "events", "PersonalDataFound": "guard", "Incident": "incident",
          "TickState": "incident", "Holder": "lock", "Lock": "lock", "LockHeld": "lock"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
