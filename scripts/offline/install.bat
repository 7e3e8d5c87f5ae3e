@echo off
rem rouei @VERSION@: runs install.ps1 beside this file (installs from the wheels in this bundle, never the network).
rem ASCII only: cmd.exe reads this file in the console's code page.
if not exist "%~dp0install.ps1" goto unzip
if not exist "%~dp0wheels\" goto unzip
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
set code=%errorlevel%
pause
exit /b %code%
:unzip
echo This file was started from inside the zip, or the bundle is incomplete.
echo Unzip first: right-click the zip, "Extract All...", then open the extracted folder
echo and double-click install.bat there (README-offline.txt, step 3).
pause
exit /b 2
