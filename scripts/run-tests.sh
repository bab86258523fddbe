#!/usr/bin/env bash
# Run the whole test suite; the fixtures start the servers the tests need.
# The cluster tests run in a pytest process of their own: they start Zope
# processes on PostgreSQL and share nothing with the in-process Plone layers.
set -uo pipefail
cd "$(dirname "$0")/.."
export ZSERVER_PORT=${ZSERVER_PORT:-55001}

run() {
  .venv/bin/pytest "$@"
  local status=$?
  if [ $status -eq 5 ]; then
    echo "pytest collected no tests: $*" >&2
    return 1
  fi
  return $status
}

run -m "not cluster" "$@"
first=$?
run -m cluster tests/cluster "$@"
second=$?
[ $first -eq 0 ] && [ $second -eq 0 ]
