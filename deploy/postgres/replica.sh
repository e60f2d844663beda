#!/bin/bash
# The read replica (docker-compose.yml, service db-replica), run as the postgres user:
# on the first start, copy the primary with pg_basebackup (-R writes standby.signal and
# primary_conninfo, so PostgreSQL starts as a hot standby streaming from the primary);
# then, and on every later start, run PostgreSQL on that copy. The physical slot keeps
# the primary from removing WAL the replica has not read yet.
set -euo pipefail

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    echo "db-replica: copying the primary (pg_basebackup from db)"
    export PGPASSWORD="$REPLICATION_PASSWORD"
    until pg_isready -q -h db -U replicator; do sleep 1; done
    rm -rf "${PGDATA:?}"/*
    pg_basebackup -h db -U replicator -D "$PGDATA" -R -X stream -C -S db_replica --checkpoint=fast \
        || pg_basebackup -h db -U replicator -D "$PGDATA" -R -X stream -S db_replica --checkpoint=fast
    chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
