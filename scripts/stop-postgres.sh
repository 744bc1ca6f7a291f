#!/usr/bin/env bash
# stop-postgres.sh DATA - stop the throw-away PostgreSQL server start-postgres.sh started in DATA, and remove
# DATA. Does nothing for a folder that holds no server.
set -uo pipefail
DATA=${1:?usage: stop-postgres.sh DATA}
case "$(basename "$DATA")" in lw-pg.*) ;; *) echo "stop-postgres: $DATA is not a throw-away server folder" >&2; exit 2 ;; esac
if [ -f "$DATA/postmaster.pid" ]; then
  PGBIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  RUN=(bash -c)
  if [ "$(id -u)" = 0 ]; then RUN=(su postgres -s /bin/bash -c); fi
  "${RUN[@]}" "$PGBIN/pg_ctl -D $DATA -m fast -w stop >/dev/null 2>&1" || true  # a server already gone: nothing to say
fi
rm -rf "$DATA"
