#!/usr/bin/env bash
# System packages Rixin needs beyond Python: Chromium (browser tests), Noto CJK fonts (PDF
# reports), gettext (translations), poppler-utils (pdftotext in report tests). Installed
# with apt when missing and we are root; otherwise we say what is missing and go on.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "WARNING: apt-get could not install ${need[*]}"
else
  echo "WARNING: missing system packages (install them as root): ${need[*]}"
fi
