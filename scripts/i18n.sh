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
msgcat --use-first --no-wrap --sort-output "${fragments[@]}" -o "$target.new"
# Keep the header first; msgcat sorts it there because its msgid is empty.
mv "$target.new" "$target"
