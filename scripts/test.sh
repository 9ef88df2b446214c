#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Keycloak 26.7.3
# distribution on embedded H2, PostgreSQL and MariaDB. Needs: JDK 17, Maven, PostgreSQL on
# 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (see README), and dnsmasq.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -x /usr/sbin/dnsmasq ]; then
  echo "dnsmasq is missing: sudo apt-get install dnsmasq-base" >&2
  exit 1
fi
bash scripts/test-databases.sh
mvn -B clean install "$@"
