@echo off
rem rouei @VERSION@: runs install.ps1 beside this file (installs from the wheels in this bundle, never the network).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
set code=%errorlevel%
pause
exit /b %code%
