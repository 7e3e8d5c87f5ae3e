"""Tabletop exercises: scenarios with injects, an exercise clock, and an after-action report.

The engine, questions, checklist and exports are the real ones; an exercise is an incident file
marked as one (【演習】/EXERCISE) with a few events of its own (`exercise_start`, `exercise_clock`,
`exercise_inject`). Usable without the TUI: `rouei exercise …` drives all of it.
"""
