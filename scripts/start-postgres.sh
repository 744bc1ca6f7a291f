#!/usr/bin/env bash
# start-postgres.sh - start a throw-away PostgreSQL server on 127.0.0.1:$PGPORT for the firm-mode tests.
# Prints the SQLAlchemy URL to use as LEDGERWATCH_TEST_PG_URL. Needs Debian's postgresql package.
# The server's data folder is $LW_PG_DATA if set (an empty folder), else a new one; stop-postgres.sh DATA
# stops the server and removes it.
set -euo pipefail
PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGBIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "start-postgres: PostgreSQL is not installed" >&2; exit 1; }
DATA=${LW_PG_DATA:-$(mktemp -d -t lw-pg.XXXXXX)}
RUN=(bash -c)
if [ "$(id -u)" = 0 ]; then chown postgres "$DATA"; RUN=(su postgres -s /bin/bash -c); fi
"${RUN[@]}" "$PGBIN/initdb -D $DATA -U postgres --auth=trust -E UTF8 >/dev/null"
"${RUN[@]}" "$PGBIN/pg_ctl -D $DATA -o '-p $PGPORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off' -l $DATA/server.log -w start >/dev/null"
echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
