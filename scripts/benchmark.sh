#!/usr/bin/env bash
# Runs the SSO benchmark against a running server (start it with scripts/demo.sh first).
# Options: --server http://localhost:8080 --logins 100 --orgs 10000 --user admin --password admin
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl benchmark -am
mvn -B -q -pl benchmark exec:java -Dexec.args="$*"
