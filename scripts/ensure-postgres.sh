#!/usr/bin/env bash
# Make sure PostgreSQL accepts connections on 127.0.0.1:${PGPORT:-5432} for the cluster
# tests and `make start-cluster`. A server that already accepts them is used as it
# is. Otherwise Debian's packages are installed when missing, and a private
# server with trust authentication on the loopback address is started from
# var/postgres-PORT (owned by the postgres user, which initdb needs).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PGPORT:-5432}"

if pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
    exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || ! command -v pg_isready >/dev/null; then
    echo "PostgreSQL is not installed: installing it from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

data="$PWD/var/postgres-$port"
run_as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    chmod 700 "$data"
    run_as_postgres "'$bindir/initdb' -D '$data' -U postgres --auth=trust -E UTF8 >/dev/null"
fi
echo "Starting a private PostgreSQL on 127.0.0.1:$port (data in $data)"
run_as_postgres "'$bindir/pg_ctl' -D '$data' -l '$data/server.log' -w \
    -o \"-h 127.0.0.1 -p $port -k /tmp\" start >/dev/null"
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    echo "PostgreSQL did not start on 127.0.0.1:$port; see $data/server.log" >&2
    exit 1
fi
