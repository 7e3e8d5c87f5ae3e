"""Build the offline bundle: rouei's wheel and every dependency's wheel, install scripts, launchers, checksums.

Run on a connected machine (it uses the package index through pip); the zip then installs on a
machine with no network at all (README-offline.txt inside says how). From a fresh clone:

    python3 -m venv .venv && .venv/bin/python -m pip install -q -e . packaging && .venv/bin/python scripts/offline_bundle.py

    python scripts/offline_bundle.py [-o DIR] [--platform all|current|NAME…] [--python 3.11 … 3.15] [--strict]

- Every platform × Python pair is resolved by `pip download --only-binary=:all:` from rouei's own
  wheel, so the dependency list is the one `pyproject.toml` gives at build time (binary ones such as
  pydantic-core or lxml included). pip evaluates environment markers for the machine it runs on, so
  each pair's wheels are then walked from rouei's requirements with that pair's markers; what is
  missing is fetched.
- Linux pairs take manylinux2014 wheels (glibc 2.17) where there are some, else newer manylinux ones
  (e.g. lxml for CPython 3.15 comes only for glibc 2.26+): MANIFEST.toml and the installer say which
  glibc each pair needs.
- A pair no wheel covers is left out and named, with pip's reason, on screen, in MANIFEST.toml and in
  README-offline.txt; the installers accept only the pairs the bundle covers. The build fails (exit 1,
  no zip) when a platform asked for is left with no Python at all, and with `--strict` when any pair is
  left out.
- Out: DIR/rouei-offline-<version>[-<platform>].zip (one folder inside: install.sh, install.ps1,
  install.bat, the launchers rouei and rouei.cmd, check_python.py, README-offline.txt, MANIFEST.toml,
  SHA256SUMS, wheels/) and its `.sha256` beside it.

Needs pip, `packaging`, and rouei's own dependencies (pydantic, tomli-w: it reads the bundled rules);
it says so, before downloading anything, when they are missing. hatchling is used when installed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import platform as host
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from email.parser import Parser
from pathlib import Path

try:
    import tomli_w
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ModuleNotFoundError:  # main() says what is missing before doing anything
    pass

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).with_name("offline")
PYTHONS = ("3.11", "3.12", "3.13", "3.14", "3.15")
NEEDS = {"packaging": "packaging", "tomli_w": "tomli-w", "pydantic": "pydantic"}  # module: package
COMMAND = "python3 -m venv .venv && .venv/bin/python -m pip install -q -e . packaging && .venv/bin/python scripts/offline_bundle.py"
# What the bundle ships beside the wheels: (template, newline, byte rule). A byte rule keeps each file
# readable by what runs it: cmd.exe reads a .bat/.cmd in the console's code page (so ASCII only);
# Windows PowerShell 5.1 reads a .ps1 without a BOM in the ANSI code page (so UTF-8 with a BOM); a
# shell script must start with its #! line (so UTF-8 without a BOM).
SHIPPED = {
    "install.sh": ("\n", "utf-8"), "rouei": ("\n", "utf-8"), "check_python.py": ("\n", "ascii"),
    "install.bat": ("\r\n", "ascii"), "rouei.cmd": ("\r\n", "ascii"),
    "install.ps1": ("\r\n", "utf-8-sig"), "README-offline.txt": ("\r\n", "utf-8-sig"),
}
EXECUTABLE = {"install.sh", "rouei"}


@dataclass(frozen=True)
class Platform:
    name: str
    tags: tuple[str, ...]  # pip --platform values (pip widens manylinux2014 / macosx to older tags)
    markers: dict[str, str]  # the environment markers of that system


def _markers(sys_platform: str, system: str, machine: str) -> dict[str, str]:
    return {"sys_platform": sys_platform, "platform_system": system, "platform_machine": machine,
            "os_name": "nt" if system == "Windows" else "posix"}


PLATFORMS = {p.name: p for p in (
    Platform("windows-amd64", ("win_amd64",), _markers("win32", "Windows", "AMD64")),
    Platform("macos-arm64", ("macosx_11_0_arm64",), _markers("darwin", "Darwin", "arm64")),
    Platform("macos-x86_64", ("macosx_11_0_x86_64",), _markers("darwin", "Darwin", "x86_64")),
    # manylinux2014 first (pip prefers the first tag given), manylinux_2_28 where a package has no older wheel
    Platform("linux-x86_64", ("manylinux2014_x86_64", "manylinux_2_28_x86_64"), _markers("linux", "Linux", "x86_64")),
    Platform("linux-aarch64", ("manylinux2014_aarch64", "manylinux_2_28_aarch64"), _markers("linux", "Linux", "aarch64")),
)}


class BuildError(Exception):
    """The bundle cannot be built as asked; the message says which platform and which wheel."""


def lacking() -> list[str]:
    """The packages this Python lacks to build the bundle (pip, and `NEEDS`)."""
    return [package for module, package in {"pip": "pip", **NEEDS}.items() if importlib.util.find_spec(module) is None]


def current_platform() -> Platform:
    """This machine as a bundle platform (pip picks its own tags, no --platform)."""
    system, machine = host.system(), host.machine()
    name = {"Windows": "windows", "Darwin": "macos", "Linux": "linux"}.get(system, system.lower())
    machine = {"AMD64": "amd64", "arm64": "arm64", "aarch64": "aarch64"}.get(machine, machine.lower())
    if name == "windows" and machine == "x86_64":
        machine = "amd64"
    return Platform(f"{name}-{machine}", (), _markers(sys.platform, system, host.machine()))


def pip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check"],
                          capture_output=True, text=True)


def build_rouei_wheel(out: Path) -> Path:
    """rouei's own wheel, built from the working tree."""
    flags = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    done = pip("wheel", "--no-deps", *flags, "-q", "-w", str(out), str(ROOT))
    wheels = sorted(out.glob("rouei-*.whl"))
    if done.returncode != 0 or not wheels:
        raise BuildError(f"building rouei's wheel failed:\n{done.stderr.strip()}")
    return wheels[-1]


