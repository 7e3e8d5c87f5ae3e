"""The offline bundle: built for this machine, checked, and installed into a fresh virtual environment
with no package index in reach; then `rouei flows check` and an assessment run from the install.

Building needs the package index (pip download); installing must not: the index is pointed at a
closed port and pip's configuration is switched off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bundle_script():
    spec = importlib.util.spec_from_file_location("offline_bundle", ROOT / "scripts" / "offline_bundle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("offline_bundle", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def fake_wheel(folder: Path, name: str, version: str, *requires: str) -> None:
    """A wheel holding only its METADATA: enough for the completeness walk."""
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)


def test_the_walk_uses_the_target_platforms_markers(tmp_path):
    script = bundle_script()
    fake_wheel(tmp_path, "rouei", "1.0", "lib>=2", "tzdata; sys_platform == 'win32'", "docs; extra == 'docs'")
    fake_wheel(tmp_path, "lib", "2.1", "binary")
    root = tmp_path / "rouei-1.0-py3-none-any.whl"
    linux = {**script.PLATFORMS["linux-x86_64"].markers, "python_version": "3.12"}
    windows = {**script.PLATFORMS["windows-amd64"].markers, "python_version": "3.12"}
    assert script.missing(tmp_path, root, linux) == ["binary"]
    assert script.missing(tmp_path, root, windows) == ["binary", "tzdata"]
    fake_wheel(tmp_path, "binary", "1")
    fake_wheel(tmp_path, "tzdata", "2026.1")
    assert script.missing(tmp_path, root, windows) == []


def test_a_wheel_too_old_for_the_requirement_counts_as_missing(tmp_path):
    script = bundle_script()
    fake_wheel(tmp_path, "rouei", "1.0", "lib>=3")
    fake_wheel(tmp_path, "lib", "2.1")
    assert script.missing(tmp_path, tmp_path / "rouei-1.0-py3-none-any.whl", {}) == ["lib>=3"]


def offline_env(tmp_path: Path) -> dict[str, str]:
    """No index in reach and no pip configuration: anything fetched would fail loudly."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_CONFIG_FILE=os.devnull, PIP_NO_CACHE_DIR="1",
               ROUEI_CONFIG_DIR=str(tmp_path / "config"), NO_COLOR="1")
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="install.sh is the POSIX installer")
def test_build_then_install_with_no_index(tmp_path):
    build = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_bundle.py"), "--platform", "current",
                            "-o", str(tmp_path / "dist")], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    [archive] = (tmp_path / "dist").glob("rouei-offline-*.zip")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert (archive.parent / f"{archive.name}.sha256").read_text().split()[0] == digest
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "stick")
    [bundle] = (tmp_path / "stick").iterdir()
    for line in (bundle / "SHA256SUMS").read_text().splitlines():
        expected, name = line.split("  ", 1)
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == expected, name
    manifest = tomllib.loads((bundle / "MANIFEST.toml").read_text(encoding="utf-8"))
    assert manifest["rules"]["version"] and manifest["rules"]["last_verified"]
    [(platform_name, pythons)] = manifest["platforms"].items()
    assert list(pythons) == ["%d.%d" % sys.version_info[:2]]
    from tests.offline.test_scripts import problems

    for name in bundle_script().SHIPPED:
        assert problems(name, (bundle / name).read_bytes()) == [], name

    env = offline_env(tmp_path)
    install = subprocess.run(["sh", str(bundle / "install.sh")], capture_output=True, text=True, env=env,
                             cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    assert "rouei " in install.stdout and "./rouei" in install.stdout
    rouei = bundle / "rouei"  # the launcher the guide uses
    check = subprocess.run([str(rouei), "flows", "check", "--lang", "en"], capture_output=True, text=True, env=env)
    assert check.returncode == 0 and "no problems" in check.stdout.lower(), check.stdout + check.stderr
    facts = tmp_path / "facts.toml"
    facts.write_text('aware_at = 2026-11-20T10:00:00+09:00\ndata = ["card_number"]\naffected_max = 10\n',
                     encoding="utf-8")
    assess = subprocess.run([str(rouei), "assess", str(facts), "--json"], capture_output=True, text=True, env=env)
    assert assess.returncode == 0, assess.stderr
    result = json.loads(assess.stdout)
    assert result["report_required"] is True and "financial" in result["triggers"]
    assert result["rules"]["version"] == manifest["rules"]["version"]
    assert Path(subprocess.run([str(bundle / "venv" / "bin" / "python"), "-c", "import wizard; print(wizard.__file__)"],
                               capture_output=True, text=True, cwd=tmp_path).stdout.strip()).is_relative_to(bundle / "venv")


def test_the_build_says_what_it_lacks_before_downloading(tmp_path):
    """A Python without rouei's dependencies is told what to run, not a ModuleNotFoundError after the downloads."""
    venv = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    done = subprocess.run([str(python), str(ROOT / "scripts" / "offline_bundle.py"), "-o", str(tmp_path / "dist")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "lacks pip, packaging, tomli-w, pydantic" in done.stderr and "pip install -q -e . packaging" in done.stderr
    assert not (tmp_path / "dist").exists()


def test_the_readme_command_is_the_scripts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- bundle-command -->", 1)[1].split("```", 2)[1].strip()
    assert block == bundle_script().COMMAND


def test_glibc_of_a_pair_is_its_newest_wheels():
    script = bundle_script()
    assert script.glibc(["lxml-6.2.0-cp315-cp315-manylinux_2_26_x86_64.manylinux_2_28_x86_64.whl",
                         "pydantic_core-2.50.5-cp315-cp315-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
                         "rich-14-py3-none-any.whl"]) == "2.26"
    assert script.glibc(["rich-14-py3-none-any.whl", "x-1-cp312-cp312-win_amd64.whl"]) is None


def test_a_missing_wheel_is_named_from_pips_words():
    script = bundle_script()
    assert script.culprits("ERROR: No matching distribution found for lxml\n") == ["lxml"]
    conflict = ("The conflict is caused by:\n    rouei 0.1.0 depends on pydantic<3,>=2.7\n"
                "    pydantic 2.14.4 depends on pydantic-core==2.50.5\n    pydantic 2.7.0 depends on pydantic-core==2.18.1\n")
    assert script.culprits(conflict) == ["pydantic-core"]


def test_a_pair_without_wheels_is_left_out_and_named(tmp_path, monkeypatch):
    """One pair with no wheel: the bundle is built without it and says so; a platform with no Python at
    all, or any gap with --strict, fails the build and writes no zip."""
    script = bundle_script()
    own = tmp_path / "own"
    own.mkdir()
    fake_wheel(own, "rouei", "1.0")

    def download(target, python, rouei_wheel, folder):
        if (target.name, python) == ("linux-aarch64", "3.15") or target.name == "macos-x86_64" and missing_mac:
            raise script.BuildError(f"{target.name} / CPython {python}: no wheel for lxml")

    monkeypatch.setattr(script, "build_rouei_wheel", lambda out: own / "rouei-1.0-py3-none-any.whl")
    monkeypatch.setattr(script, "download", download)
    monkeypatch.setattr(script, "rules_summary", lambda: {"version": "2026.12.0", "last_verified": "2026-10-01",
                                                          "reviewed": "2026-12-01"})
    targets = [script.PLATFORMS["linux-aarch64"], script.PLATFORMS["macos-x86_64"]]
    missing_mac = True
    with pytest.raises(script.BuildError, match="no Python covered for macos-x86_64"):
        script.build(tmp_path / "dist", targets, ["3.14", "3.15"], say=lambda _: None)
    assert not (tmp_path / "dist").exists()
    missing_mac = False
    with pytest.raises(script.BuildError, match="--strict"):
        script.build(tmp_path / "dist", targets, ["3.14", "3.15"], strict=True, say=lambda _: None)
    archive = script.build(tmp_path / "dist", targets, ["3.14", "3.15"], say=lambda _: None)
    with zipfile.ZipFile(archive) as zf:
        manifest = tomllib.loads(zf.read("rouei-offline-1.0/MANIFEST.toml").decode())
        readme = zf.read("rouei-offline-1.0/README-offline.txt").decode("utf-8-sig")
        checker = zf.read("rouei-offline-1.0/check_python.py").decode()
    assert manifest["left_out"] == {"linux-aarch64 / 3.15": "no wheel for lxml"}
    assert "linux-aarch64 / 3.15: not covered / 対象外 (no wheel for lxml)" in readme
    assert 'ACCEPTS = "linux-aarch64=3.14;macos-x86_64=3.14,3.15"' in checker
