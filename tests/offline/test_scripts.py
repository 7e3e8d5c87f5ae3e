"""Every script the offline bundle ships runs where it is meant to: cmd.exe reads a .bat or .cmd in the
console's code page (ASCII only, CRLF), Windows PowerShell 5.1 reads a .ps1 without a byte-order mark in
the ANSI code page (so UTF-8 with a BOM), a shell script must start with its #! line (UTF-8, no BOM, LF)."""

from __future__ import annotations

import pytest

from tests.offline.test_bundle import ROOT, bundle_script

BOM = b"\xef\xbb\xbf"
VALUES = {"VERSION": "0.1.0", "PYTHONS_TEXT": "3.11, 3.12, 3.13, 3.14, 3.15",
          "ACCEPTS": "windows-amd64=3.11,3.12;linux-x86_64=3.11:2.17,3.15:2.26", "WINDOWS_PYTHONS": "3.12 3.11",
          "COVERAGE": "  windows-amd64: Python 3.11, 3.12", "RULES_VERSION": "2026.12.0", "RULES_VERIFIED": "2026-10-09"}


def problems(name: str, data: bytes) -> list[str]:
    """What keeps the bytes of the shipped file `name` from being read right where it runs."""
    found = []
    windows = name.endswith((".bat", ".cmd", ".ps1", ".txt"))
    if windows and b"\n" in data.replace(b"\r\n", b""):
        found.append("a line that does not end in CRLF")
    if name.endswith((".bat", ".cmd", ".py")) and not data.isascii():
        found.append("a byte outside ASCII")
    if name.endswith((".ps1", ".txt")):
        if not data.startswith(BOM):
            found.append("no UTF-8 byte-order mark")
        data.removeprefix(BOM).decode("utf-8")
    if name.endswith(".sh") or "." not in name:
        if not data.startswith(b"#!/bin/sh\n"):
            found.append("does not start with #!/bin/sh and LF")
        if b"\r" in data:
            found.append("a CR")
        data.decode("utf-8")
    if not windows and not name.endswith((".sh", ".py")) and "." in name:
        found.append("a kind of file no rule covers")
    if b"@" in data and any(f"@{key}@".encode() in data for key in VALUES):
        found.append("a placeholder left unfilled")
    return found


def test_every_template_is_shipped_under_a_rule():
    shipped = set(bundle_script().SHIPPED)
    assert {p.name for p in (ROOT / "scripts" / "offline").iterdir()} == shipped
    assert {"install.bat", "install.ps1", "install.sh", "rouei", "rouei.cmd", "README-offline.txt"} <= shipped


@pytest.mark.parametrize("name", sorted(bundle_script().SHIPPED))
def test_the_shipped_bytes_fit_where_they_run(name):
    data = bundle_script().shipped_files(VALUES)[name]
    assert problems(name, data) == []


def test_the_check_catches_what_breaks_windows():
    assert "no UTF-8 byte-order mark" in problems("install.ps1", "# 日本語\r\n".encode("utf-8"))
    assert "a byte outside ASCII" in problems("install.bat", "echo 日本語\r\n".encode("utf-8"))
    assert "a line that does not end in CRLF" in problems("rouei.cmd", b"@echo off\nexit\n")
    assert "does not start with #!/bin/sh and LF" in problems("install.sh", BOM + b"#!/bin/sh\n")


def test_the_python_check_runs_on_any_python(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "check_python.py"
    here = "%d.%d" % sys.version_info[:2]
    for accepts, code, words in ((f"linux-x86_64={here}:2.17;macos-arm64={here};windows-amd64={here}", 0, ""),
                                 ("windows-amd64=3.99", 1, "this bundle has no wheels for"),
                                 (f"linux-x86_64=3.99;macos-arm64=3.99;macos-x86_64=3.99;windows-amd64=3.99", 1, "does not fit"),
                                 (f"linux-x86_64={here}:9.99", 1, "needs glibc 9.99")):
        if words == "needs glibc 9.99" and not sys.platform.startswith("linux"):
            continue
        script.write_bytes(bundle_script().shipped_files({**VALUES, "ACCEPTS": accepts})["check_python.py"])
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        assert done.returncode == code and words in done.stdout, (accepts, done.stdout, done.stderr)
    compile(script.read_text(), "check_python.py", "exec", flags=0, dont_inherit=True)
