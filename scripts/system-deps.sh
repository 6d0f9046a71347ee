#!/usr/bin/env bash
# System packages Rixin needs beyond Python: Chromium (browser tests), fonts for the PDF
# reports (Noto Sans/Serif CJK; AR PL UKai for 楷体; FandolFang for 仿宋), gettext
# (translations), poppler-utils (pdftotext, pdffonts, pdftoppm in report tests) and wrk
# (make bench's load). Installed with apt when missing and we are root; otherwise we say
# what is missing and go on.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "AR PL UKai" || need+=(fonts-arphic-ukai)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v wrk >/dev/null 2>&1 || need+=(wrk)  # make bench's mixed read load
# FandolFang (仿宋) is packaged only inside texlive-lang-chinese, which would bring TeX Live
# with it: we take the package's Fandol fonts alone into /usr/local/share/fonts.
fandol=0
fc-list 2>/dev/null | grep -qi "FandolFang" || fandol=1
[ ${#need[@]} -eq 0 ] && [ $fandol -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || echo "WARNING: apt-get update failed"
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing system packages: ${need[*]}"
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || echo "WARNING: apt-get could not install ${need[*]}"
  fi
  if [ $fandol -eq 1 ]; then
    echo "Installing the Fandol fonts of texlive-lang-chinese"
    work=$(mktemp -d)
    chmod 777 "$work"
    if (cd "$work" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1) \
      && dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/x"; then
      mkdir -p /usr/local/share/fonts/fandol
      cp "$work"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol*.otf \
        /usr/local/share/fonts/fandol/
      fc-cache -f /usr/local/share/fonts >/dev/null
    else
      echo "WARNING: could not get the Fandol fonts (texlive-lang-chinese)"
    fi
    rm -rf "$work"
  fi
else
  echo "WARNING: missing system packages (install them as root): ${need[*]}"
  [ $fandol -eq 1 ] && echo "WARNING: FandolFang missing: texlive-lang-chinese's fonts/opentype/public/fandol"
fi
exit 0
