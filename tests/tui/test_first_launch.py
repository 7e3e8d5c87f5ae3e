"""The very first launch on a computer (no responder saved): the start screen is drawn first, as on
any launch, the responder dialog a frame later, and keys typed before it is up go to it, in order."""

from __future__ import annotations

from textual.app import App

from wizard.tui.responder import ResponderDialog
from wizard.tui.start import StartScreen

from .conftest import settle


async def test_the_start_screen_is_drawn_before_the_responder_dialog(app_factory, monkeypatch):
    painted: list[str] = []
    display = App._display

    def noted(self, screen, renderable):
        if renderable is not None:
            painted.append(type(self.screen).__name__)
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", noted)
    app = app_factory("ja", by=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResponderDialog)
        assert app.screen.focused is app.screen.query_one("#name")
    assert painted[0] == "StartScreen" and "ResponderDialog" in painted


async def test_keys_typed_before_the_dialog_is_up_go_to_its_name_field(app_factory):
    app = app_factory("ja", by=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nobu", "tab", *"ops")  # at once: "n" and "o" are also start-screen keys
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ResponderDialog)
        assert (dialog.value("name"), dialog.value("role")) == ("nobu", "ops")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen) and app.responder == ("nobu", "ops")
        assert not app.holding


async def test_a_key_on_its_way_in_when_held_keys_are_let_go_waits_for_them(app_factory):
    from textual import events

    app = app_factory("ja", by=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.hold_keys()
        app.post_message(events.Key("a", "a"))
        await settle(pilot)  # "a" is held
        app.post_message(events.Key("b", "b"))  # typed after "a", still in the app's queue when it is let go
        app.release_keys()
        await settle(pilot)
        assert app.screen.value("name") == "ab"
