#!/usr/bin/env bash
# Build the project the buildout way in a scratch directory, create the demo
# site, serve it and fetch the register as the demo clerk (`make test-buildout`).
#
# Buildout downloads every pinned release from the package registry, so the
# first run takes minutes. Environment:
#   PYTHON              interpreter for the fresh venv (default python3)
#   BUILDOUT_EGGS_DIR   keep buildout's eggs there and reuse them next time
#                       (default: a fresh folder inside the scratch directory)
#   KEEP_WORK=1         keep the scratch directory for inspection
# Exits non-zero when any step fails; prints how long the whole run took.
set -euo pipefail

started=$(date +%s)
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/urad-buildout.XXXXXX")
checkout=$work/checkout
var=$work/var
server_pid=""

step() {
  echo "--- $(($(date +%s) - started)) s: $*"
}

stop_server() {
  if [ -z "$server_pid" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    return 0
  fi
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    echo "The instance (pid $server_pid) did not stop within 20 s of SIGTERM: sending SIGKILL" >&2
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

finish() {
  local status=$?
  stop_server
  if [ "${KEEP_WORK:-0}" = 1 ]; then
    echo "Scratch directory kept: $work"
  else
    rm -rf "$work"
  fi
  local elapsed=$(($(date +%s) - started))
  if [ "$status" -eq 0 ]; then
    echo "test-buildout passed in ${elapsed} s"
  else
    echo "test-buildout FAILED (exit status $status) after ${elapsed} s" >&2
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "test-buildout: $*" >&2
  exit 1
}

# The whole run is one function, so bash parses all of it before it starts
# and an edit of this file during a run cannot change the running steps.
main() {
  step "copying the checkout to $checkout"
  mkdir -p "$checkout"
  # Tracked and new files of the work tree, without ignored ones (.venv, var, bin).
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    tar --null --files-from=- --ignore-failed-read -cf -) | tar -xf - -C "$checkout"
  [ -f "$checkout/buildout.cfg" ] || fail "buildout.cfg is missing in $repo"
  bash "$checkout/scripts/i18n.sh"

  step "creating a fresh venv with zc.buildout from constraints.txt"
  "$python" -m venv "$work/venv"
  "$work/venv/bin/pip" install -q -c "$checkout/constraints.txt" \
    pip setuptools wheel zc.buildout

  port=$("$python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
  eggs=${BUILDOUT_EGGS_DIR:-$work/eggs}
  mkdir -p "$eggs"
  eggs=$(cd "$eggs" && pwd)

  step "running buildout (instance on 127.0.0.1:$port, data in $var)"
  cd "$checkout"
  # -U: ignore ~/.buildout/default.cfg so only the project's settings count.
  "$work/venv/bin/buildout" -U -N \
    "buildout:eggs-directory=$eggs" \
    "site:host=127.0.0.1" "site:port=$port" "site:var=$var"
  [ -x bin/instance ] || fail "buildout did not create bin/instance"

  step "creating the demo site with bin/instance run scripts/create_site.py"
  VAR_DIR=$var bin/instance run scripts/create_site.py ||
    fail "scripts/create_site.py failed under bin/instance"
  [ -f "$var/filestorage/Data.fs" ] || fail "no FileStorage at $var/filestorage"

  step "starting the instance"
  bin/instance console >"$work/instance.out" 2>&1 &
  server_pid=$!

  step "fetching /urad/podnety as the demo clerk"
  if ! "$python" - "$port" "$server_pid" "$checkout" <<'PYTHON'; then
"""Wait for the instance, then check the register page the clerk sees."""

import base64
import os
import pathlib
import re
import sys
import time
import urllib.error
import urllib.request

port, pid, checkout = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
url = f"http://127.0.0.1:{port}/urad/podnety"
# The demo users' password is defined once, in the demo module.
demo = (checkout / "src/urad/podnety/demo.py").read_text(encoding="utf-8")
found = re.search(r'^DEMO_PASSWORD = "([^"]+)"$', demo, re.MULTILINE)
if found is None:
    sys.exit("DEMO_PASSWORD not found in src/urad/podnety/demo.py")
login = base64.b64encode(f"referentka:{found[1]}".encode()).decode()
request = urllib.request.Request(url, headers={"Authorization": f"Basic {login}"})
deadline = time.monotonic() + 180
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("the instance exited before it served the site")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, page = response.status, response.read().decode("utf-8")
        break
    except urllib.error.HTTPError as error:
        sys.exit(f"GET {url} failed: HTTP {error.code}")
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit(f"GET {url} timed out after 180 s: {error}")
        time.sleep(1)
if status != 200:
    sys.exit(f"GET {url} returned HTTP {status}, expected 200")
if "podnět" not in page.lower():
    sys.exit(f"GET {url}: the page does not contain the word 'podnět'")
if 'name="__ac_password"' in page:
    sys.exit(f"GET {url}: the login form was served, not the register")
if "PDN-" not in page:
    sys.exit(f"GET {url}: no reference number of a demo podnět on the page")
print(f"GET {url} as referentka: HTTP {status}, {len(page)} characters")
PYTHON
    echo "Last lines of the instance output:" >&2
    tail -n 40 "$work/instance.out" >&2 || true
    exit 1
  fi

  step "stopping the instance"
  stop_server
}

main "$@"
