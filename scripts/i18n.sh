#!/usr/bin/env bash
# Merge the Czech translation fragments of each part into the catalog Zope reads.
set -euo pipefail
cd "$(dirname "$0")/../src/urad/podnety/locales"
target=cs/LC_MESSAGES/urad.podnety.po
mkdir -p cs/LC_MESSAGES
shopt -s nullglob
fragments=(header.po fragments/*.po)
if ! command -v msgcat >/dev/null; then
  echo "msgcat (gettext) is missing; keeping the committed $target" >&2
  exit 0
fi
rm -f "$target.new"
msgcat --use-first --no-wrap --sort-output "${fragments[@]}" -o "$target.new"
# msgcat writes no file when there is nothing but the header.
if [ -f "$target.new" ]; then
  mv "$target.new" "$target"
else
  cp header.po "$target"
fi
