"""Answering questions in the TUI with the keyboard, as a user would (shared by tests and the benchmark)."""

from __future__ import annotations

from typing import Any

from wizard.tui.incident import IncidentScreen
from wizard.tui.questions import QuestionView


def shown(app) -> QuestionView:
    return app.screen.query_one(QuestionView)


async def answer(pilot, value: Any) -> None:
    """Answer the question on screen with `value` (a choice value, a list for multi, text otherwise,
    None for 「分からない」), using only keys."""
    view = shown(pilot.app)
    q = view.question
    if q.kind == "choice":
        values = [c.value for c in q.choices]
        index = len(values) if value is None else next(i for i, v in enumerate(values)
                                                        if v == value and type(v) is type(value))
        await pilot.press(*["down"] * index, "enter")
    elif q.kind == "multi":  # focus order: the list, then 決定, 該当なし, 分からない
        if value is None:
            await pilot.press("tab", "tab", "tab", "enter")
        elif not value:
            await pilot.press("tab", "tab", "enter")
        else:
            values = [c.value for c in q.choices]
            keys: list[str] = []
            position = 0
            for index in sorted(values.index(v) for v in value):
                keys += ["down"] * (index - position) + ["space"]
                position = index
            await pilot.press(*keys, "pagedown")
    elif value is None:  # the field, then 決定, (今,) 分からない
        await pilot.press(*["tab"] * (3 if q.kind == "datetime" else 2), "enter")
    else:
        await pilot.press(*str(value), "enter")
    await pilot.pause()


async def answer_all(pilot, answers: dict[str, Any]) -> list[str]:
    """Answer question after question from `answers` (by question id) until the flow ends; the ids seen."""
    seen = []
    screen = pilot.app.screen
    assert isinstance(screen, IncidentScreen)
    while screen.current is not None:
        qid = screen.current
        seen.append(qid)
        await answer(pilot, answers[qid])
        if screen.current == qid:
            error = str(shown(pilot.app).query_one("#field-error").render())
            raise AssertionError(f"question {qid} did not take {answers[qid]!r}: {error}")
    return seen
