"""The firm's profile, prepared before an incident: its facts, people and partners (`model`), the file
(`files`), the readiness check (`readiness`), its contacts and the insurer's clock for a determination
(`contacts`), an incident started from it (`start`) and the card for the wall (`card`).

Usable without the TUI; nothing here imports Textual.
"""
