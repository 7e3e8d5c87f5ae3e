@echo off
rem rouei @VERSION@: starts rouei as install.bat installed it in the folder "venv" beside this file.
rem ASCII only: cmd.exe reads this file in the console's code page.
if not exist "%~dp0venv\Scripts\rouei.exe" (
  echo rouei is not installed in this folder yet: double-click install.bat here first ^(README-offline.txt^).
  exit /b 2
)
"%~dp0venv\Scripts\rouei.exe" %*
exit /b %errorlevel%