def _metadata(wheel: Path) -> tuple[str, str, list[str]]:
    """(name, version, Requires-Dist) of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(name).decode("utf-8"))
    return canonicalize_name(meta["Name"]), meta["Version"], meta.get_all("Requires-Dist") or []


def missing(folder: Path, root: Path, env: dict[str, str]) -> list[str]:
    """Requirements reachable from `root` under the markers `env` that no wheel in `folder` satisfies
    (without their markers: pip would judge those by the machine it runs on)."""
    wheels: dict[str, tuple[str, list[str]]] = {}
    for wheel in folder.glob("*.whl"):
        name, version, requires = _metadata(wheel)
        wheels[name] = (version, requires)
    todo, seen, lacking = [Requirement(f"{_metadata(root)[0]}")], set(), []
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        found = wheels.get(name)
        if found is None or not req.specifier.contains(found[0], prereleases=True):
            req.marker = None
            lacking.append(str(req))
            continue
        for text in found[1]:
            dep = Requirement(text)
            if dep.marker is None or dep.marker.evaluate({**env, "extra": ""}):
                todo.append(dep)
    return sorted(lacking)


def culprits(output: str) -> list[str]:
    """The packages pip found no wheel for: named in "No matching distribution found for X", or wanted
    in its conflict report ("A depends on X==1") by a package that is not itself wanted there."""
    names = re.findall(r"No matching distribution found for ([A-Za-z0-9._-]+)", output)
    pairs = re.findall(r"^\s+(\S+) \S+ depends on ([A-Za-z0-9._-]+)", output, re.MULTILINE)
    wanted = {canonicalize_name(b) for _, b in pairs} - {canonicalize_name(a) for a, _ in pairs}
    return sorted({canonicalize_name(n) for n in names} | wanted)


def download(target: Platform, python: str | None, rouei_wheel: Path, folder: Path) -> None:
    """Every wheel rouei needs on `target` with CPython `python` (None: this interpreter) into `folder`."""
    pair = f"{target.name} / CPython {python or '%d.%d' % sys.version_info[:2]}"
    env = dict(default_environment())
    env.update(target.markers)
    if python:
        env.update(python_version=python, python_full_version=f"{python}.0")
    flags = ["--only-binary=:all:", "-d", str(folder)]
    if python:
        flags += ["--python-version", python, "--implementation", "cp", "--abi", f"cp{python.replace('.', '')}"]
    for tag in target.tags:
        flags += ["--platform", tag]
    extra: list[str] = []
    for _ in range(4):
        done = pip("download", str(rouei_wheel), *extra, *flags)
        if done.returncode != 0:
            raise BuildError(f"{pair}: no wheel for {', '.join(culprits(done.stdout + done.stderr)) or 'what rouei needs'}"
                             f" (pip's words:\n  {done.stderr.strip().splitlines()[-1]})")
        lacking = missing(folder, rouei_wheel, env)
        if not lacking:
            return
        if set(lacking) <= set(extra):
            break
        extra = sorted(set(extra) | set(lacking))
    raise BuildError(f"{pair}: no wheel found for: {', '.join(lacking)}")


def rules_summary() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from wizard.domain.flows import bundled_dir, load_flows

    flows = load_flows(bundled_dir())
    return {"version": flows.manifest.version, "last_verified": flows.oldest_verification().isoformat(),
            "reviewed": flows.manifest.reviewed.isoformat()}


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], template)


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def glibc(wheels: list[str]) -> str | None:
    """The oldest glibc on which every Linux wheel in `wheels` installs ("2.17"), None if none is for Linux."""
    need = None
    for name in wheels:
        versions = [_glibc(tag.platform) for tag in parse_wheel_filename(name)[3]]
        versions = [v for v in versions if v]
        if versions:
            need = max(need or (0, 0), min(versions))
    return "%d.%d" % need if need else None


def _glibc(platform_tag: str) -> tuple[int, int] | None:
    legacy = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
    for prefix, version in legacy.items():
        if platform_tag.startswith(prefix + "_"):
            return version
    found = re.match(r"manylinux_(\d+)_(\d+)_", platform_tag)
    return (int(found.group(1)), int(found.group(2))) if found else None


@dataclass
class Coverage:
    """What the bundle covers: each platform's Pythons with their wheels, and each pair left out and why."""

    wheels: dict[str, dict[str, list[str]]]  # platform -> python -> wheel file names
    glibc: dict[str, dict[str, str]]  # Linux platform -> python -> oldest glibc
    left_out: dict[str, str]  # "platform / python" -> reason

    def pythons(self, platform: str) -> list[str]:
        return sorted(self.wheels.get(platform, {}), key=lambda v: tuple(map(int, v.split("."))))


