"""`rouei merge-driver`: a `git pull` of two diverged copies merges them instead of leaving markers."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

import pytest

from wizard.cli import main
from wizard.store import Incident, Responder

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                               "HOME": str(folder), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 or args[0] == "pull", done.stderr
    return done.stdout + done.stderr


def clone(origin, folder):
    git(folder.parent, "clone", "-q", str(origin), folder.name)
    driver = f"{shlex.quote(sys.executable)} -m wizard merge-driver %O %A %B %P"
    git(folder, "config", "merge.rouei.driver", driver)
    git(folder, "config", "pull.rebase", "false")
    return folder


def test_a_pull_of_two_diverged_copies_merges_them(tmp_path):
    origin, seed = tmp_path / "origin.git", tmp_path / "seed"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(tmp_path, "init", "-q", str(seed))
    (seed / "incidents").mkdir()
    case = seed / "incidents" / "case.toml"
    with Incident.create(case, Responder("山田"), title="誤送信") as incident:
        incident.answer("aware_at", "2026-11-20T10:00:00+09:00", Responder("山田"))
    (seed / ".gitattributes").write_text("incidents/*.toml merge=rouei\n", encoding="utf-8")
    (seed / ".gitignore").write_text("*.toml.bak*\n*.toml.lock\n", encoding="utf-8")
    git(seed, "add", ".")
    git(seed, "commit", "-qm", "start")
    git(seed, "push", "-q", str(origin), "HEAD:main")
    git(origin, "symbolic-ref", "HEAD", "refs/heads/main")

    tokyo, osaka = clone(origin, tmp_path / "tokyo"), clone(origin, tmp_path / "osaka")
    for site, name, count in ((tokyo, "佐藤", 6000), (osaka, "鈴木", 7000)):
        assert main(["answer", str(site / "incidents/case.toml"), f"affected_max={count}", "cause=misdelivery",
                     "--by", name]) == 0
        git(site, "commit", "-qam", f"answers from {name}")
    git(tokyo, "push", "-q")
    said = git(osaka, "pull", "--no-edit")
    assert "CONFLICT" not in said, said
    merged = Incident.load(osaka / "incidents/case.toml")
    assert {e.by for e in merged.events} == {"山田", "佐藤", "鈴木"}
    [conflict] = merged.conflict_list()
    assert (conflict["fact"], sorted(conflict["values"])) == ("affected_max", [6000, 7000])
    assert "<<<<<<<" not in (osaka / "incidents/case.toml").read_text(encoding="utf-8")
    assert "食い違い" in said
    git(osaka, "push", "-q")
    git(tokyo, "pull", "-q", "--no-edit")
    assert Incident.load(tokyo / "incidents/case.toml").events == merged.events


def test_a_copy_that_is_not_an_incident_is_left_as_a_conflict(tmp_path, capsys):
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    Incident.create(ours, Responder("山田")).close()
    theirs.write_text("not = 'an incident'\n", encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge-driver", str(tmp_path / "base"), str(ours), str(theirs)]) == 2
    assert ours.read_bytes() == before
    assert "Traceback" not in capsys.readouterr().err
