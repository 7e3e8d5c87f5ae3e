# rouei @VERSION@: installs from the wheels beside this script, never from the network.
# Usage: powershell -ExecutionPolicy Bypass -File install.ps1 [VENV_FOLDER]   (or double-click install.bat)
# Saved as UTF-8 with a BOM: Windows PowerShell 5.1 reads a file without one in the ANSI code page.
$ErrorActionPreference = "Stop"
$here = $PSScriptRoot
$venv = if ($args.Count -gt 0) { $args[0] } else { Join-Path $here "venv" }
$checker = Join-Path $here "check_python.py"
if (-not (Test-Path (Join-Path $here "wheels")) -or -not (Test-Path $checker)) {
    Write-Host "The bundle is incomplete: unzip the whole zip first (right-click, Extract All...), then run install.bat in the extracted folder."
    Write-Host "バンドルが不完全です。zip 全体を展開（右クリック →「すべて展開」）してから、展開したフォルダの install.bat を実行してください。"
    exit 2
}

function Test-Python($exe, $pre) {
    try { & $exe @pre $checker *> $null; return $LASTEXITCODE -eq 0 } catch { return $false }
}

# The Python: $env:PYTHON if set; else the newest one the py launcher knows that fits; else "python".
$candidates = @()
if ($env:PYTHON) {
    $candidates += , @($env:PYTHON, @())
} else {
    foreach ($v in "@WINDOWS_PYTHONS@".Split(" ")) { $candidates += , @("py", @("-$v")) }
    $candidates += , @("python", @())
}
$found = $null
foreach ($c in $candidates) { if (Test-Python $c[0] $c[1]) { $found = $c; break } }
if (-not $found) {
    Write-Host "rouei needs Python @PYTHONS_TEXT@ (64-bit) and none was found that fits."
    Write-Host "Install it from https://www.python.org/downloads/windows/ : the 'Windows installer (64-bit)', with 'Add python.exe to PATH' ticked (README-offline.txt, step 1)."
    Write-Host "rouei には Python @PYTHONS_TEXT@（64ビット）が必要ですが、合うものが見つかりません。"
    Write-Host "https://www.python.org/downloads/windows/ の「Windows installer (64-bit)」を、「Add python.exe to PATH」にチェックを入れて導入してください（README-offline.txt の 1）。"
    exit 2
}
$exe, $pre = $found[0], $found[1]
Write-Host ("Python: " + (& $exe @pre -c "import sys; print(sys.executable, sys.version.split()[0])"))
& $exe @pre -m venv $venv
if ($LASTEXITCODE -ne 0) { Write-Host "Could not create $venv / $venv を作成できません"; exit 2 }
# Only the wheels in this bundle: no index, no configuration that could name one.
Remove-Item Env:PIP_INDEX_URL, Env:PIP_EXTRA_INDEX_URL, Env:PIP_FIND_LINKS -ErrorAction SilentlyContinue
$env:PIP_CONFIG_FILE = "nul"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
$env:PIP_NO_INDEX = "1"
& (Join-Path $venv "Scripts\python.exe") -m pip install --no-index --find-links (Join-Path $here "wheels") --upgrade "rouei==@VERSION@"
if ($LASTEXITCODE -ne 0) { exit 1 }
$rouei = Join-Path $venv "Scripts\rouei.exe"
& $rouei --version
& $rouei flows check
if ($LASTEXITCODE -ne 0) { exit 1 }
Write-Host ""
if ($venv -eq (Join-Path $here "venv")) {
    Write-Host "OK. Start rouei from this folder with:  .\rouei.cmd   (e.g. .\rouei.cmd new, .\rouei.cmd --help)"
    Write-Host "導入しました。このフォルダで .\rouei.cmd と入力すると起動します（例: .\rouei.cmd new、.\rouei.cmd --help）。"
} else {
    Write-Host "OK. Start rouei with:  $rouei"
    Write-Host "導入しました。起動: $rouei"
}
