#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Keycloak 26.7.3
# distribution on embedded H2, PostgreSQL and MariaDB. Needs: JDK 17, Maven, PostgreSQL on
# 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (see README), dnsmasq, and Debian's chromium
# with chromium-driver (browser tests run headless); scripts/test-prerequisites.sh installs the
# Debian packages and starts the databases when they are down. The demo's files live in .demo/,
# outside every target/, so `mvn clean` here leaves a running demo alone.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-prerequisites.sh
bash scripts/test-databases.sh
mvn -B clean install "$@"
