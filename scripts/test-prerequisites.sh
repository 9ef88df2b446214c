#!/usr/bin/env bash
# Installs and starts what the tests need on a Debian machine, so README's test command works on a
# fresh one: Debian's dnsmasq-base, chromium and chromium-driver (apt, with sudo unless root), and the
# local PostgreSQL and MariaDB servers when they are installed but down.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} (Debian packages the tests use)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "==> Starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if command -v mariadb-admin >/dev/null && ! mariadb-admin -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; then
  echo "==> Starting MariaDB"
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi

# SAP's SCIM compliance suite runs in a JVM of its own with its own JUnit 5 and ANTLR 4.9, which the
# integration tests' JUnit 6 classpath cannot hold; resolving scimono by itself puts them into the
# local Maven repository, where ScimonoComplianceTest takes them from.
echo "==> Resolving scimono's own dependencies"
mvn -B -q dependency:get -Dartifact=com.sap.scimono:scimono-compliance-tests:0.0.24

# The webhook tests verify every delivery with the official Standard Webhooks library (npm), in a Node
# receiver; they run without network, so its packages are installed here, exactly as the lock file says.
receiver="$(cd "$(dirname "$0")/.." && pwd)/integration-tests/src/test/node/webhook-receiver"
if [ ! -f "$receiver/node_modules/standardwebhooks/package.json" ]; then
  echo "==> Installing the webhook receiver's npm packages"
  (cd "$receiver" && npm ci --no-audit --no-fund --silent)
fi
