#!/usr/bin/env bash
# Run the whole test suite; the fixtures start the servers the tests need.
set -uo pipefail
cd "$(dirname "$0")/.."
export ZSERVER_PORT=${ZSERVER_PORT:-55001}
.venv/bin/pytest "$@"
status=$?
if [ $status -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit $status