def collect(targets: list[Platform], pythons: list[str | None], rouei_wheel: Path, tmp: Path, wheels: Path,
            say=print) -> Coverage:
    """Download every pair into `wheels` (shared), noting what each pair needs and the pairs left out."""
    cover = Coverage({}, {}, {})
    for target in targets:
        for python in pythons:
            label = python or "%d.%d" % sys.version_info[:2]
            pair = tmp / "pairs" / f"{target.name}-{label}"
            pair.mkdir(parents=True)
            try:
                download(target, python, rouei_wheel, pair)
            except BuildError as exc:
                cover.left_out[f"{target.name} / {label}"] = " ".join(str(exc).split(": ", 1)[-1].split())
                say(f"  left out: {exc}")
                continue
            names = sorted(p.name for p in pair.glob("*.whl"))
            for name in names:
                if not (wheels / name).exists():
                    shutil.copy2(pair / name, wheels)
            cover.wheels.setdefault(target.name, {})[label] = sorted(set(names) | {rouei_wheel.name})
            if target.name.startswith("linux") and (need := glibc(names)):
                cover.glibc.setdefault(target.name, {})[label] = need
            say(f"  covered: {target.name} / CPython {label}")
    return cover


def accepted(cover: Coverage) -> str:
    """The pairs the installers accept, in one line check_python.py reads:
    "linux-x86_64=3.11:2.17,3.15:2.26;windows-amd64=3.11,3.12" (a Linux Python with its oldest glibc)."""
    parts = []
    for platform in cover.wheels:
        versions = [f"{v}:{cover.glibc[platform][v]}" if v in cover.glibc.get(platform, {}) else v
                    for v in cover.pythons(platform)]
        parts.append(f"{platform}={','.join(versions)}")
    return ";".join(parts)


