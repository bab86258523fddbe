#!/usr/bin/env bash
# Start (or stop) the demo SMTP sink that stores outgoing mail in var/outbox.
set -euo pipefail
var=${1:-var}
port=${2:-8025}
pidfile="$var/smtp-sink.pid"
if [ "${3:-}" = "stop" ]; then
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
  exit 0
fi
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  exit 0
fi
mkdir -p "$var/log" "$var/outbox"
nohup .venv/bin/podnety-smtp-sink --port "$port" --outbox "$var/outbox" \
  >>"$var/log/smtp-sink.log" 2>&1 &
pid=$!
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
  echo "The demo SMTP sink could not start on port $port (see $var/log/smtp-sink.log)." >&2
  echo "Another demo may be using it: run with SMTP_PORT=8026 make start." >&2
  exit 1
fi
echo "$pid" >"$pidfile"
