#!/usr/bin/env bash
# Runs the SCIM benchmark on a Keycloak of its own (port 8180, Keycloak's SCIM API turned on with
# --features=scim-api), comparing Gatehouse SCIM with Keycloak's SCIM API and admin REST API.
# Options: --db h2|postgres (default h2; postgres uses database gatehouse_bench on 127.0.0.1:5432),
# then the benchmark's own: --users 500 --org-size 10000 --scale 100000 --threads 4
set -euo pipefail
cd "$(dirname "$0")/.."

DB=h2
if [ "${1:-}" = "--db" ]; then DB="$2"; shift 2; fi
BENCH_DIR=target/bench-scim
PORT=8180

mvn -B -q install -DskipTests
mkdir -p "$BENCH_DIR"
KC_HOME=$(scripts/install-keycloak.sh "$BENCH_DIR")

DB_OPTIONS=()
if [ "$DB" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS gatehouse_bench" -c "CREATE DATABASE gatehouse_bench"
  DB_OPTIONS=(--db=postgres --db-url=jdbc:postgresql://127.0.0.1:5432/gatehouse_bench --db-username=postgres --db-password=postgres)
fi

export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
"$KC_HOME/bin/kc.sh" start-dev --features=scim-api --http-port=$PORT --http-management-port=9180 "${DB_OPTIONS[@]}" \
  > "$BENCH_DIR/keycloak.log" 2>&1 &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null; wait $KC_PID 2>/dev/null || true' EXIT
until grep -q "started in" "$BENCH_DIR/keycloak.log"; do
  kill -0 $KC_PID 2>/dev/null || { cat "$BENCH_DIR/keycloak.log"; echo "Keycloak did not start." >&2; exit 1; }
  sleep 2
done

mvn -B -q -pl benchmark exec:java -Dexec.mainClass=io.gatehouse.benchmark.ScimBenchmark \
  -Dexec.args="--server http://localhost:$PORT $*"