def build(out: Path, targets: list[Platform], pythons: list[str | None], strict: bool = False, say=print) -> Path:
    """Build the zip in `out`; returns its path. Raises `BuildError` when a platform is left with no Python
    (or, `strict`, when any pair is left out)."""
    with tempfile.TemporaryDirectory(prefix="rouei-bundle-") as tmp:
        tmp = Path(tmp)
        rouei_wheel = build_rouei_wheel(tmp / "own")
        _, version, _ = _metadata(rouei_wheel)
        top = f"rouei-offline-{version}"
        stage = tmp / top
        wheels = stage / "wheels"
        wheels.mkdir(parents=True)
        shutil.copy2(rouei_wheel, wheels)
        cover = collect(targets, pythons, rouei_wheel, tmp, wheels, say)
        bare = [t.name for t in targets if t.name not in cover.wheels]
        if bare or (strict and cover.left_out):
            gaps = "\n  ".join(f"{pair}: {why}" for pair, why in cover.left_out.items())
            raise BuildError(("no Python covered for " + ", ".join(bare) if bare else "pairs left out (--strict)")
                             + f"; no bundle written:\n  {gaps}")
        py_list = sorted({p for per in cover.wheels.values() for p in per}, key=lambda v: tuple(map(int, v.split("."))))
        rules = rules_summary()
        values = {"VERSION": version, "PYTHONS_TEXT": ", ".join(py_list), "ACCEPTS": accepted(cover),
                  "WINDOWS_PYTHONS": " ".join(reversed(cover.pythons("windows-amd64"))) or "none",
                  "COVERAGE": coverage_text(cover), "RULES_VERSION": rules["version"],
                  "RULES_VERIFIED": rules["last_verified"]}
        for name, data in shipped_files(values).items():
            (stage / name).write_bytes(data)
        binary = sorted(n.name for n in wheels.iterdir() if parse_wheel_filename(n.name)[3] and
                        not all(tag.platform == "any" for tag in parse_wheel_filename(n.name)[3]))
        manifest = {"rouei": version, "built_at": datetime.now(timezone.utc).replace(microsecond=0),
                    "rules": rules, "pythons": py_list, "accepts": values["ACCEPTS"], "platforms": cover.wheels,
                    "glibc": cover.glibc, "left_out": cover.left_out, "platform_specific": binary}
        (stage / "MANIFEST.toml").write_text(tomli_w.dumps(manifest), encoding="utf-8")
        files = sorted(p for p in stage.rglob("*") if p.is_file())
        sums = "".join(f"{sha256(p)}  {p.relative_to(stage).as_posix()}\n" for p in files)
        (stage / "SHA256SUMS").write_text(sums, encoding="utf-8")
        suffix = "" if {t.name for t in targets} == set(PLATFORMS) else "-" + "-".join(t.name for t in targets)
        out.mkdir(parents=True, exist_ok=True)
        archive = out / f"{top}{suffix}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in stage.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo.from_file(path, f"{top}/{path.relative_to(stage).as_posix()}")
                info.external_attr = (0o755 if path.name in EXECUTABLE else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
        archive.with_name(archive.name + ".sha256").write_text(f"{sha256(archive)}  {archive.name}\n",
                                                                encoding="utf-8")
        return archive


def shipped_files(values: dict[str, str]) -> dict[str, bytes]:
    """The scripts and the guide, filled in, as the bytes the bundle ships (`SHIPPED` says how)."""
    out = {}
    for name, (newline, encoding) in SHIPPED.items():
        text = fill((TEMPLATES / name).read_text(encoding="utf-8"), values)
        out[name] = text.replace("\r\n", "\n").replace("\n", newline).encode(encoding)
    return out


def coverage_text(cover: Coverage) -> str:
    """Each platform's Pythons (and the glibc a Linux one needs), and each pair left out, for the README."""
    lines = []
    for platform in cover.wheels:
        groups: dict[str, list[str]] = {}  # oldest glibc ("" off Linux) -> the Pythons that need it
        for v in cover.pythons(platform):
            groups.setdefault(cover.glibc.get(platform, {}).get(v, ""), []).append(v)
        parts = [", ".join(vs) + (f" (glibc {need}+)" if need else "") for need, vs in groups.items()]
        lines.append(f"  {platform}: Python {'; '.join(parts)}")
    lines += [f"  {pair}: not covered / 対象外 ({why})" for pair, why in cover.left_out.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "dist", help="folder for the zip (default: dist/)")
    parser.add_argument("--platform", nargs="+", default=["all"], metavar="NAME",
                        help=f"all (default), current (this machine and Python only), or any of: {', '.join(PLATFORMS)}")
    parser.add_argument("--python", nargs="+", default=list(PYTHONS), metavar="X.Y",
                        help="CPython versions (default: %(default)s; ignored with --platform current)")
    parser.add_argument("--strict", action="store_true", help="fail when any platform × Python pair has no wheels")
    args = parser.parse_args(argv)
    if missing_here := lacking():
        print(f"offline bundle: this Python ({sys.executable}) lacks {', '.join(missing_here)}, which the build needs\n"
              f"(rouei's own dependencies read the bundled rules). From the repository's folder, run:\n  {COMMAND}",
              file=sys.stderr)
        return 2
    if args.platform == ["current"]:
        targets, pythons = [current_platform()], [None]
    else:
        names = list(PLATFORMS) if args.platform == ["all"] else args.platform
        unknown = [n for n in names if n not in PLATFORMS]
        bad = [v for v in args.python if not re.fullmatch(r"3\.\d{1,2}", v)]
        if unknown:
            parser.error(f"unknown platform {', '.join(unknown)}; use all, current or {', '.join(PLATFORMS)}")
        if bad:
            parser.error(f"--python takes versions such as 3.12, not {', '.join(bad)}")
        targets, pythons = [PLATFORMS[n] for n in names], args.python
    started = time.monotonic()
    try:
        archive = build(args.output, targets, pythons, args.strict)
    except BuildError as exc:
        print(f"offline bundle: {exc}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(archive) as zf:
        count = sum(n.endswith(".whl") for n in zf.namelist())
        manifest = tomllib.loads(zf.read(next(n for n in zf.namelist() if n.endswith("/MANIFEST.toml"))).decode())
    print(f"{archive} ({archive.stat().st_size / 1e6:.1f} MB, {count} wheels, {time.monotonic() - started:.0f} s)")
    for pair, why in manifest["left_out"].items():
        print(f"  not covered: {pair}: {why}")
    print(f"SHA-256 {sha256(archive)}: send it to the receiving side by another channel")
    return 0


if __name__ == "__main__":
    sys.exit(main())
