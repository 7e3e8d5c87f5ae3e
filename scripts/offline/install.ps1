# rouei @VERSION@: installs from the wheels beside this script, never from the network.
# Usage: powershell -ExecutionPolicy Bypass -File install.ps1 [VENV_FOLDER]   (or double-click install.bat)
$ErrorActionPreference = "Stop"
$here = $PSScriptRoot
$venv = if ($args.Count -gt 0) { $args[0] } else { Join-Path $here "venv" }
$wanted = "@PYTHONS@".Split(" ")
$check = "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] in '@PYTHONS@'.split() else 1)"

function Test-Python($exe, $pre) {
    try { & $exe @pre -c $check 2>$null | Out-Null; return $LASTEXITCODE -eq 0 } catch { return $false }
}

$candidates = @()
if ($env:PYTHON) { $candidates += , @($env:PYTHON, @()) }
[array]::Reverse($wanted)
foreach ($v in $wanted) { $candidates += , @("py", @("-$v")) }
$candidates += , @("python", @())
$found = $null
foreach ($c in $candidates) { if (Test-Python $c[0] $c[1]) { $found = $c; break } }
if (-not $found) {
    Write-Host "rouei needs Python @PYTHONS_TEXT@ (https://www.python.org/downloads/windows/). See README-offline.txt."
    Write-Host "rouei には Python @PYTHONS_TEXT@ が必要です。README-offline.txt を参照してください。"
    exit 2
}
$exe, $pre = $found[0], $found[1]
& $exe @pre -m venv $venv
if ($LASTEXITCODE -ne 0) { Write-Host "Could not create $venv / $venv を作成できません"; exit 2 }
# Only the wheels in this bundle: no index, no configuration that could name one.
Remove-Item Env:PIP_INDEX_URL, Env:PIP_EXTRA_INDEX_URL, Env:PIP_FIND_LINKS -ErrorAction SilentlyContinue
$env:PIP_CONFIG_FILE = "nul"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
& (Join-Path $venv "Scripts\python.exe") -m pip install --no-index --find-links (Join-Path $here "wheels") --upgrade "rouei==@VERSION@"
if ($LASTEXITCODE -ne 0) { exit 1 }
$rouei = Join-Path $venv "Scripts\rouei.exe"
& $rouei --version
& $rouei flows check
if ($LASTEXITCODE -ne 0) { exit 1 }
Write-Host ""
Write-Host "OK: $rouei"
