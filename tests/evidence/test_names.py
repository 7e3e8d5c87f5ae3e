"""Evidence names holding a card number, phone number or e-mail address: masked in the incident file,
the real names kept on this computer only, and verification still re-hashes the real files."""

from __future__ import annotations

from wizard.cli import main
from wizard.evidence.names import store_path
from wizard.evidence.register import find, register
from wizard.store import Incident, Responder

SECRET = ("090-1234-5678", "4111 1111 1111 1111", "tanaka@example.com")


def test_names_are_masked_and_verified_by_their_real_names(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "export_090-1234-5678"
    folder.mkdir()
    (folder / "田中_090-1234-5678.csv").write_text("a\n", encoding="utf-8")
    (folder / "田中_090-8765-4321.csv").write_text("b\n", encoding="utf-8")  # masks alike: made unique
    (folder / "card 4111 1111 1111 1111.txt").write_text("c\n", encoding="utf-8")
    (folder / "from tanaka@example.com.eml").write_text("d\n", encoding="utf-8")
    (folder / "plain.log").write_text("e\n", encoding="utf-8")
    case = tmp_path / "case.toml"
    Incident.create(case, Responder("山田")).close()
    assert main(["evidence", "add", str(case), str(folder), "--by", "山田"]) == 0
    said = capsys.readouterr().out
    text = case.read_text(encoding="utf-8")
    assert not any(secret in text for secret in SECRET) and "5678" not in text
    assert "plain.log" in text and "伏せ字" in said
    incident = Incident.load(case)
    [item] = register(incident)
    assert item.masked and len({e.rel for e in item.entries}) == 5
    kept = store_path(incident.events[0].id)
    assert "090-1234-5678" in kept.read_text(encoding="utf-8") and (kept.stat().st_mode & 0o077) == 0

    assert main(["evidence", "verify", str(case), "--by", "山田"]) == 0
    assert "090-1234-5678" not in case.read_text(encoding="utf-8")
    (folder / "田中_090-1234-5678.csv").write_text("changed\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["evidence", "verify", str(case), "--by", "山田"]) == 1
    out = capsys.readouterr().out
    assert "***-****-****" in out and "090-1234-5678" not in out

    monkeypatch.setenv("ROUEI_CONFIG_DIR", str(tmp_path / "another-computer"))
    assert main(["evidence", "verify", str(case), "--by", "佐藤"]) == 1
    out = capsys.readouterr().out
    assert "収集したコンピュータ" in out
    assert find(register(Incident.load(case)), item.id).last_check.status == "unreadable"


def test_a_broken_or_unwritable_store_of_names_is_a_clean_error(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "090-1234-5678.csv").write_text("a\n", encoding="utf-8")
    case = tmp_path / "case.toml"
    Incident.create(case, Responder("山田")).close()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ROUEI_CONFIG_DIR", str(blocker))
    assert main(["evidence", "add", str(case), str(folder), "--by", "山田"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert [e.kind for e in Incident.load(case).events] == ["created"]  # nothing recorded without its names
    monkeypatch.setenv("ROUEI_CONFIG_DIR", str(tmp_path / "cfg"))
    kept = store_path(Incident.load(case).events[0].id)
    kept.parent.mkdir(parents=True)
    kept.write_text('items = ["not", "tables"]\n', encoding="utf-8")
    assert main(["evidence", "add", str(case), str(folder), "--by", "山田"]) == 0
    assert main(["evidence", "verify", str(case), "--by", "山田"]) == 0
