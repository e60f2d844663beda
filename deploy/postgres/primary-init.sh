#!/bin/bash
# Run once by the postgres image when it creates the primary's data folder
# (docker-compose.yml mounts it in /docker-entrypoint-initdb.d/): the role the
# replica copies and streams with, allowed from the backend network only.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL

# Replication connections are not covered by the image's "host all all all" line.
echo "host replication replicator samenet scram-sha-256" >>"$PGDATA/pg_hba.conf"
