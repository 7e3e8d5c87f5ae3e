#!/bin/sh
# rouei @VERSION@: installs from the wheels beside this script, never from the network.
# Usage: sh install.sh [VENV_FOLDER]     (default: the folder "venv" beside this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$here/venv"}
python=${PYTHON:-python3}
check='import sys; sys.exit(0 if "%d.%d" % sys.version_info[:2] in "@PYTHONS@".split() else 1)'
if ! "$python" -c "$check" 2>/dev/null; then
  echo "rouei needs Python @PYTHONS_TEXT@ ($python: $("$python" --version 2>&1 || echo 'not found')). See README-offline.txt." >&2
  echo "rouei には Python @PYTHONS_TEXT@ が必要です。README-offline.txt を参照してください。" >&2
  exit 2
fi
if ! "$python" -m venv "$venv"; then
  echo "Could not create $venv. On Debian/Ubuntu install the python3-venv package (README-offline.txt)." >&2
  echo "$venv を作成できません。Debian/Ubuntu では python3-venv パッケージが必要です（README-offline.txt）。" >&2
  exit 2
fi
# Only the wheels in this bundle: no index, no configuration that could name one.
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --no-index --find-links "$here/wheels" --upgrade "rouei==@VERSION@"
"$venv/bin/rouei" --version
"$venv/bin/rouei" flows check
echo
echo "OK: $venv/bin/rouei"
