#!/bin/sh
# rouei @VERSION@: installs from the wheels beside this script, never from the network.
# Usage: sh install.sh [VENV_FOLDER]     (default: the folder "venv" beside this script)
# The Python: $PYTHON if set, else the newest python3.X on the PATH that fits this bundle, else python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$here/venv"}
if [ ! -d "$here/wheels" ] || [ ! -f "$here/check_python.py" ]; then
  echo "The bundle is incomplete: unzip the whole zip first, then run install.sh from the unzipped folder." >&2
  echo "バンドルが不完全です。zip 全体を展開してから、展開したフォルダの install.sh を実行してください。" >&2
  exit 2
fi
fits() { command -v "$1" >/dev/null 2>&1 && "$1" "$here/check_python.py" >/dev/null 2>&1; }
python=
if [ -n "${PYTHON:-}" ]; then
  if fits "$PYTHON"; then python=$PYTHON; fi
else
  for candidate in python3.15 python3.14 python3.13 python3.12 python3.11 python3; do
    if fits "$candidate"; then python=$candidate; break; fi
  done
fi
if [ -z "$python" ]; then
  tried=${PYTHON:-python3}
  why=$("$tried" "$here/check_python.py" 2>&1 || true)
  [ -n "$why" ] || why="$tried not found"
  echo "rouei needs Python @PYTHONS_TEXT@ (CPython); none was found that fits: $why" >&2
  echo "Install one (README-offline.txt says which and where: https://www.python.org/downloads/ or your distribution's python3.X package), or name it: PYTHON=/path/to/python3.12 sh install.sh" >&2
  echo "rouei には Python @PYTHONS_TEXT@ が必要ですが、合うものが見つかりません: $why" >&2
  echo "README-offline.txt の手順で入れるか、PYTHON=/path/to/python3.12 sh install.sh のように指定してください。" >&2
  exit 2
fi
echo "Python: $(command -v "$python") ($("$python" --version 2>&1))"
if ! "$python" -m venv "$venv"; then
  echo "Could not create $venv. On Debian/Ubuntu install the python3-venv package (README-offline.txt)." >&2
  echo "$venv を作成できません。Debian/Ubuntu では python3-venv パッケージが必要です（README-offline.txt）。" >&2
  exit 2
fi
# Only the wheels in this bundle: no index, no configuration that could name one.
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1
"$venv/bin/python" -m pip install --no-index --find-links "$here/wheels" --upgrade "rouei==@VERSION@"
"$venv/bin/rouei" --version
"$venv/bin/rouei" flows check
chmod +x "$here/rouei" 2>/dev/null || true
echo
if [ "$venv" = "$here/venv" ]; then
  echo "OK. Start rouei from this folder with:  ./rouei   (e.g. ./rouei new, ./rouei --help)"
  echo "導入しました。このフォルダで ./rouei と入力すると起動します（例: ./rouei new、./rouei --help）。"
else
  echo "OK. Start rouei with:  $venv/bin/rouei"
  echo "導入しました。起動: $venv/bin/rouei"
fi
