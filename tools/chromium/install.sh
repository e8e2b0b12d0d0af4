#!/usr/bin/env sh
# Installs Debian's chromium for the dashboard's browser tests, when it is missing. Playwright's own browser
# download is not used: the tests drive this system browser through Playwright's executable-path option.
set -eu
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  apt-get update && apt-get install -y chromium
else
  sudo apt-get update && sudo apt-get install -y chromium
fi
