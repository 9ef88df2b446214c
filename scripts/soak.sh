#!/usr/bin/env bash
# The SCIM soak on a two-node cluster (ClusterTest#a_soak_...): 50 SCIM clients over 4
# organizations, each request to either node, for 300 seconds by default (CI runs 60), then a
# reconciliation of what the clients were told against what the directories hold. Prints the
# throughput and the p50/p99 latency. Loopback only; PostgreSQL on 127.0.0.1:5432, as the tests.
# usage: scripts/soak.sh [seconds] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_SECONDS=${1:-300}
CLIENTS=${2:-50}

bash scripts/test-prerequisites.sh
psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'gatehouse_cluster'" | grep -q 1 \
  || bash scripts/test-databases.sh
mvn -B -q install -DskipTests
cd integration-tests
status=0
mvn -B test-compile surefire:test@cluster -Dtest='ClusterTest#a_soak*' \
  -Dgatehouse.soak.seconds="$RUN_SECONDS" -Dgatehouse.soak.clients="$CLIENTS" > target/soak.log 2>&1 || status=$?
grep -E 'Soak on two nodes|Tests run:|FAIL' target/soak.log || true
exit "$status"
