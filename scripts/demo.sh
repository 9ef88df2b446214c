#!/usr/bin/env bash
# Builds Gatehouse, installs it into a fresh Keycloak 26.7.3 (downloaded from Maven Central,
# cached in ~/.m2), imports the demo realms and starts Keycloak on http://localhost:8080 with
# the embedded H2 database. Local use only: the admin is admin/admin.
set -euo pipefail
cd "$(dirname "$0")/.."

# Outside target/: the tests' `mvn clean` must not delete the demo's Keycloak, its H2 data and its mail log.
DEMO_DIR=.demo
DNS_RESOLVER="${GATEHOUSE_DNS_RESOLVER:-127.0.0.1:5353}"

echo "==> Building Gatehouse"
mvn -B -q package -DskipTests

echo "==> Installing the bundle into a fresh Keycloak (downloaded once, cached in ~/.m2)"
mkdir -p "$DEMO_DIR"
KC_HOME=$(scripts/install-keycloak.sh "$DEMO_DIR")
mkdir -p "$KC_HOME/data/import"
cp realm-templates/demo/*.json "$KC_HOME/data/import/"
"$KC_HOME/bin/kc.sh" build >/dev/null

# Waits until LOG says STARTED, or shows LOG and fails when process PID is gone.
wait_for() {
  local pid=$1 log=$2 started=$3 what=$4
  until grep -q "$started" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log"; echo "$what did not start." >&2; exit 1
    fi
    sleep 1
  done
}

echo "==> Starting the demo mail server (Keycloak's mail is printed to $DEMO_DIR/mail.log)"
mvn -B -q -pl demo-mail exec:java > "$DEMO_DIR/mail.log" 2>&1 &
MAIL_PID=$!
trap 'kill $MAIL_PID 2>/dev/null; wait $MAIL_PID 2>/dev/null' INT TERM EXIT
wait_for $MAIL_PID "$DEMO_DIR/mail.log" "listening" "The demo mail server"

echo "==> Starting Keycloak (Ctrl-C stops it)"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
# The demo's customer IdP is this same Keycloak on localhost, so the demo allows loopback for server-side
# fetches and IdP endpoints; production allows no internal network unless the operator names one.
# Two regions plus local, as the runbook's dev setup has: the onboarding page offers them in a dropdown.
"$KC_HOME/bin/kc.sh" start-dev --import-realm --features=declarative-ui \
  --spi-gatehouse-organizations--default--dns-resolver="$DNS_RESOLVER" \
  --spi-gatehouse-organizations--default--regions="eu-west-1=EU West 1|https://eu.app.demo.test,us-east-1=US East 1|https://us.app.demo.test,local=Local|http://localhost" \
  --spi-gatehouse-organizations--default--fetch-allowed-networks=127.0.0.1/32,::1/128 > "$DEMO_DIR/keycloak.log" 2>&1 &
KC_PID=$!
trap 'kill $KC_PID $MAIL_PID 2>/dev/null; wait $KC_PID $MAIL_PID 2>/dev/null' INT TERM EXIT

wait_for $KC_PID "$DEMO_DIR/keycloak.log" "started in" "Keycloak"

cat <<INFO

  Gatehouse demo is up (log: $DEMO_DIR/keycloak.log)

  Admin console      http://localhost:8080/admin/master/console/#/demo/organizations
                     admin / admin   (bootstrap admin: for local use only)
  Onboarding page    http://localhost:8080/admin/master/console/#/demo/page-section/gatehouse-onboarding
  Org overview       http://localhost:8080/realms/master/gatehouse-admin/?realm=demo
  Management API     http://localhost:8080/admin/realms/demo/gatehouse/orgs
  OpenAPI            http://localhost:8080/admin/realms/demo/gatehouse/openapi.json
  Demo realm         demo: organization "acme" (domain acme.test), client demo-app
  Customer IdP realm customer-idp: alice@acme.test, bob@acme.test, mallory@evil.test
                     password: password   (http://localhost:8080/realms/customer-idp/account)
  DNS look-ups       $DNS_RESOLVER   (publish a TXT record: scripts/demo-dns.sh NAME VALUE)
  Mail               $DEMO_DIR/mail.log   (invitations and other mail the demo realm sends)

INFO
wait $KC_PID
