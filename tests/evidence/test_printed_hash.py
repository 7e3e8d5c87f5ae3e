"""The SHA-256 printed for an evidence item is the one a person can check: a file's content hash
(`sha256sum`), a folder's manifest hash computed as docs/incident-file.md says, labelled as such; in every
export format and language, on the command line and in the TUI's lines."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile

import pytest

from wizard.cli import main
from wizard.i18n import set_lang

HEX = re.compile(r"\b[0-9a-f]{64}\b")


def _manifest(root) -> str:
    """The manifest hash, computed from the folder itself as docs/incident-file.md describes it."""
    lines = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            data = open(path, "rb").read()
            lines.append((rel, f"file\0{rel}\0{len(data)}\0{hashlib.sha256(data).hexdigest()}\n"))
    text = "".join(line for _rel, line in sorted(lines))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


@pytest.fixture
def case(tmp_path, capsys):
    (tmp_path / "f.txt").write_bytes(b"hello\n")  # 6 bytes: 5891b5…
    logs = tmp_path / "logs"
    (logs / "app").mkdir(parents=True)
    (logs / "app" / "a.log").write_bytes(b"GET /\n" * 10)
    (logs / "b.log").write_bytes(b"login failed\n")
    path = tmp_path / "case.toml"
    assert main(["new", "-o", str(path), "--by", "山田", "--no-open", "--no-profile"]) == 0
    assert main(["answer", str(path), "aware_at=2026-11-20 10:00", "--by", "山田"]) == 0
    assert main(["evidence", "add", str(path), str(tmp_path / "f.txt"), str(logs), "--by", "山田"]) == 0
    capsys.readouterr()
    return path, hashlib.sha256(b"hello\n").hexdigest(), _manifest(logs)


def _text(path) -> str:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return re.sub(r"<[^>]+>", " ", z.read("word/document.xml").decode("utf-8"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
def test_every_export_prints_the_files_content_hash_and_the_folders_manifest(case, tmp_path, fmt, lang, capsys):
    path, content, manifest = case
    target = tmp_path / "out"
    assert main(["export", str(path), "--what", "evidence,timeline", "--format", fmt, "-o", f"{target}/",
                 "--lang", lang, "--by", "山田"]) == 0
    [document] = target.glob(f"*evidence.{fmt}")
    text = _text(document)
    printed = set(HEX.findall(text))
    set_lang(lang)
    from wizard.i18n import t

    assert printed == {content, manifest}  # no other 64-digit value (the file's manifest was printed before)
    assert t("export.evidence.hash", sha256=content, of=t("evidence.hash.file")) in text
    assert t("export.evidence.hash", sha256=manifest, of=t("evidence.hash.manifest")) in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_command_line_and_the_tui_print_the_same(case, lang, capsys):
    from wizard.evidence.register import register
    from wizard.store import Incident
    from wizard.tui.evidence import item_lines

    path, content, manifest = case
    items = register(Incident.load(path))
    for item in items:
        assert main(["evidence", "show", str(path), item.id, "--lang", lang]) == 0
        shown = capsys.readouterr().out
        expected = content if item.kind == "file" else manifest
        assert HEX.findall(shown)[0] == expected  # the item's own hash comes first, before each file's
        assert any(str(line).endswith(expected) for line in item_lines(item))
