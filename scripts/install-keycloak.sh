#!/usr/bin/env bash
# Installs a fresh Keycloak 26.7.3 (from Maven Central, cached in ~/.m2) into DIR with the built
# Gatehouse bundle in providers/, as an operator does. Prints the Keycloak home.
# Usage: scripts/install-keycloak.sh DIR   (build first: mvn package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."

KEYCLOAK_VERSION=26.7.3
DIR="$1"
KC_HOME="$DIR/keycloak-$KEYCLOAK_VERSION"

mvn -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$DIR" >&2
rm -rf "$KC_HOME"
(cd "$DIR" && jar xf "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")   # the JDK's jar: no unzip needed
chmod +x "$KC_HOME"/bin/*.sh
cp bundle/target/providers/*.jar "$KC_HOME/providers/"
echo "$KC_HOME"
