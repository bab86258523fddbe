#!/bin/sh
# Start (or stop: `start_cluster.sh stop`) two Zope instances on RelStorage/PostgreSQL
# behind the round-robin balancer. Settings: see scripts/cluster/cluster.py.
set -e
cd "$(dirname "$0")/.."
[ $# -eq 0 ] && set -- start
exec .venv/bin/python scripts/cluster/cluster.py "$@"
