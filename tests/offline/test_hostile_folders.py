"""Rule folders from outside: a TOML bomb, links (loops, files elsewhere on the disk), special files and
huge files are refused with a clean message by `flows check`, `install` and `status`, quickly, and a
refused install leaves nothing behind in the config folder."""

from __future__ import annotations

import os
import shutil
import sys
import time

import pytest

from wizard import rulesets
from wizard.cli import main
from wizard.domain.flows import bundled, bundled_dir

BOMB = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and pipes as POSIX makes them")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--lang", "en"])
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())


def copy_flows(tmp_path, version: str = "2999.1.0"):
    target = tmp_path / "incoming"
    shutil.copytree(bundled_dir(), target)
    manifest = target / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(bundled().manifest.version, version, 1),
                        encoding="utf-8")
    return target


def nothing_left() -> bool:
    config = rulesets.installed_dir().parent
    return not any((config / name).exists() for name in ("flows", "flows.new", "flows.old"))


@pytest.mark.parametrize("where", ["manifest.toml", "rules/appi_business.toml", "contacts.toml", "scenarios/card_skimming.toml"])
def test_a_toml_bomb_is_a_clean_problem(capsys, tmp_path, where):
    source = copy_flows(tmp_path)
    (source / where).write_text(BOMB, encoding="utf-8")
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "nested too deeply" in out and where in out and "Traceback" not in out
    code, out = run(capsys, "flows", "install", str(source))
    assert code == 2 and "nested too deeply" in out
    assert nothing_left()


def test_a_bomb_in_the_installed_rules_gives_a_clean_status(capsys, tmp_path):
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path)))[0] == 0
    (rulesets.installed_dir() / "manifest.toml").write_text(BOMB, encoding="utf-8")
    bundled.cache_clear()
    code, out = run(capsys, "flows", "status")
    assert code == 2 and "nested too deeply" in out and "rouei flows reset" in out and "Traceback" not in out
    assert rulesets.start_warning() is not None  # the start screen's quick read says the rules cannot be read


def test_deep_but_parseable_nesting_never_reaches_the_validator(capsys, tmp_path):
    source = copy_flows(tmp_path)
    pack = source / "rules" / "appi_business.toml"
    deep = "{ not = " * 200 + '{ fact = "affected_max", gt = 1000 }' + " }" * 200
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace('when = { fact = "affected_max", gt = 1000 }', f"when = {deep}", 1), encoding="utf-8")
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "nested too deeply" in out and "Traceback" not in out


@posix_only
def test_a_link_loop_is_refused_without_copying_anything(capsys, tmp_path):
    source = copy_flows(tmp_path)
    os.symlink("..", source / "rules" / "loop")
    os.symlink(source / "scenarios", source / "scenarios" / "again")
    started = time.perf_counter()
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "rules/loop: -: is a link" in out and "scenarios/again" in out
    code, out = run(capsys, "flows", "install", str(source))
    assert code == 2 and "is a link" in out
    assert time.perf_counter() - started < 10
    assert nothing_left()


@posix_only
def test_a_link_to_a_file_elsewhere_is_never_read_or_copied(capsys, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('[[contacts]]\nid = "x"\nkind = "SECRET-CONTENT"\n', encoding="utf-8")
    source = copy_flows(tmp_path)
    (source / "contacts.toml").unlink()
    os.symlink(secret, source / "contacts.toml")
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "contacts.toml: -: is a link" in out and "SECRET" not in out
    assert run(capsys, "flows", "install", str(source), "--force")[0] == 2
    assert nothing_left()
    assert not any("SECRET" in p.read_text(errors="replace") for p in rulesets.installed_dir().parent.rglob("*") if p.is_file())


@posix_only
def test_a_pipe_in_place_of_a_file_does_not_hang(capsys, tmp_path):
    source = copy_flows(tmp_path)
    (source / "manifest.toml").unlink()
    os.mkfifo(source / "manifest.toml")
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "not a regular file" in out


def test_a_huge_file_is_refused_before_it_is_parsed(capsys, tmp_path):
    source = copy_flows(tmp_path)
    inject = ('[[injects]]\nid = "i{n}"\ntitle = {{ ja = "t", en = "t" }}\nsender = {{ ja = "s", en = "s" }}\n'
              'message = {{ ja = "m", en = "m" }}\nexpect = {{}}\n')
    scenario = source / "scenarios" / "card_skimming.toml"
    with scenario.open("a", encoding="utf-8") as fh:
        fh.writelines(inject.format(n=n) for n in range(20_000))
    started = time.perf_counter()
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "scenarios/card_skimming.toml" in out and "at most 1,048,576" in out
    assert time.perf_counter() - started < 10


def test_many_injects_within_the_size_cap_are_refused_not_run(capsys, tmp_path):
    source = copy_flows(tmp_path)
    scenario = source / "scenarios" / "card_skimming.toml"
    text = scenario.read_text(encoding="utf-8")
    first, second = text.index("[[injects]]"), text.index("[[injects]]", text.index("[[injects]]") + 1)
    block = text[first:second]  # one inject with its [injects.expect]
    copies = "".join(block.replace('id = "', f'id = "n{n}_', 1) for n in range(150))
    scenario.write_text(text[:first] + copies + text[first:], encoding="utf-8")
    started = time.perf_counter()
    code, out = run(capsys, "flows", "check", str(source))
    assert code == 1 and "scenarios/card_skimming.toml: injects" in out and "at most 100" in out
    assert time.perf_counter() - started < 10


def test_the_walk_caps_entries(tmp_path):
    from wizard.domain import folder

    for n in range(folder.MAX_ENTRIES + 1):
        (tmp_path / f"f{n}.toml").write_text("", encoding="utf-8")
    files, troubles = folder.walk(tmp_path)
    assert files == [] and "more than 1000 files" in troubles[0].message


def test_a_failed_copy_leaves_nothing_behind(capsys, tmp_path, monkeypatch):
    from wizard.domain import folder

    source = copy_flows(tmp_path)

    def broken(root, files, target):
        target.mkdir()
        (target / "manifest.toml").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folder, "copy", broken)
    code, out = run(capsys, "flows", "install", str(source))
    assert code == 2 and "No space left on device" in out
    assert nothing_left()
