"""The evidence register: preserved files and folders, their hashes, chain of custody and verification.

`collect` hashes paths (read-only, streamed), `add` and `transfer` record events in an incident,
`register` derives the items with their custody chains, `verify` re-hashes them. No Textual here.
"""
