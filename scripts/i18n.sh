#!/usr/bin/env bash
# Merge the Czech translation fragments of each part into the catalog Zope reads.
set -euo pipefail
cd "$(dirname "$0")/../src/urad/podnety/locales"
target=cs/LC_MESSAGES/urad.podnety.po
mkdir -p cs/LC_MESSAGES
if ! command -v msgcat >/dev/null; then
  echo "msgcat (gettext) is missing; keeping the committed $target" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=(header.po)
shopt -s nullglob
for fragment in fragments/*.po; do
  # msgcat reads the charset from each file's header; fragments may omit it.
  if grep -q 'Content-Type: text/plain; charset' "$fragment"; then
    inputs+=("$fragment")
  else
    { cat header.po; echo; cat "$fragment"; } >"$work/$(basename "$fragment")"
    inputs+=("$work/$(basename "$fragment")")
  fi
done
msgcat --use-first --no-wrap --sort-output "${inputs[@]}" -o "$work/merged.po"
if [ -f "$work/merged.po" ]; then
  cp "$work/merged.po" "$target"
else
  cp header.po "$target"
fi
