# rouei @VERSION@: does the Python running this script fit the wheels in this bundle? (install.sh and
# install.ps1 ask each Python they find.) Exit 0: yes. Exit 1: no, and why, on one line.
# Written for any Python, old ones included, so that it can say why an old one does not fit.
from __future__ import print_function

import platform
import sys

ACCEPTS = "@ACCEPTS@"  # platform=python[:oldest glibc],...;...


def here():
    """This system as the bundle names platforms: windows-amd64, macos-arm64, linux-x86_64, ..."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    if system == "windows":
        machine = {"x86_64": "amd64"}.get(machine, machine)
    else:
        machine = {"amd64": "x86_64", "arm64": "aarch64" if system == "linux" else "arm64",
                   "aarch64": "aarch64" if system == "linux" else "arm64"}.get(machine, machine)
    return system + "-" + machine


def main():
    table = dict(part.split("=", 1) for part in ACCEPTS.split(";") if "=" in part)
    name = here()
    version = "%d.%d" % sys.version_info[:2]
    if name not in table:
        return "this bundle has no wheels for %s (it has: %s)" % (name, ", ".join(sorted(table)))
    wanted = dict((item.split(":") + [""])[:2] for item in table[name].split(","))
    if version not in wanted:
        return "Python %s does not fit: this bundle takes Python %s on %s" % (version, ", ".join(sorted(wanted)), name)
    if sys.implementation.name != "cpython":
        return "this is %s, not CPython (python.org's Python)" % sys.implementation.name
    if wanted[version]:
        libc, found = platform.libc_ver()
        have = tuple(int(x) for x in found.split(".")[:2]) if libc == "glibc" and found else (0, 0)
        need = tuple(int(x) for x in wanted[version].split("."))
        if have < need:
            return "Python %s here needs glibc %s or newer (this system: %s %s)" % (
                version, wanted[version], libc or "no glibc", found)
    return None


if __name__ == "__main__":
    why = main()
    if why:
        print(why)
    sys.exit(1 if why else 0)
