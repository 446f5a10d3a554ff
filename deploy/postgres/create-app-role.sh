#!/bin/sh
# Runs once, when the PostgreSQL container creates its database: the API's own role, which owns nothing.
# The `migrate` service (the owner) then grants it its rights with `pnpm cli db:grant-app`.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role=relais_app -v password="${RELAIS_APP_PASSWORD:?set RELAIS_APP_PASSWORD}" <<'EOSQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
EOSQL
