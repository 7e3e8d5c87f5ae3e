"""The incident file: an append-only, hash-chained history of events, merged without loss.

No Textual here (a test checks): the TUI, the command line and the exports all build on this package.
See docs/incident-file.md for the format.
"""

from wizard.store.brief import Brief
from wizard.store.errors import IntegrityError, StoreError
from wizard.store.events import Event, Responder
from wizard.store.guard import PersonalDataFound
from wizard.store.incident import Incident, TickState
from wizard.store.lock import Holder, Lock, LockHeld

__all__ = ["Brief", "Event", "Holder", "Incident", "IntegrityError", "Lock", "LockHeld",
           "PersonalDataFound", "Responder", "StoreError", "TickState"]
