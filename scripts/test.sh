#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Keycloak 26.7.3
# distribution on embedded H2, PostgreSQL and MariaDB. Needs: JDK 17, Maven, PostgreSQL on
# 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (see README), dnsmasq, and Debian's chromium
# with chromium-driver (browser tests run headless).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in /usr/sbin/dnsmasq /usr/bin/chromium /usr/bin/chromedriver; do
  if ! [ -x "$tool" ]; then
    echo "$tool is missing: sudo apt-get install dnsmasq-base chromium chromium-driver" >&2
    exit 1
  fi
done
bash scripts/test-databases.sh
mvn -B clean install "$@"
