#!/bin/sh
# System packages the tests need on Debian/Ubuntu: Debian's Chromium for the
# browser tests (never a browser downloaded by Playwright) and a CJK font so
# Chinese screenshots are readable; openpyxl, an independent xlsx reader for the
# archive tests; poppler-utils (pdftotext, pdfinfo) to read the printed report.
# Uses sudo when not run as root.
set -e
PACKAGES="chromium fonts-noto-cjk python3-openpyxl poppler-utils postgresql"
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
